/// The listener's side of remote intercept, without I/O: which of the requests it holds
/// to publish to the store, which decisions read from the store to carry out, and what to
/// write back about each. The listener is the source of truth for what a sender got: a
/// decision it carried out is confirmed (`applied`); a request it answered itself (its own
/// terminal UI, its deadline, the sender hung up) is marked its own, also over a decision
/// that reached the store in the same instant but too late to be carried out. The runner
/// does the statements and reports what got through.
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

    /// A decision the listener carried out, to confirm in the store.
    public struct Applied: Sendable, Equatable {
        public var localID: Int
        /// The decision's text as the store keeps it.
        public var text: String

        public init(localID: Int, text: String) {
            self.localID = localID
            self.text = text
        }
    }

    /// What one round should do.
    public struct Round: Sendable, Equatable {
        /// Held, not yet in the store.
        public var publish: [Held]
        /// Answered by the listener itself: marked so, over any decision the store has.
        public var settle: [Int]
        /// Decisions from the store the listener carried out.
        public var confirm: [Applied]
        /// In the store and still held: read their decisions.
        public var watch: [Int]

        public var isEmpty: Bool { publish.isEmpty && settle.isEmpty && confirm.isEmpty && watch.isEmpty }
    }

    /// Published, and no decision carried out yet.
    private var published: Set<Int> = []
    /// Published with a decision the listener will not carry out (unreadable): not read
    /// again; settled as the listener's own once it has answered.
    private var ignored: Set<Int> = []
    /// Decided through the store and still held a moment: never published again.
    private var done: Set<Int> = []
    /// Outcomes not yet written.
    private var toConfirm: [Int: String] = [:]
    private var toSettle: Set<Int> = []

    public init() {}

    public mutating func round(holding: [Held]) -> Round {
        let held = Set(holding.map(\.localID))
        done.formIntersection(held)
        return Round(
            publish: holding.filter { !published.contains($0.localID) && !done.contains($0.localID) },
            settle: published.filter { !held.contains($0) }.union(toSettle).sorted(),
            confirm: toConfirm.map { Applied(localID: $0.key, text: $0.value) }.sorted { $0.localID < $1.localID },
            watch: published.filter { held.contains($0) && !ignored.contains($0) }.sorted()
        )
    }

    /// The rows were inserted (a retried insert of the same request changes nothing).
    public mutating func didPublish(_ localIDs: [Int]) {
        published.formUnion(localIDs)
    }

    /// The rows were marked as answered by the listener.
    public mutating func didSettle(_ localIDs: [Int]) {
        published.subtract(localIDs)
        ignored.subtract(localIDs)
        toSettle.subtract(localIDs)
    }

    /// The carried-out decisions were confirmed in the store.
    public mutating func didConfirm(_ localIDs: [Int]) {
        for id in localIDs { toConfirm[id] = nil }
    }

    /// A decision read from the store: what to tell the intercept controller; nil when the
    /// request is not one this listener still waits on, or the text is unreadable (the
    /// deadline then answers by the plan, and the row is marked the listener's own).
    public mutating func decided(localID: Int, text: String) -> HeldDecision? {
        guard published.contains(localID), !ignored.contains(localID) else { return nil }
        guard let decision = HeldDecision(text: text), decision != .byListener else {
            ignored.insert(localID)
            return nil
        }
        published.remove(localID)
        done.insert(localID)
        return decision
    }

    /// What the intercept controller did with a decision: `applied` false means the request
    /// had already been answered here (its deadline, the listener's own UI, a hang-up) in
    /// the instant the decision arrived, so the sender got the listener's answer.
    public mutating func carriedOut(localID: Int, _ decision: HeldDecision, applied: Bool) {
        if applied { toConfirm[localID] = decision.text } else { toSettle.insert(localID) }
    }
}
