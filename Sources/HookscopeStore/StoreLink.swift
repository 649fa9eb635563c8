import PostgresNIO
import Synchronization

/// One connection that one loop keeps for itself: connected on first use, replaced with
/// backoff when it fails. Every store loop that follows or publishes something keeps one
/// (the remote forward's, the held requests', the shared plan's follower): one way to
/// connect, listen, back off and give up at stop instead of a copy per loop. The remote
/// forward's loops each keep their own, so that offers, claims and answers never queue
/// behind each other's round trips on a shared connection (postgres-nio runs one
/// statement at a time per connection).
final class StoreLink: Sendable {
    let connector: StoreConnector
    private let settings: [(String, String)]
    private let current = Mutex<PostgresConnection?>(nil)
    /// Starts again only when the loop says its work went through (`progressed()`), never
    /// merely because a connection opened (see StoreBackoff, review M5).
    private let backoff = Mutex(StoreBackoff())

    /// - Parameter settings: the session's settings, sent with the connection's start.
    init(connector: StoreConnector, settings: [(String, String)] = []) {
        self.connector = connector
        self.settings = settings
    }

    /// For rows that live for one delivery and die with the listener that waits for them
    /// (the remote forward's offers and answers, the held requests): a commit need not
    /// wait for the disk, since a crash loses at most the last moment's rows, whose
    /// senders the listener's deadlines answer by the plan. What other sessions see, and
    /// when NOTIFY goes out, is unchanged.
    static let oneDeliveryRows = [("synchronous_commit", "off")]

    /// A connection with this loop's session settings.
    func connect() async throws -> PostgresConnection {
        try await connector.connect(settings: settings)
    }

    /// The connection while it is open; nil while the loop reconnects.
    var connection: PostgresConnection? {
        current.withLock { connection in connection.flatMap { $0.isClosed ? nil : $0 } }
    }

    /// Adopts a connection made before the loop starts (to fail at start with a reason).
    func adopt(_ connection: PostgresConnection) {
        current.withLock { $0 = connection }
    }

    /// Takes the connection out, for the last statement at stop.
    func take() -> PostgresConnection? {
        current.withLock { connection in defer { connection = nil }; return connection }
    }

    /// A unit of the loop's work went through: the next failure waits the shortest again.
    func progressed() {
        backoff.withLock { $0.succeeded() }
    }

    /// Runs `follow` on the connection while `running` holds; when it fails (or the
    /// connection is gone) calls `lost`, connects again (then `setUp`), backing off after
    /// every failure until `follow` reports progress.
    func keep(while running: @Sendable () -> Bool,
              setUp: @Sendable (PostgresConnection) async throws -> Void = { _ in },
              lost: @Sendable () -> Void = {},
              follow: @Sendable (PostgresConnection) async throws -> Void) async {
        while !Task.isCancelled, running() {
            guard let connection = self.connection else {
                if let old = take() { StoreConnector.abandon(old) }
                lost()
                do {
                    let fresh = try await connect()
                    do {
                        try await setUp(fresh)
                    } catch {
                        StoreConnector.abandon(fresh)
                        throw error
                    }
                    adopt(fresh)
                } catch {
                    try? await Task.sleep(for: backoff.withLock { $0.failed() })
                }
                continue
            }
            do {
                try await follow(connection)
            } catch {
                if Task.isCancelled || !running() { break }
                lost()
                StoreConnector.abandon(connection)
                current.withLock { if $0 === connection { $0 = nil } }
                try? await Task.sleep(for: backoff.withLock { $0.failed() })
            }
        }
    }
}
