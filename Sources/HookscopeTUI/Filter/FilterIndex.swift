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
    /// Answered ids still without the app's answer, when that can change the outcome.
    /// Only the newest are watched: an app's answer that comes at all comes within the
    /// forward timeout, and most rows in a busy store were never forwarded.
    private var awaitingUpstreamIDs: [Int] = []
    static let awaitingUpstreamLimit = 4096

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
            awaitingUpstreamIDs.removeAll()
            scannedThroughID = max(scannedThroughID, snapshot.statistics.captured)
            return
        }
        if let cut = matchedIDs.firstIndex(where: { $0 >= firstID }) {
            matchedIDs.removeFirst(cut)
        } else {
            matchedIDs.removeAll()
        }
        pendingIDs.removeAll { $0 < firstID }
        awaitingUpstreamIDs.removeAll { $0 < firstID }
        recheckPending(in: snapshot)
        recheckAwaitingUpstream(in: snapshot)
        let lastID = snapshot[snapshot.count - 1].id
        // By position: an attached client's ids may skip some (CaptureSnapshot.position).
        for position in snapshot.firstPosition(atOrAfterID: scannedThroughID + 1)..<snapshot.count {
            let exchange = snapshot[position]
            if query.matches(exchange) { matchedIDs.append(exchange.id) }
            if exchange.response == nil, query.dependsOnResponse { pendingIDs.append(exchange.id) }
            watchUpstream(of: exchange)
        }
        scannedThroughID = max(scannedThroughID, lastID)
        if awaitingUpstreamIDs.count > Self.awaitingUpstreamLimit {
            awaitingUpstreamIDs.removeFirst(awaitingUpstreamIDs.count - Self.awaitingUpstreamLimit)
        }
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
            setMatched(id, query.matches(exchange))
            if exchange.response == nil { stillPending.append(id) } else { watchUpstream(of: exchange) }
        }
        pendingIDs = stillPending
    }

    private mutating func watchUpstream(of exchange: Exchange) {
        if exchange.response != nil, exchange.upstream == nil, query.dependsOnUpstream {
            awaitingUpstreamIDs.append(exchange.id)
        }
    }

    /// Matches again only the ids whose app answer arrived, so watching stays cheap
    /// whatever the other terms cost.
    private mutating func recheckAwaitingUpstream(in snapshot: CaptureSnapshot) {
        guard !awaitingUpstreamIDs.isEmpty else { return }
        var stillAwaiting: [Int] = []
        for id in awaitingUpstreamIDs {
            guard let position = snapshot.position(ofID: id) else { continue }
            let exchange = snapshot[position]
            guard exchange.upstream != nil else {
                stillAwaiting.append(id)
                continue
            }
            setMatched(id, query.matches(exchange))
        }
        awaitingUpstreamIDs = stillAwaiting
    }

    private mutating func setMatched(_ id: Int, _ matches: Bool) {
        let row = insertionRow(for: id)
        let present = row < matchedIDs.count && matchedIDs[row] == id
        if matches, !present { matchedIDs.insert(id, at: row) }
        if !matches, present { matchedIDs.remove(at: row) }
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
