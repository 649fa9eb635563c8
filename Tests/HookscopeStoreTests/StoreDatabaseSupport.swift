import Foundation
import HookscopeCore
import HookscopeStore
import PostgresTestServer
import Synchronization

/// A fresh database on the test process's PostgreSQL server for each test.
struct TestStore {
    let server: PostgresTestServer
    let urlText: String
    let url: StoreURL

    /// `dedicated`: a server of its own (stopped and started by the test; `server.stop()` it).
    /// Starting the server and creating the database wait for processes: off the pool.
    init(dedicated: Bool = false) async throws {
        let server = try await PostgresTestServer.offThePool {
            dedicated ? try PostgresTestServer.dedicated() : try PostgresTestServer.shared()
        }
        self.server = server
        urlText = try await PostgresTestServer.offThePool { try server.newDatabase() }
        url = try StoreURL(parsing: urlText)
    }

    var connector: StoreConnector { StoreConnector(url: url) }

    @discardableResult
    func psql(_ sql: String) throws -> String {
        try server.psql(url.database, sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// What a reader delivered, in order.
final class Collected: Sendable {
    private let rows = Mutex<[Exchange]>([])

    func add(_ exchanges: [Exchange]) { rows.withLock { $0 += exchanges } }
    var all: [Exchange] { rows.withLock { $0 } }

    /// The first sight of each id, in the order seen.
    var firstSeenIDs: [Int] {
        var seen = Set<Int>()
        return all.compactMap { seen.insert($0.id).inserted ? $0.id : nil }
    }
}

struct Timeout: Error, CustomStringConvertible {
    var description: String
}

/// Polls until the condition holds or the time is up; never sleep-and-hope.
func eventually(_ what: String, timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        if ContinuousClock.now > deadline { throw Timeout(description: "not within \(timeout): \(what)") }
        try await Task.sleep(for: .milliseconds(20))
    }
}

func delivery(_ n: Int, listener: String = "a") -> Exchange {
    // Bodies of varied length and every byte value, some not UTF-8.
    var generator = n &* 2_654_435_761 &+ 1
    let length = 1 + (n * 37) % 700
    var body: [UInt8] = []
    body.reserveCapacity(length)
    for _ in 0..<length {
        generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        body.append(UInt8(truncatingIfNeeded: generator >> 33))
    }
    // Milliseconds: what the JSON Lines form keeps.
    let now = Timestamp.now().nanosecondsSinceEpoch / 1_000_000 * 1_000_000
    return Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: now), remote: "127.0.0.1:1", method: "POST", target: "/\(listener)/\(n)",
                    headers: [HeaderField("X-N", "\(n)")], body: body)
}
