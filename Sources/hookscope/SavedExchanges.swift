import Foundation
import HookscopeCore

/// Reads a `--save` file or a HAR archive for `export` and `replay`, reporting skipped
/// lines on standard error, and picks the exchanges asked for by id.
enum SavedExchanges {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func read(_ path: String) throws -> [Exchange] {
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
