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
    /// (rows the store's retention deleted before this client read them, ids it never
    /// showed) is skipped: the ring keeps what it holds, and its ids increase, not always by
    /// one. Returns false for an id older than the ring.
    mutating func upsert(_ exchange: Exchange) -> Bool {
        if entry(id: exchange.id) != nil { return replace(exchange) }
        guard exchange.id >= nextID else { return false }
        nextID = exchange.id
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

    /// Where the exchange with this id is. Ids increase along the ring, by one except
    /// across an attached client's gaps: the offset from the first id is right at once
    /// when there is no gap, else a binary search below it finds the slot.
    private func location(of id: Int) -> (Int, Int)? {
        guard count > 0, id >= firstID, id < nextID else { return nil }
        let guess = id - firstID
        if guess < count, self.id(at: guess) == id { return slot(at: guess) }
        var low = 0
        var high = min(guess, count - 1)
        while low <= high {
            let middle = (low + high) / 2
            let found = self.id(at: middle)
            if found == id { return slot(at: middle) }
            if found < id { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    private func slot(at position: Int) -> (Int, Int) {
        let p = position + frontOffset
        return (p / Self.chunkSize, p % Self.chunkSize)
    }

    /// Every slot from the front to `count` is filled (eviction only clears the front).
    private func id(at position: Int) -> Int {
        let (chunk, slot) = slot(at: position)
        return chunks[chunk][slot]!.id
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
        evicted += 1
        if frontOffset == Self.chunkSize || (chunks.count == 1 && frontOffset == chunks[0].count) {
            chunks.removeFirst()
            frontOffset = 0
        }
        firstID = count > 0 ? id(at: 0) : nextID
    }
}
