import HookscopeCore
import NIOCore
import NIOPosix
import NIOSSL

/// One TLS handshake and nothing after it, to explain a failure the HTTP client reported
/// only as a code: whether the app speaks TLS at all (an `http://` URL that met a TLS
/// port), and what its certificate says (an `https://` one that was not trusted).
/// Run only after a request failed, so it costs nothing while things work.
enum TLSProbe {
    enum Outcome: Sendable {
        /// The handshake completed; the certificate's facts when it sent one.
        case completed(CertificateTrust.Facts?)
        case failed
    }

    /// - Parameter configuration: what the handshake checks (`.none` to read any
    ///   certificate, `.noHostnameVerification` to check the chain alone).
    static func handshake(
        host: String, port: Int, configuration: TLSConfiguration, timeout: TimeAmount, on eventLoop: any EventLoop
    ) -> EventLoopFuture<Outcome> {
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            return eventLoop.makeSucceededFuture(.failed)
        }
        let promise = eventLoop.makePromise(of: Outcome.self)
        // An IP address is not sent as SNI (NIO-SSL refuses it), as the HTTP client does.
        let serverName = host.contains(":") || host.split(separator: ".").allSatisfy({ UInt8($0) != nil }) ? nil : host
        let connected = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
                }
            }
            .connect(host: host, port: port)
        connected.whenFailure { _ in promise.succeed(.failed) }
        connected.whenSuccess { channel in
            // NIO-SSL holds writes until the handshake is over: this one's success is the
            // handshake's (a failed handshake fails it). Two harmless bytes, then we close.
            channel.writeAndFlush(ByteBuffer(bytes: [13, 10]))
                .flatMap { channel.nioSSL_peerCertificate() }
                .whenComplete { result in
                    switch result {
                    case .success(let certificate): promise.succeed(.completed(certificate.map(Self.facts)))
                    case .failure: promise.succeed(.failed)
                    }
                }
        }
        let deadline = eventLoop.scheduleTask(in: timeout) { promise.succeed(.failed) }
        return promise.futureResult.always { _ in
            deadline.cancel()
            connected.whenSuccess { $0.close(promise: nil) }
        }
    }

    static func facts(_ certificate: NIOSSLCertificate) -> CertificateTrust.Facts {
        func name(_ parts: [SSLCertificateName]) -> String {
            let common = parts.last { $0.type == .commonName }?.value
            let organization = parts.first { $0.type == .organization }?.value
            return common.map { "CN=\($0)" } ?? organization.map { "O=\($0)" } ?? "no name"
        }
        // NIO-SSL's only way to the subject alternative names is this underscored API.
        var names: [String] = []
        for alternative in certificate._subjectAlternativeNames() {
            let bytes = Array(alternative.contents)
            switch alternative.nameType {
            case .dnsName: names.append(String(decoding: bytes, as: UTF8.self))
            case .ipAddress where bytes.count == 4: names.append(bytes.map(String.init).joined(separator: "."))
            case .ipAddress where bytes.count == 16: names.append(Hex.encode(bytes))
            default: break
            }
        }
        if names.isEmpty, let common = certificate.subjectName.last(where: { $0.type == .commonName })?.value { names = [common] }
        return CertificateTrust.Facts(
            subject: name(certificate.subjectName), issuer: name(certificate.issuerName), names: names,
            notBefore: Int64(certificate.notValidBefore), notAfter: Int64(certificate.notValidAfter)
        )
    }
}
