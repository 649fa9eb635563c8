import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeServer

/// `hookscope smee new`: a new smee channel (the server answers `GET /new` with a redirect
/// whose `Location` is the channel), printed for `listen --source smee:URL`.
struct SmeeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smee",
        abstract: "smee.io channels for listen --source.",
        subcommands: [New.self]
    )

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a smee channel and print its URL.")

        @Option(help: "The smee server (any server speaking smee's protocol).")
        var server = "https://smee.io"

        func validate() throws {
            do {
                _ = try PublicURL(server, naming: "a smee server")
            } catch let problem as PublicURL.Problem {
                throw ValidationError("--server: \(problem.description)")
            }
        }

        func run() async throws {
            let base = try PublicURL(server).base
            let client = OutgoingHTTPClient(connectTimeout: .seconds(10))
            let result: Result<OutgoingResponse, OutgoingFailure>
            do {
                result = .success(try await client.send(OutgoingRequest(method: "GET", url: base + "/new", headers: [], body: []), timeout: .seconds(20)))
            } catch {
                result = .failure(error)
            }
            await client.shutdown()
            switch result {
            case .failure(let failure):
                ListenSession.printError("could not reach \(base): \(failure)")
                throw ExitCode(1)
            case .success(let response):
                guard (300..<400).contains(response.status), let location = response.headers.first(named: "Location") else {
                    ListenSession.printError("\(base)/new answered \(response.status) without a channel (no redirect with a Location); is it a smee server?")
                    throw ExitCode(1)
                }
                let channel = location.hasPrefix("/") ? base + location : location
                print(TerminalSafeText.string(channel))
                FileHandle.standardError.write(Data("listen with: hookscope --source smee:\(TerminalSafeText.string(channel))\n".utf8))
            }
        }
    }
}
