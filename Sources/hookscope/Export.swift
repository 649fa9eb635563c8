import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeFiles

/// `hookscope export`: saved exchanges as a HAR archive, curl commands or raw HTTP.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write saved exchanges as HAR 1.2, curl commands or raw HTTP.",
        discussion: """
        Example: hookscope export captures.jsonl --har out.har --curl replay.sh
        The input is a --save file (JSON Lines), a HAR archive, or a shared store (--from postgres://..., with --since). '-' writes to standard output. \
        With --curl to a file, binary or large bodies are written beside it (OUT.<id>.body) and \
        sent with --data-binary @file.
        """
    )

    @Argument(help: ArgumentHelp("A --save file (JSON Lines) or a HAR archive.", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("Read from here instead: a file or a shared store (postgres://...).", valueName: "file|url"))
    var from: String?

    @Option(help: ArgumentHelp("With a store: start at this id (1200) or this far back (2h, 7d); default: everything.", valueName: "id|age"))
    var since: String?

    @Option(help: ArgumentHelp("Write a HAR 1.2 archive here.", valueName: "out"))
    var har: String?

    @Option(help: ArgumentHelp("Write one curl command per exchange here (a shell script).", valueName: "out"))
    var curl: String?

    @Option(help: ArgumentHelp("Write the raw HTTP requests here, one after the other.", valueName: "out"))
    var raw: String?

    @Option(name: .customLong("id"), help: ArgumentHelp("Only this exchange (repeatable; default: all).", valueName: "id"))
    var ids: [Int] = []

    @Option(help: ArgumentHelp("Scheme and authority for URLs, e.g. http://127.0.0.1:3000 (default: http:// + the Host header).", valueName: "url"))
    var url: String?

    func validate() throws {
        guard (input == nil) != (from == nil) else { throw ValidationError("name one input: a file, or --from FILE|URL") }
        guard har != nil || curl != nil || raw != nil else {
            throw ValidationError("say what to write: --har OUT, --curl OUT and/or --raw OUT")
        }
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ValidationError("--url must start with http:// or https://")
        }
    }

    func run() async throws {
        do {
            let exchanges = try SavedExchanges.select(try await SavedExchanges.read(input ?? from ?? "", since: since), ids: ids)
            if let har { try write(Array(HARExport.encode(exchanges, baseURL: url).utf8), to: har) }
            if let raw { try write(RawHTTPExport.bytes(of: exchanges), to: raw) }
            if let curl { try write(Array(curlScript(exchanges, out: curl).utf8), to: curl) }
            ListenSession.printNotice("exported \(CountWords.format(exchanges.count, "exchange"))")
        } catch let failure as SavedExchanges.Failure {
            ListenSession.printError(failure.description)
            throw ExitCode(1)
        } catch let failure as OutputFile.Failure {
            ListenSession.printError(failure.description)
            throw ExitCode(1)
        }
    }

    private func curlScript(_ exchanges: [Exchange], out: String) throws -> String {
        let beside = out == "-" ? nil : URL(fileURLWithPath: out).standardizedFileURL.path
        let script = CurlExport.script(exchanges, baseURL: url, bodyFilesBeside: beside)
        for file in script.bodyFiles { try write(file.bytes, to: file.path) }
        return script.text
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        try OutputFile.write(bytes, to: path)
    }
}
