/// The listener's side of remote intercept, without I/O: which of the requests it holds
/// to publish to the store, which published ones it answered itself (its own terminal UI,
/// its deadline, the sender hung up) and must mark so, and which decisions read from the
/// store to carry out. The runner does the statements and reports what got through.
public struct HeldRequestsSync: Sendable {
    /// A request the listener holds, by its own id.
    public struct Held: Sendable, Equatable {
        public var localID: Int
        public var deadline: Timestamp

        public init(localID: Int, deadline: Timestamp) {
            self.localID = localID
            self.deadline = deadline
        }
    }

    /// What one round should do.
    public struct Round: Sendable, Equatable {
        /// Held, not yet in the store.
        public var publish: [Held]
        /// In the store undecided, no longer held here: answered by the listener itself.
        public var settle: [Int]
        /// In the store and still held: read their decisions.
        public var watch: [Int]

        public var isEmpty: Bool { publish.isEmpty && settle.isEmpty && watch.isEmpty }
    }

    /// Published, and no decision carried out yet.
    private var published: Set<Int> = []
    /// Decided through the store (or unreadably so) and still held a moment: never
    /// published again.
    private var done: Set<Int> = []

    public init() {}

    public mutating func round(holding: [Held]) -> Round {
        let held = Set(holding.map(\.localID))
        done.formIntersection(held)
        return Round(
            publish: holding.filter { !published.contains($0.localID) && !done.contains($0.localID) },
            settle: published.filter { !held.contains($0) }.sorted(),
            watch: published.filter { held.contains($0) }.sorted()
        )
    }

    /// The rows were inserted (a retried insert of the same request changes nothing).
    public mutating func didPublish(_ localIDs: [Int]) {
        published.formUnion(localIDs)
    }

    /// The rows were marked as answered by the listener (or already had a decision).
    public mutating func didSettle(_ localIDs: [Int]) {
        published.subtract(localIDs)
    }

    /// A decision read from the store: what to tell the intercept controller; nil when the
    /// request is not one this listener still waits on, or the text is unreadable (the
    /// deadline then answers by the plan).
    public mutating func decided(localID: Int, text: String) -> HeldDecision? {
        guard published.remove(localID) != nil else { return nil }
        done.insert(localID)
        guard let decision = HeldDecision(text: text), decision != .byListener else { return nil }
        return decision
    }
}
