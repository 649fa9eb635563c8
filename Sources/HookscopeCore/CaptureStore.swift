import Synchronization

/// The in-memory ring buffer of exchanges.
///
/// Bounded by count and by bytes, whichever bites first; evicts the oldest and counts
/// evictions. One lock around one structure: the server's event loops append and complete
/// entries while the UI takes snapshots. Entries live in fixed-size chunks so that a
/// snapshot costs one small array copy, and the writer after a snapshot copies at most the
/// chunk it touches (copy-on-write) instead of the whole buffer.
public final class CaptureStore: Sendable {
    public struct Limits: Sendable, Equatable {
        public var capacity: Int
        public var maxBytes: Int

        public init(capacity: Int = 10_000, maxBytes: Int = 256 * 1024 * 1024) {
            self.capacity = max(1, capacity)
            self.maxBytes = max(1, maxBytes)
        }
    }

    public let limits: Limits
    private let state: Mutex<CaptureBuffer>

    public init(limits: Limits = Limits()) {
        self.limits = limits
        self.state = Mutex(CaptureBuffer(limits: limits))
    }

    /// Stores a new exchange, assigning it the next id; returns the stored exchange.
    @discardableResult
    public func append(_ exchange: Exchange) -> Exchange {
        var exchange = exchange
        // A body read without a declared length (chunked, or cut at --max-body) grew by
        // doubling and can have up to twice its size in spare room; the store keeps it
        // for a long time, so it keeps an exact copy. Done before taking the lock.
        exchange.body.dropSpareCapacity()
        return state.withLock { $0.append(exchange) }
    }

    /// Replaces a stored exchange (matched by id), e.g. when its response is known.
    /// Returns false when it was evicted meanwhile (or cleared).
    @discardableResult
    public func update(_ exchange: Exchange) -> Bool {
        state.withLock { $0.replace(exchange) }
    }

    /// Stores an exchange under its own id (an attached client's rows, whose ids the shared
    /// store gave): replaces a held one, appends a newer one. False when it is older than
    /// everything held.
    @discardableResult
    public func upsert(_ exchange: Exchange) -> Bool {
        var exchange = exchange
        exchange.body.dropSpareCapacity()
        return state.withLock { $0.upsert(exchange) }
    }

    /// The stored exchange with this id, if it has not been evicted.
    public func exchange(id: Int) -> Exchange? {
        state.withLock { $0.entry(id: id) }
    }

    /// Removes every stored exchange. Ids keep increasing; cleared entries are not
    /// counted as evicted.
    public func removeAll() {
        state.withLock { $0.removeAll() }
    }

    /// A consistent, immutable view of the store at this moment.
    public func snapshot() -> CaptureSnapshot {
        state.withLock { $0.snapshot() }
    }

    /// Increases on every change; a reader compares it to skip work when nothing changed.
    public var generation: UInt64 { state.withLock { $0.generation } }

    public var statistics: CaptureStatistics { state.withLock { $0.statistics } }
}

/// Counters that describe the store's life so far.
public struct CaptureStatistics: Sendable, Equatable {
    /// Exchanges ever appended.
    public var captured: Int
    /// Exchanges held now.
    public var stored: Int
    /// Exchanges pushed out by the count or byte limit.
    public var evicted: Int
    /// Exchanges removed by `removeAll`.
    public var cleared: Int
    /// Bytes held now, as counted for the budget (`Exchange.approximateByteCount`).
    public var bytes: Int
    /// Bytes of every exchange evicted or cleared so far, counted the same way: how much
    /// the process has had to give back (see the executable's `MemoryTrimmer`).
    public var releasedBytes: Int = 0
}
