import Foundation
import NIOSSL

/// The listening side's HTTPS (`listen --tls-cert FILE --tls-key FILE`), for a listener on a
/// server without a proxy in front. Loaded and checked before anything binds, so bad or
/// mismatched files are one line at start instead of a failed handshake per sender.
// Tested end to end by TLSCommandTests (curl --cacert, bad and mismatched files).
// UNFINISHED: URL-signed recipes behind --tls-cert without --public-url are checked
// against http://, not https:// (the analyzer does not know the listener is TLS).
public struct ListenerTLS: Sendable {
    let context: NIOSSLContext

    /// What is wrong with the files, worded for the command line.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads a PEM certificate chain (leaf first) and its PEM private key.
    public init(certificatePath: String, keyPath: String) throws {
        try Self.checkReadable(certificatePath, option: "--tls-cert")
        try Self.checkReadable(keyPath, option: "--tls-key")
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw Problem(description: "--tls-cert \(certificatePath) is not a PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        guard !chain.isEmpty else {
            throw Problem(description: "--tls-cert \(certificatePath) holds no certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw Problem(description: "--tls-key \(keyPath) is not a PEM private key (or it is encrypted; hookscope asks for no passphrase)")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)
        )
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            // BoringSSL refuses a key that does not match the leaf certificate here.
            throw Problem(description: "--tls-key \(keyPath) does not belong to the certificate in --tls-cert \(certificatePath)")
        }
    }

    private static func checkReadable(_ path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Problem(description: "\(option) \(path): no such file")
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
            throw Problem(description: "\(option) \(path): not a readable file")
        }
    }
}
