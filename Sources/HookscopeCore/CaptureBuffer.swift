/// The storage behind `CaptureStore`: a deque of fixed-size chunks of exchanges.
/// Not thread-safe by itself; `CaptureStore` guards it with its lock.
struct CaptureBuffer {
    static let chunkSize = 1024

    let limits: CaptureStore.Limits
    /// Chunks in order; the first `frontOffset` slots of the first chunk are evicted.
    private(set) var chunks: [[Exchange?]] = []
    private(set) var frontOffset = 0
    private(set) var count = 0
    /// Id of the oldest stored exchange (when count > 0).
    private(set) var firstID = 1
    private(set) var nextID = 1
    private(set) var bytes = 0
    private(set) var evicted = 0
    private(set) var cleared = 0
    /// Budget bytes of every exchange evicted or cleared so far.
    private(set) var releasedBytes = 0
    private(set) var generation: UInt64 = 0
    /// The last answer's headers and body as stored: most answers repeat the previous
    /// one's, and an equal array stored again shares this one's heap block instead of
    /// keeping a copy per exchange.
    private var lastAnswer = InternedAnswer()
    /// The same for requests' headers.
    private var lastRequestHeaders = InternedHeaders()

    init(limits: CaptureStore.Limits) {
        self.limits = limits
    }

    mutating func append(_ exchange: Exchange) -> Exchange {
        var stored = exchange
        stored.headers = lastRequestHeaders.intern(stored.headers)
        stored.id = nextID
        nextID += 1
        if count == 0 { firstID = stored.id }
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            var chunk: [Exchange?] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(stored)
        count += 1
        bytes += stored.approximateByteCount
        evictToLimits()
        generation &+= 1
        return stored
    }

    mutating func replace(_ exchange: Exchange) -> Bool {
        guard let (chunk, slot) = location(of: exchange.id),
              let old = chunks[chunk][slot] else { return false }
        var exchange = exchange
        if let response = exchange.response {
            exchange.response = lastAnswer.intern(response)
        }
        bytes += exchange.approximateByteCount - old.approximateByteCount
        chunks[chunk][slot] = exchange
        evictToLimits()
        generation &+= 1
        return true
    }

    /// Stores an exchange under the id it already has (an attached client's rows from the
    /// shared store): a held id is replaced; a new one must come after every id seen. A gap
    /// (rows the store deleted meanwhile) starts the ring afresh at the new id, so ids stay
    /// contiguous. Returns false for an id older than the ring.
    mutating func upsert(_ exchange: Exchange) -> Bool {
        if entry(id: exchange.id) != nil { return replace(exchange) }
        guard exchange.id >= nextID else { return false }
        if exchange.id > nextID {
            if count > 0 { removeAll() }
            nextID = exchange.id
            firstID = exchange.id
        }
        _ = append(exchange)
        return true
    }

    func entry(id: Int) -> Exchange? {
        guard let (chunk, slot) = location(of: id) else { return nil }
        return chunks[chunk][slot]
    }

    mutating func removeAll() {
        cleared += count
        releasedBytes += bytes
        chunks = []
        frontOffset = 0
        count = 0
        bytes = 0
        firstID = nextID
        generation &+= 1
    }

    func snapshot() -> CaptureSnapshot {
        CaptureSnapshot(
            chunks: chunks, frontOffset: frontOffset, count: count,
            generation: generation, statistics: statistics
        )
    }

    var statistics: CaptureStatistics {
        CaptureStatistics(
            captured: nextID - 1, stored: count, evicted: evicted, cleared: cleared, bytes: bytes,
            releasedBytes: releasedBytes
        )
    }

    private func location(of id: Int) -> (Int, Int)? {
        guard count > 0, id >= firstID, id < firstID + count else { return nil }
        let position = id - firstID + frontOffset
        return (position / Self.chunkSize, position % Self.chunkSize)
    }

    /// Evicts the oldest entries until both limits hold; the newest entry always stays.
    private mutating func evictToLimits() {
        while count > 1, count > limits.capacity || bytes > limits.maxBytes {
            evictOldest()
        }
    }

    private mutating func evictOldest() {
        if let old = chunks[0][frontOffset] {
            let cost = old.approximateByteCount
            bytes -= cost
            releasedBytes += cost
        }
        chunks[0][frontOffset] = nil
        frontOffset += 1
        count -= 1
        firstID += 1
        evicted += 1
        if frontOffset == Self.chunkSize || (chunks.count == 1 && frontOffset == chunks[0].count) {
            chunks.removeFirst()
            frontOffset = 0
        }
    }
}
