/// An immutable view of the store: random access by position, oldest first.
/// Holding one keeps its exchanges alive but never blocks the writers.
public struct CaptureSnapshot: Sendable, RandomAccessCollection {
    let chunks: [[Exchange?]]
    let frontOffset: Int
    public let count: Int
    public let generation: UInt64
    public let statistics: CaptureStatistics

    init(chunks: [[Exchange?]], frontOffset: Int, count: Int, generation: UInt64, statistics: CaptureStatistics) {
        self.chunks = chunks
        self.frontOffset = frontOffset
        self.count = count
        self.generation = generation
        self.statistics = statistics
    }

    public static let empty = CaptureSnapshot(
        chunks: [], frontOffset: 0, count: 0, generation: 0,
        statistics: CaptureStatistics(captured: 0, stored: 0, evicted: 0, cleared: 0, bytes: 0)
    )

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Exchange {
        precondition(position >= 0 && position < count, "snapshot index out of range")
        let p = position + frontOffset
        // Every slot from frontOffset to count is filled; eviction only clears the front.
        return chunks[p / CaptureBuffer.chunkSize][p % CaptureBuffer.chunkSize]!
    }

    /// The position of the exchange with this id. Ids increase along the snapshot, by one
    /// except across an attached client's gaps (rows its store deleted before it read
    /// them): the offset from the first id is right at once without a gap, else a binary
    /// search finds it.
    public func position(ofID id: Int) -> Int? {
        guard count > 0 else { return nil }
        let offset = id - self[0].id
        guard offset >= 0 else { return nil }
        if offset < count, self[offset].id == id { return offset }
        let position = firstPosition(atOrAfterID: id)
        return position < count && self[position].id == id ? position : nil
    }

    /// The first position whose id is at least `id`; `count` when there is none.
    public func firstPosition(atOrAfterID id: Int) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
