import HookscopeCore
import NIOCore

/// Sends captured exchanges again: byte-identical (as far as the HTTP client allows, see
/// `OutgoingHTTPClient`) unless re-signing, which refreshes the signature for the bytes
/// sent. Used by `hookscope replay` and the terminal UI's `r`.
public struct Replayer: Sendable {
    public let client: OutgoingHTTPClient
    /// Profiles and secrets for re-signing and the staleness warning.
    public var analyzer: ProviderAnalyzer
    public var timeout: TimeAmount
    /// Rewrite Host to the target's authority instead of keeping the original.
    public var rewriteHost: Bool

    public init(client: OutgoingHTTPClient, analyzer: ProviderAnalyzer, timeout: TimeAmount = .seconds(30), rewriteHost: Bool = false) {
        self.client = client
        self.analyzer = analyzer
        self.timeout = timeout
        self.rewriteHost = rewriteHost
    }

    /// What one replay sent and got back.
    public struct Outcome: Sendable {
        public var original: Exchange
        public var sent: OutgoingRequest
        public var warnings: [String]
        public var resignedWith: String?
        public var result: Result<OutgoingResponse, OutgoingFailure>

        public init(
            original: Exchange, sent: OutgoingRequest, warnings: [String], resignedWith: String?,
            result: Result<OutgoingResponse, OutgoingFailure>
        ) {
            self.original = original
            self.sent = sent
            self.warnings = warnings
            self.resignedWith = resignedWith
            self.result = result
        }
    }

    /// The request a replay would send, and its warnings, without sending it (so a caller
    /// can show the warnings first).
    public func prepare(_ exchange: Exchange, to base: String, resign: Bool, now: Int64 = Timestamp.now().nanosecondsSinceEpoch / 1_000_000_000) throws -> (OutgoingRequest, ReplayPreparation) {
        // A recipe that signs the URL signs the public URL senders call when one is known
        // (the app checks against it), else exactly the URL the request is sent to.
        var request = OutgoingRequest(exchange, base: base)
        let preparation = try ReplayPreparation(
            exchange, resign: resign, analyzer: analyzer,
            hostAuthority: rewriteHost ? ReplayPreparation.authority(of: base) : nil, now: now,
            url: ReplayPreparation.signedURL(for: exchange, sentTo: request.url, publicURL: analyzer.publicURL)
        )
        request.headers = preparation.headers
        request.body = preparation.body
        return (request, preparation)
    }

    /// Sends one exchange to `base` (scheme, authority and an optional path prefix).
    /// - Throws: `ReplayPreparation.Failure` when it cannot be prepared (re-sign without a
    ///   secret, ...); a failed delivery is an `Outcome` with a failure, not a throw.
    public func replay(_ exchange: Exchange, to base: String, resign: Bool) async throws -> Outcome {
        let (request, preparation) = try prepare(exchange, to: base, resign: resign)
        let result: Result<OutgoingResponse, OutgoingFailure>
        do {
            result = .success(try await client.send(request, timeout: timeout))
        } catch {
            result = .failure(error)
        }
        return Outcome(original: exchange, sent: request, warnings: preparation.warnings, resignedWith: preparation.resignedWith, result: result)
    }
}
