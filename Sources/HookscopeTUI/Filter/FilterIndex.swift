import HookscopeCore

/// The ids of the exchanges that match a filter, kept up to date incrementally: a new
/// snapshot costs the new exchanges plus those still waiting for their answer, not a pass
/// over the whole store.
public struct FilterIndex: Sendable {
    public let query: FilterQuery
    /// Matching ids, ascending (ids in the store are contiguous and increasing).
    public private(set) var matchedIDs: [Int] = []
    /// The highest id looked at so far.
    private var scannedThroughID = 0
    /// Ids that had no answer when looked at, when the answer can change the outcome.
    private var pendingIDs: [Int] = []

    public init(query: FilterQuery, snapshot: CaptureSnapshot) {
        self.query = query
        refresh(with: snapshot)
    }

    public var count: Int { matchedIDs.count }

    /// Brings the index up to `snapshot`: drops evicted or cleared ids, rechecks exchanges
    /// whose answer arrived, and looks at the new ones.
    public mutating func refresh(with snapshot: CaptureSnapshot) {
        guard let firstID = snapshot.first?.id else {
            matchedIDs.removeAll()
            pendingIDs.removeAll()
            scannedThroughID = max(scannedThroughID, snapshot.statistics.captured)
            return
        }
        if let cut = matchedIDs.firstIndex(where: { $0 >= firstID }) {
            matchedIDs.removeFirst(cut)
        } else {
            matchedIDs.removeAll()
        }
        pendingIDs.removeAll { $0 < firstID }
        recheckPending(in: snapshot)
        let lastID = snapshot[snapshot.count - 1].id
        var id = max(scannedThroughID + 1, firstID)
        while id <= lastID {
            let exchange = snapshot[id - firstID]
            if query.matches(exchange) { matchedIDs.append(id) }
            if exchange.response == nil, query.dependsOnResponse { pendingIDs.append(id) }
            id += 1
        }
        scannedThroughID = max(scannedThroughID, lastID)
    }

    /// The row of an id in the filtered list, if it matches.
    public func row(ofID id: Int) -> Int? {
        let row = insertionRow(for: id)
        return row < matchedIDs.count && matchedIDs[row] == id ? row : nil
    }

    private mutating func recheckPending(in snapshot: CaptureSnapshot) {
        guard !pendingIDs.isEmpty else { return }
        var stillPending: [Int] = []
        for id in pendingIDs {
            guard let position = snapshot.position(ofID: id) else { continue }
            let exchange = snapshot[position]
            let matches = query.matches(exchange)
            let row = insertionRow(for: id)
            let present = row < matchedIDs.count && matchedIDs[row] == id
            if matches, !present { matchedIDs.insert(id, at: row) }
            if !matches, present { matchedIDs.remove(at: row) }
            if exchange.response == nil { stillPending.append(id) }
        }
        pendingIDs = stillPending
    }

    /// The row where `id` is or would be inserted.
    func insertionRow(for id: Int) -> Int {
        var low = 0, high = matchedIDs.count
        while low < high {
            let mid = (low + high) / 2
            if matchedIDs[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
