import HookscopeCore

/// The writes waiting for the database, oldest first, bounded by bytes (`--store-queue`).
///
/// Pure accounting, no locks and no I/O (`StoreWriter` guards it): the event loop appends,
/// the writer takes a batch from the front, and acknowledges it once committed. A batch
/// taken is "in flight" and never dropped; when the bound is passed, the oldest writes not
/// in flight are dropped and counted in `lost`, so nothing disappears silently.
public struct StoreWriteQueue: Sendable {
    public struct Write: Sendable, Equatable {
        public enum Kind: String, Sendable { case captured, completed }
        public var kind: Kind
        public var exchange: Exchange

        public init(_ kind: Kind, _ exchange: Exchange) {
            self.kind = kind
            self.exchange = exchange
        }

        /// What it is counted as in the bound: the bytes it carries and a fixed share for
        /// the rest (headers, strings, bookkeeping).
        public var cost: Int {
            512 + exchange.body.count + (exchange.response?.body.count ?? 0)
                + exchange.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
        }
    }

    public let maxBytes: Int
    /// Waiting writes not in flight; `head` is the oldest (the front is compacted lazily,
    /// so dropping the oldest costs nothing).
    private var waiting: [Write] = []
    private var head = 0
    private var inFlight: [Write] = []
    public private(set) var bytes = 0
    /// Writes dropped because the queue was full.
    public private(set) var lost = 0
    /// Writes ever appended.
    public private(set) var appended = 0
    /// Writes acknowledged as committed.
    public private(set) var written = 0

    public init(maxBytes: Int) {
        self.maxBytes = max(1, maxBytes)
    }

    /// Writes waiting, in flight included.
    public var count: Int { waiting.count - head + inFlight.count }
    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ write: Write) {
        waiting.append(write)
        appended += 1
        bytes += write.cost
        // Drop the oldest that are not in flight, the new one last of all.
        while bytes > maxBytes, head < waiting.count {
            bytes -= waiting[head].cost
            head += 1
            lost += 1
        }
        compact()
    }

    /// The oldest waiting writes, up to `maxCount` and about `maxBytes` (at least one),
    /// marked in flight. Empty while a batch is already in flight.
    public mutating func takeBatch(maxCount: Int, maxBytes: Int) -> [Write] {
        guard inFlight.isEmpty else { return [] }
        var end = head
        var size = 0
        while end < waiting.count, end - head < maxCount {
            let cost = waiting[end].cost
            if end > head, size + cost > maxBytes { break }
            size += cost
            end += 1
        }
        inFlight = Array(waiting[head..<end])
        head = end
        compact()
        return inFlight
    }

    /// The batch in flight was committed: it leaves the queue.
    public mutating func acknowledgeBatch() {
        for write in inFlight { bytes -= write.cost }
        written += inFlight.count
        inFlight = []
    }

    /// The batch in flight failed: it waits again, first in line (rare: a failure).
    public mutating func returnBatch() {
        waiting = inFlight + waiting[head...]
        head = 0
        inFlight = []
    }

    private mutating func compact() {
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 > waiting.count {
            waiting.removeFirst(head)
            head = 0
        }
    }
}
