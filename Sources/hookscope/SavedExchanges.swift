import Foundation
import HookscopeCore
import HookscopeStore

/// Reads a `--save` file or a HAR archive for `export` and `replay`, reporting skipped
/// lines on standard error, and picks the exchanges asked for by id.
enum SavedExchanges {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// A file, or a shared store when `source` is a postgres:// URL (from `since`: an id or
    /// an age; default: every exchange it holds).
    static func read(_ source: String, since: String? = nil) async throws -> [Exchange] {
        guard source.hasPrefix("postgres://") || source.hasPrefix("postgresql://") else {
            if since != nil { throw Failure(description: "--since applies to a store (postgres://...), not to a file") }
            return try readFile(source)
        }
        do {
            let url = try StoreURL(parsing: source)
            let start = try since.map { try StoreReader.Start(since: $0) } ?? .id(1)
            return try await StoreReader(connector: StoreConnector(url: url), start: start).readOnce()
        } catch let failure as StoreURL.Failure {
            throw Failure(description: failure.description)
        } catch is StoreRetention.Failure {
            throw Failure(description: "--since takes an id (1200) or an age (2h, 30m, 7d), got '\(since ?? "")'")
        } catch {
            throw Failure(description: StoreConnector.reason(error))
        }
    }

    static func readFile(_ path: String) throws -> [Exchange] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read \(path)")
        }
        let contents = ExchangeFile.decode(String(decoding: data, as: UTF8.self))
        for problem in contents.problems.prefix(20) {
            ListenSession.printError(contents.format == .har
                ? "\(path): skipped \(problem.message)"
                : "\(path):\(problem.line): skipped: \(problem.message)")
        }
        return contents.exchanges
    }

    /// The exchanges with these ids, in the order the ids were given; all when none given.
    static func select(_ exchanges: [Exchange], ids: [Int]) throws -> [Exchange] {
        guard !ids.isEmpty else { return exchanges }
        return try ids.map { id in
            guard let found = exchanges.first(where: { $0.id == id }) else {
                throw Failure(description: "no exchange #\(id) in the file (ids: \(idRange(exchanges)))")
            }
            return found
        }
    }

    private static func idRange(_ exchanges: [Exchange]) -> String {
        guard let first = exchanges.map(\.id).min(), let last = exchanges.map(\.id).max() else { return "none" }
        return first == last ? "\(first)" : "\(first)…\(last)"
    }
}
