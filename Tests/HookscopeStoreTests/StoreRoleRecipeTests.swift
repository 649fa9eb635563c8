import Foundation
import HookscopeCore
import HookscopeStore
import PostgresTestServer
import Synchronization
import Testing

/// The README's recipe for a writer role and a read-only role, run as a newcomer would run
/// it (the `psql <<'SQL'` block, verbatim) against a fresh server of the newest installed
/// PostgreSQL: a listener with the writer role creates the tables and stores; an attached
/// client with the reader role reads them and cannot change them.
@Suite struct StoreRoleRecipeTests {
    @Test func readmeRoleRecipeWorks() async throws {
        let script = try Self.readmeRecipe()
        #expect(script.contains("CREATE SCHEMA hookscope AUTHORIZATION hookscope_writer"))
        let server = try await PostgresTestServer.offThePool { try PostgresTestServer.shared() }
        // The recipe names its database `hooks`; only this test uses that name.
        _ = try await PostgresTestServer.offThePool { try server.newDatabase(named: "hooks") }
        try server.psqlScript("hooks", script)

        let writerURL = try StoreURL(parsing: server.url(database: "hooks", user: "hookscope_writer"))
        let writer = StoreWriter(connector: StoreConnector(url: writerURL), listenerName: "server-1", queueBytes: 1 << 20, retention: nil)
        try await writer.connect()
        writer.begin(listenerURL: "http://127.0.0.1:1")
        for n in 1...3 {
            var exchange = delivery(n)
            exchange.id = n
            writer.enqueue(.captured, exchange)
        }
        let status = await writer.finish(patience: .seconds(60))
        #expect(status.written == 3 && status.lost == 0 && status.waiting == 0)
        #expect(try server.psql("hooks", "SELECT count(*) FROM hookscope.hookscope_exchanges").trimmed == "3")

        let readerURL = try StoreURL(parsing: server.url(database: "hooks", user: "hookscope_reader"))
        let read = try await StoreReader(connector: StoreConnector(url: readerURL), start: .id(1)).readOnce()
        #expect(read.map(\.target) == ["/a/1", "/a/2", "/a/3"])
        #expect(throws: PostgresTestServer.Failure.self) {
            try server.psql("hooks", "DELETE FROM hookscope_exchanges", as: "hookscope_reader")
        }
        #expect(try server.psql("hooks", "SELECT count(*) FROM hookscope_exchanges", as: "hookscope_reader").trimmed == "3")
        try await presenceWorksAcrossTheRoles(server: server, writer: StoreConnector(url: writerURL), reader: StoreConnector(url: readerURL))
    }

    /// Who is on the store (StorePresence, review M2) needs no grant: the writer's listener
    /// sees the reader's terminal UI by its session's name once that role may decide, and
    /// the reader sees the listener; a UI that quits stops counting. The writer's plan
    /// follower, with the shared intercept on, reports the watcher too: as one that may not
    /// decide before the grant (the listener's log names it), as one that may after.
    func presenceWorksAcrossTheRoles(server: PostgresTestServer, writer: StoreConnector, reader: StoreConnector) async throws {
        let listener = try await writer.named(StorePresence.listener(name: "server-1")).connect()
        defer { Task { try? await listener.close() } }
        let watcher = try await reader.named(StorePresence.watcher(who: "ana@laptop")).connect()
        // Closed however the test ends: postgres-nio asserts on a connection dropped open.
        defer { Task { try? await watcher.close() } }
        // The recipe's reader may look but not decide: its UI is no watcher to hold for
        // (session 15 review, M1), until it gets the grant the README names for deciding.
        #expect(try await StorePresence.current(writer).watchers == [])
        #expect(try await StorePresence.current(reader).listeners == ["server-1"])
        let plans = SharedPlanStore(connector: writer)
        try await plans.change([.intercept(true)], by: "ops@server")
        let seen = Mutex<StorePresence.Watchers?>(nil)
        let following = Task { await plans.follow(watchers: { attached in seen.withLock { $0 = attached } }, changed: { _ in }) }
        defer { following.cancel() }
        try await eventually("the plan's follower reports the watcher that may not decide") {
            seen.withLock { $0 } == StorePresence.Watchers(deciding: [], readOnly: ["ana@laptop"])
        }

        _ = try server.psql("hooks", "GRANT UPDATE ON hookscope.hookscope_held TO hookscope_reader")
        #expect(try await StorePresence.current(writer).watchers == ["ana@laptop"])
        try await eventually("the plan's follower reports the watcher") {
            seen.withLock { $0 } == StorePresence.Watchers(deciding: ["ana@laptop"], readOnly: [])
        }

        try await watcher.close()
        try await eventually("the watcher that quit no longer counts") { seen.withLock { $0 } == StorePresence.Watchers() }
        #expect(try await StorePresence.current(writer).watchers == [])
    }

    /// The heredoc between `psql … <<'SQL'` and `SQL` in the README's store section.
    static func readmeRecipe() throws -> String {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let section = text.range(of: "## Share a capture with your team"),
              let start = text.range(of: "<<'SQL'\n", range: section.upperBound..<text.endIndex),
              let end = text.range(of: "\nSQL\n", range: start.upperBound..<text.endIndex)
        else { throw Timeout(description: "README.md has no psql <<'SQL' block in its store section") }
        return String(text[start.upperBound..<end.lowerBound]) + "\n"
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
