import Foundation
import HookscopeCore
import NIOCore
import NIOSSL

extension OutgoingHTTPClient {
    /// The failure in terms a person can act on. Two failures are looked at more closely,
    /// with one or two extra handshakes (only after a request failed):
    /// - an `https://` certificate that was not trusted: expired, for another name, or
    ///   self-signed / from an unknown authority, and who did not trust it;
    /// - an `http://` URL whose answer was not HTTP or whose connection broke: when a TLS
    ///   handshake works there, the app speaks TLS and the URL should say `https://`.
    func explain(_ error: any Error, url: String, timeout: TimeAmount, on eventLoop: any EventLoop) -> EventLoopFuture<OutgoingFailure> {
        let failure = Self.classify(error, timeout: timeout)
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), let host = parts.host, !host.isEmpty else {
            return eventLoop.makeSucceededFuture(failure)
        }
        let port = parts.port ?? (scheme == "https" ? 443 : 80)
        let authority = (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        let probeTimeout = min(connectTimeout, .seconds(5))
        var readsAnyCertificate = tls.configuration
        readsAnyCertificate.certificateVerification = .none

        if scheme == "https", error is NIOSSLError || error is NIOSSLExtraError, TLSErrorText.isUntrustedCertificate("\(error)") {
            var checksChainOnly = tls.configuration
            checksChainOnly.certificateVerification = .noHostnameVerification
            let read = TLSProbe.handshake(host: host, port: port, configuration: readsAnyCertificate, timeout: probeTimeout, on: eventLoop)
            let chain = TLSProbe.handshake(host: host, port: port, configuration: checksChainOnly, timeout: probeTimeout, on: eventLoop)
            let trustedAuthorities = tls.trustedAuthorities
            return read.and(chain).map { results in
                let (read, chain) = results
                var facts: CertificateTrust.Facts?
                if case .completed(let found) = read { facts = found }
                var chainIsTrusted = false
                if case .completed = chain { chainIsTrusted = true }
                return .tls(CertificateTrust(
                    authority: authority, facts: facts, chainIsTrusted: chainIsTrusted, trustedAuthorities: trustedAuthorities,
                    now: Timestamp.now().nanosecondsSinceEpoch / 1_000_000_000
                ).explanation)
            }
        }
        if scheme == "http", Self.mayHaveMetTLS(failure) {
            return TLSProbe.handshake(host: host, port: port, configuration: readsAnyCertificate, timeout: probeTimeout, on: eventLoop).map { result in
                guard case .completed = result else { return failure }
                return .tls("the app answered with TLS: use https://\(authority)")
            }
        }
        return eventLoop.makeSucceededFuture(failure)
    }

    /// A TLS server meets a plain request with an alert (not HTTP) or a closed or reset
    /// connection; a refused connection or a timeout is something else.
    private static func mayHaveMetTLS(_ failure: OutgoingFailure) -> Bool {
        switch failure {
        case .invalidResponse: return true
        case .unreachable(let why): return why != "connection refused"
        case .timedOut, .invalidRequest, .tls: return false
        }
    }
}
