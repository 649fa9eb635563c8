/// The wait before a store loop tries again after a failure: 100 ms, doubling to 5 s.
///
/// Back to 100 ms only once a unit of work went through (a batch committed, a read
/// answered), never merely because a connection opened: a statement that fails every
/// time (a dropped table, a revoked permission) on a database that accepts connections
/// would otherwise reconnect as fast as the database lets it (review M5). Every store
/// loop keeps one: the writer, the reader, the shared plan's follower and the tunnel's
/// relay and claimer.
struct StoreBackoff: Sendable, Equatable {
    static let shortest = Duration.milliseconds(100)
    static let longest = Duration.seconds(5)

    /// The wait after the next failure.
    private(set) var next = StoreBackoff.shortest

    /// An attempt failed (a connection, or a statement on one): the wait before the next
    /// attempt; each failure in a row waits twice as long as the one before, up to `longest`.
    mutating func failed() -> Duration {
        defer { next = min(next * 2, Self.longest) }
        return next
    }

    /// A unit of work went through: the next failure waits `shortest` again.
    mutating func succeeded() {
        next = Self.shortest
    }
}
