/// What a replay sends, decided without I/O: the captured headers and body, with a fresh
/// signature when asked, the Host header rewritten when asked, and the warnings a person
/// should see first (a stale signature sent as it is).
public struct ReplayPreparation: Sendable, Equatable {
    public var headers: [HeaderField]
    public var body: [UInt8]
    public var warnings: [String]
    /// Which provider's recipe and secret signed it again, e.g. `teamwork (tw…3f)`.
    public var resignedWith: String?

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - resign: refresh the signature (and timestamp) with the provider's secret.
    ///   - hostAuthority: when set, the Host header gets this value (`localhost:3000`).
    ///   - now: unix seconds, for the new timestamp and the staleness check.
    ///   - url: where the replay goes, for recipes that sign the URL or path (Twilio, Square);
    ///     the exchange's method is signed for recipes that sign `{method}`.
    ///   - nonce: a fresh per-delivery value of a given length, for recipes that sign one
    ///     in the body (Mailgun's token); random by default.
    public init(
        _ exchange: Exchange, resign: Bool, analyzer: ProviderAnalyzer, hostAuthority: String? = nil, now: Int64, url: String? = nil,
        nonce: (Int) -> String = RequestResigner.freshNonce(length:)
    ) throws {
        headers = exchange.headers
        body = exchange.body
        warnings = []
        if exchange.bodyTruncated {
            warnings.append("#\(exchange.id) was cut at the size limit: only its first \(exchange.body.count) of \(exchange.bodySize) bytes are sent")
        }
        let providerName = exchange.analysis.provider ?? analyzer.analyze(exchange).provider
        let profile = providerName.flatMap(analyzer.profile(named:))
        if resign {
            guard let profile else {
                throw Failure(description: "#\(exchange.id): cannot re-sign, the sender is not a known provider (pin one with --provider)")
            }
            guard let secret = analyzer.secrets.secrets(for: profile.name).first else {
                throw Failure(description: "#\(exchange.id): cannot re-sign, no secret for \(profile.name): pass --secret \(profile.name)=SECRET")
            }
            do {
                if profile.signature?.bodyPath != nil {
                    // Mailgun: timestamp, token and signature are written into the body.
                    body = try RequestResigner.resignBody(body, profile: profile, secret: secret, timestamp: now, nonce: nonce)
                } else {
                    headers = try RequestResigner.resign(headers: headers, body: body, profile: profile, secret: secret, timestamp: now, url: url, method: exchange.method)
                }
            } catch let failure as RequestResigner.Failure {
                throw Failure(description: "#\(exchange.id): \(failure.description)")
            }
            resignedWith = "\(profile.name) (\(secret.label))"
        } else if let profile, let stale = RequestResigner.staleSignatureWarning(
            headers: headers, body: body, profile: profile, now: now, toleranceOverride: analyzer.toleranceOverride
        ) {
            warnings.append("#\(exchange.id): \(stale)")
        }
        if let hostAuthority {
            if let index = headers.firstIndex(where: { $0.name.caseInsensitiveEquals("Host") }) {
                headers[index].value = hostAuthority
            } else {
                headers.insert(HeaderField("Host", hostAuthority), at: 0)
            }
        }
    }

    /// `host:port` of an `http://host:port/prefix` URL, for the Host header.
    public static func authority(of url: String) -> String? {
        guard let scheme = url.firstRange(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return authority.isEmpty ? nil : String(authority)
    }
}

extension ReplayPreparation {
    /// Why a typed replay target cannot be used, or nil: `http://host[:port][/prefix]`.
    public static func targetProblem(_ url: String) -> String? {
        let usage = "a replay target is http://host:port or https://host, with an optional path"
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), !url.contains(" "),
              let authority = authority(of: url) else { return usage }
        // The port is what follows the last colon outside an IPv6 literal's brackets.
        let hostEnd = authority.lastIndex(of: "]") ?? authority.startIndex
        guard let colon = authority[hostEnd...].lastIndex(of: ":") else { return nil }
        let port = authority[authority.index(after: colon)...]
        guard let number = Int(port), (1...65535).contains(number), colon != authority.startIndex else {
            return "'\(TerminalSafeText.string(String(authority)))' is not host:port; \(usage)"
        }
        return nil
    }
}
