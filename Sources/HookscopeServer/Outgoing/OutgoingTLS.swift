import Foundation
import NIOSSL

/// Which certificates the outgoing side (forward, replay, send) trusts on `https://`:
/// the system's authorities, plus `--ca-cert FILE`; or none checked at all (`--insecure`).
/// Loaded and checked before anything is sent, so a bad file is one line at start.
public struct OutgoingTLS: Sendable {
    /// The `--ca-cert` file, when one was given.
    public let authorityPath: String?
    /// `--insecure`: certificates are not checked (the connection is still encrypted).
    public let insecure: Bool
    let configuration: TLSConfiguration

    /// What is wrong with the file, worded for the command line.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The system's authorities only, names checked.
    public static let systemDefault = OutgoingTLS(configuration: .makeClientConfiguration(), authorityPath: nil, insecure: false)

    private init(configuration: TLSConfiguration, authorityPath: String?, insecure: Bool) {
        self.configuration = configuration
        self.authorityPath = authorityPath
        self.insecure = insecure
    }

    /// - Parameter authorityPath: PEM certificates trusted as well as the system's (a
    ///   self-signed certificate itself, or the authority that issued the app's).
    public init(authorityPath: String?, insecure: Bool) throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let authorityPath {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: authorityPath, isDirectory: &isDirectory) else {
                throw Problem(description: "--ca-cert \(authorityPath): no such file")
            }
            guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: authorityPath) else {
                throw Problem(description: "--ca-cert \(authorityPath): not a readable file")
            }
            let certificates = (try? NIOSSLCertificate.fromPEMFile(authorityPath)) ?? []
            guard !certificates.isEmpty else {
                throw Problem(description: "--ca-cert \(authorityPath) is not a PEM certificate (-----BEGIN CERTIFICATE-----)")
            }
            configuration.additionalTrustRoots = [.certificates(certificates)]
        }
        if insecure { configuration.certificateVerification = .none }
        self.init(configuration: configuration, authorityPath: authorityPath, insecure: insecure)
    }

    /// Who did not trust a certificate, for the message that says so.
    var trustedAuthorities: String {
        authorityPath.map { "the system's authorities and --ca-cert \($0)" } ?? "the system's authorities"
    }
}
