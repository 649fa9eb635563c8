import ArgumentParser
import Foundation
import HookscopeCore

/// `hookscope verify`: checks one request offline and says why, with exit codes a script
/// can use: 0 valid, 1 not valid, 2 usage error.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check one request's signature offline and explain the verdict.",
        discussion: """
        Example: hookscope verify --provider teamwork --secret S --header 'Signature: 3f…' --body-file b.json
        The body is read from standard input when neither --body-file nor --request-file is given.
        Exit status: 0 valid, 1 not valid (invalid, expired, malformed, no secret, unsigned), 2 usage error.
        """
    )

    @Option(help: ArgumentHelp("The provider to check against (default: detected from the headers and body).", valueName: "name"))
    var provider: String?

    @OptionGroup var secretOptions: SecretOptions

    @Option(name: .customLong("header"), help: ArgumentHelp("A request header, 'Name: value' (repeatable).", valueName: "header"))
    var headers: [String] = []

    @Option(name: .customLong("body-file"), help: ArgumentHelp("The body, byte for byte.", valueName: "file"))
    var bodyFile: String?

    @Option(name: .customLong("request-file"), help: ArgumentHelp("A raw HTTP request: request line, headers, blank line, body.", valueName: "file"))
    var requestFile: String?

    @Option(help: ArgumentHelp("Seconds a signed timestamp may be off (default 300 per scheme).", valueName: "seconds"))
    var tolerance: Int?

    @Option(help: ArgumentHelp("The moment of receipt in unix seconds, for timestamp checks (default: now).", valueName: "unix-seconds"))
    var now: Int64?

    @Option(help: ArgumentHelp("The request path, for path pins in the config (default: / or the request file's).", valueName: "path"))
    var path: String?

    @Option(help: ArgumentHelp("The whole URL the sender signed, for recipes that sign it (Twilio, Square); default: from the request file's Host and target.", valueName: "url"))
    var url: String?

    func run() throws {
        let analysis: ExchangeAnalysis
        do {
            analysis = try check()
        } catch let error as ProviderSettings.UsageError {
            Self.fail(error.description)
        } catch let error as RawHTTPRequest.ParseError {
            Self.fail("--request-file: \(error.description)")
        }
        print(Self.describe(analysis))
        if analysis.signature.status != .valid { throw ExitCode(1) }
    }

    private func check() throws -> ExchangeAnalysis {
        guard bodyFile == nil || requestFile == nil else {
            throw ProviderSettings.UsageError("give --body-file or --request-file, not both")
        }
        var requestHeaders: [HeaderField] = []
        var body: [UInt8]
        var requestPath = "/"
        var method = "POST"
        var target = "/"
        if let requestFile {
            let raw = try RawHTTPRequest(parsing: try Self.read(requestFile))
            requestHeaders = raw.headers
            body = raw.body
            method = raw.method
            target = raw.target
            requestPath = String(raw.target.prefix { $0 != "?" })
        } else if let bodyFile {
            body = try Self.read(bodyFile)
        } else {
            body = Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        requestHeaders += try headers.map(Self.parseHeader)
        var settings = try secretOptions.settings { try $0.addCommandSecret($1, provider: provider) }
        if let provider {
            // The provider to check against must be one: discovery is what verify does without it.
            if let problem = settings.names.problem(with: provider, hasSecrets: false, needsProfile: true) {
                throw ProviderSettings.UsageError("--provider: \(problem)")
            }
            try settings.addPinArgument(provider)
        }
        if let tolerance { try settings.setTolerance(seconds: tolerance, origin: "--tolerance") }
        try settings.validate()
        if let url {
            guard let urlTarget = SignedURL.target(of: url) else {
                throw ProviderSettings.UsageError("--url needs an http:// or https:// URL, got '\(TerminalSafeText.string(url))'")
            }
            // Without a request file the URL also says the path a recipe may sign.
            if requestFile == nil { target = urlTarget }
        }
        let request = SignedRequest(
            headers: requestHeaders, body: body,
            receivedAt: now ?? Timestamp.now().nanosecondsSinceEpoch / 1_000_000_000,
            method: method, target: target
        )
        var analyzer = settings.analyzer
        analyzer.exactURL = url
        return analyzer.analyze(path: path ?? requestPath, request: request)
    }

    /// The verdict in a few labelled lines; network text sanitized for the terminal.
    static func describe(_ analysis: ExchangeAnalysis) -> String {
        let s = analysis.signature
        var lines = ["provider:  \(analysis.provider.map(TerminalSafeText.string) ?? "unknown")"]
        if let event = analysis.event { lines.append("event:     \(TerminalSafeText.string(event))") }
        if let id = analysis.deliveryID { lines.append("delivery:  \(TerminalSafeText.string(id))") }
        var verdict = s.status.label(unicode: LocaleCharset.isUTF8())
        let details = [s.scheme, s.header.map { "header \(TerminalSafeText.string($0))" }].compactMap { $0 }
        if !details.isEmpty { verdict += " (\(details.joined(separator: ", ")))" }
        lines.append("signature: \(verdict)")
        if let reason = s.reason { lines.append("reason:    \(reason)") }
        return lines.joined(separator: "\n")
    }

    static func parseHeader(_ line: String) throws -> HeaderField {
        guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
            throw ProviderSettings.UsageError("--header needs 'Name: value', got '\(TerminalSafeText.string(line))'")
        }
        return HeaderField(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProviderSettings.UsageError("cannot read \(path)")
        }
        return Array(data)
    }

    /// Usage errors exit with 2 (not ArgumentParser's 64), as the verify contract says;
    /// those ArgumentParser finds itself are mapped to 2 in `Hookscope.main`.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("hookscope: error: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
