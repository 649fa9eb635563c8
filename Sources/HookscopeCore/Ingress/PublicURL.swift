/// Where senders on the internet reach this listener: given with `--public-url`, or found
/// by a tunnel. One value, read by the banner, the top bar, the headless log, the curl
/// export and the signature recipes that sign the URL (`SignedURL` resolves a request's
/// URL from it).
public struct PublicURL: Sendable, Equatable, CustomStringConvertible {
    /// `https://host[:port]` with an optional path prefix, never ending in `/`.
    public let base: String

    /// Why `text` cannot be a public URL, worded for the command line.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String) throws {
        try self.init(text, naming: "a public URL")
    }

    /// - Parameter noun: what the URL is, for the problem's words (`a smee server`).
    public init(_ text: String, naming noun: String) throws {
        let usage = "\(noun) is https://host or http://host:port, with an optional path prefix"
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            throw Problem(description: "'\(TerminalSafeText.string(text))' does not start with http:// or https://; \(usage)")
        }
        // Bytes a terminal or a header could misread: spaces, controls, and what a URL
        // sent by a sender never has before its path (query, fragment).
        guard !text.utf8.contains(where: { $0 <= 32 || $0 == 127 || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) else {
            throw Problem(description: "'\(TerminalSafeText.string(text))' has spaces, control characters, a query or a fragment; \(usage)")
        }
        guard ReplayPreparation.targetProblem(text) == nil else {
            throw Problem(description: "'\(TerminalSafeText.string(text))' has no usable host[:port]; \(usage)")
        }
        var base = Substring(text)
        while base.hasSuffix("/") { base = base.dropLast() }
        self.base = String(base)
    }

    public var description: String { base }
}
