import HookscopeCore

/// The rows the list shows: the whole snapshot, or the filtered part of it. Random access
/// by row without copying anything, so only the visible rows are ever touched.
public struct DeliveryList: Sendable {
    public let snapshot: CaptureSnapshot
    public let filter: FilterIndex?

    public init(snapshot: CaptureSnapshot, filter: FilterIndex?) {
        self.snapshot = snapshot
        self.filter = filter
    }

    public var count: Int { filter?.count ?? snapshot.count }
    public var isEmpty: Bool { count == 0 }

    public subscript(row: Int) -> Exchange {
        guard let filter else { return snapshot[row] }
        return snapshot[snapshot.position(ofID: filter.matchedIDs[row])!]
    }

    public func row(ofID id: Int) -> Int? {
        if let filter { return filter.row(ofID: id) }
        return snapshot.position(ofID: id)
    }

    /// The first row whose id is at least `id` (where a vanished selection lands), or nil.
    public func row(atOrAfterID id: Int) -> Int? {
        guard count > 0 else { return nil }
        if let filter {
            let row = filter.insertionRow(for: id)
            return row < filter.count ? row : nil
        }
        let position = snapshot.firstPosition(atOrAfterID: id)
        return position < snapshot.count ? position : nil
    }
}
