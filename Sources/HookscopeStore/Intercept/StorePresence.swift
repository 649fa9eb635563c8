import Foundation
import Logging
import PostgresNIO

/// Who is on the store right now, as the database itself lists its sessions: the attached
/// terminal UIs (a shared intercept holds requests only while one watches, review M2) and
/// the listeners (an attached UI's `i` says which it reaches). Each announces itself by the
/// `application_name` of a connection it keeps open for as long as it runs (the shared
/// plan's follower), and the others read `pg_stat_activity`.
///
/// Why the session's name and not a table of heartbeats: `pg_stat_activity` shows every
/// session's `application_name` to every role (only the query, state and client address
/// are hidden from roles that do not own the session), so the reader role of the README's
/// recipe, which may only SELECT, announces itself without a grant or a migration. And a
/// session ends with its process (closed at exit or by the kernel when it dies; a laptop
/// that vanished is found by the TCP keepalive asked for below), so no leftover row can
/// make listeners hold requests for a terminal UI that is gone.
///
/// UNFINISHED: sessions are matched in the current database only; stores kept in two
/// schemas of one database see each other's terminal UIs (they then hold as before this
/// existed).
public enum StorePresence {
    static let watcherPrefix = "hookscope ui: "
    static let listenerPrefix = "hookscope listen: "

    /// The connection settings of a session that announces itself: a peer silent for 15 s
    /// is probed 3 times, 5 s apart (ignored on Unix sockets), so a vanished laptop stops
    /// counting within about 30 s instead of the system's two hours. Probes go out only on
    /// an idle connection: once the server has a NOTIFY queued for the vanished peer (a
    /// plan change), retransmission decides instead (about 15 min by default), so
    /// `tcp_user_timeout` (PostgreSQL 12 and later) bounds unacknowledged data to 30 s too
    /// (session 15 review, L4; not tested: it needs a peer that vanishes mid-send).
    public static let keepalive = [
        ("tcp_keepalives_idle", "15"),
        ("tcp_keepalives_interval", "5"),
        ("tcp_keepalives_count", "3"),
        ("tcp_user_timeout", "30000"),
    ]

    /// The name of an attached terminal UI's session (`who` is user@host).
    public static func watcher(who: String) -> String { clipped(watcherPrefix + who) }

    /// The name of a listener's session (`name` is its `--name`).
    public static func listener(name: String) -> String { clipped(listenerPrefix + name) }

    /// What PostgreSQL keeps of an application_name: printable ASCII (it writes `?` for
    /// anything else) and at most 63 bytes. Done here so that what is matched is what is
    /// sent.
    static func clipped(_ name: String) -> String {
        let ascii = name.unicodeScalars.map { (32...126).contains($0.value) ? Character($0) : "?" }
        return String(ascii.prefix(63))
    }

    /// The attached terminal UIs (user@host each, sorted, once each), by whether their role
    /// may decide a held request. A UI whose role may not UPDATE `hookscope_held` (the
    /// README's reader role before its extra grant) watches but cannot answer: counting it
    /// made a headless listener hold every request until its deadline again (session 15
    /// review, M1); the listener's log names it instead.
    public struct Watchers: Sendable, Equatable {
        public var deciding: [String]
        public var readOnly: [String]
        /// False when nobody is known to watch because the store could not say (it is
        /// away, or the read failed): new requests are answered at once as for nobody, but
        /// what is held is not released for it (session 17, B3), its deadline answers it.
        public var known: Bool

        public init(deciding: [String] = [], readOnly: [String] = [], known: Bool = true) {
            self.deciding = deciding
            self.readOnly = readOnly
            self.known = known
        }

        /// Nobody, for want of an answer.
        public static let unknown = Watchers(known: false)
    }

    /// The attached terminal UIs that can decide a held request.
    static func watchers(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await attached(on: connection, logger: logger).deciding
    }

    /// Every attached terminal UI, those that may decide and those that may not, in one
    /// round trip.
    static func attached(on connection: PostgresConnection, logger: Logger) async throws -> Watchers {
        let sessions = try await names(prefix: watcherPrefix, on: connection, logger: logger)
        return Watchers(deciding: sessions.filter(\.mayDecide).map(\.name), readOnly: sessions.filter { !$0.mayDecide }.map(\.name))
    }

    /// The listeners (their names, sorted, once each).
    static func listeners(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await names(prefix: listenerPrefix, on: connection, logger: logger).map(\.name)
    }

    /// The sessions named with `prefix` (their names after it, sorted, once each) and
    /// whether their role may UPDATE `hookscope_held`; a name on two sessions may when
    /// either's role may. `usesysid` is shown to every role, like `application_name`; the
    /// table name resolves by this session's search_path, as every other query of the
    /// store does.
    private static func names(prefix: String, on connection: PostgresConnection, logger: Logger) async throws -> [(name: String, mayDecide: Bool)] {
        let rows = try await connection.query("""
            SELECT substr(application_name, \(prefix.utf8.count + 1)::int),
                   bool_or(usesysid IS NOT NULL AND has_table_privilege(usesysid, 'hookscope_held', 'UPDATE'))
            FROM pg_stat_activity
            WHERE datname = current_database() AND left(application_name, \(prefix.utf8.count)::int) = \(prefix)
            GROUP BY 1
            """, logger: logger)
        var names: [(name: String, mayDecide: Bool)] = []
        for try await (name, mayDecide) in rows.decode((String, Bool).self) { names.append((name, mayDecide)) }
        return names.sorted { $0.name < $1.name }
    }

    /// Both, on a connection of its own (for a message line, not a loop).
    public static func current(_ connector: StoreConnector) async throws -> (listeners: [String], watchers: [String]) {
        let connection = try await connector.connect()
        defer { StoreConnector.abandon(connection) }
        return try await StoreDeadline.run(seconds: 5) { _ in
            (try await listeners(on: connection, logger: connector.logger), try await watchers(on: connection, logger: connector.logger))
        }
    }
}
