/// The headless log of `attach --headless/--json` for remote intercept, without I/O: a
/// line when a listener starts holding a request, and one when it has answered it (what
/// the listener wrote back: the decision it carried out, or its own answer, also over a
/// decision that came too late). Rows answered before attach started are history and not
/// printed (by the time the listener wrote back, not by the first read: that read may
/// come late). The texts come from whoever can write to the store: the printer
/// escapes the lines.
public struct HeldRequestLines: Sendable {
    /// A held request's row as attach reads it, by the store's exchange id.
    public struct Row: Sendable, Equatable {
        public var exchangeID: Int
        public var listener: String
        public var deadline: Timestamp
        public var decision: String?
        public var decidedBy: String?
        /// Set by the listener once it answered: the decision's text, or `listener`.
        public var applied: String?
        /// When the listener wrote `applied` (the database's clock).
        public var appliedAt: Timestamp?
        public var overridden: String?
        public var overriddenBy: String?

        public init(exchangeID: Int, listener: String, deadline: Timestamp, decision: String? = nil, decidedBy: String? = nil,
                    applied: String? = nil, appliedAt: Timestamp? = nil, overridden: String? = nil, overriddenBy: String? = nil) {
            self.exchangeID = exchangeID
            self.listener = listener
            self.deadline = deadline
            self.decision = decision
            self.decidedBy = decidedBy
            self.applied = applied
            self.appliedAt = appliedAt
            self.overridden = overridden
            self.overriddenBy = overriddenBy
        }
    }

    /// How long past a deadline the listener's word may take before the log says it has none.
    static let silenceNanoseconds: Int64 = 5_000_000_000
    /// When attach started.
    public let since: Timestamp
    private var announced: Set<Int> = []
    private var finished: Set<Int> = []

    public init(since: Timestamp) {
        self.since = since
    }

    /// The lines for what changed since the last read, in id order. `rows` are every held
    /// request the store has now (recent ones, answered or not).
    public mutating func lines(for rows: [Row], now: Timestamp) -> [String] {
        let sorted = rows.sorted { $0.exchangeID < $1.exchangeID }
        defer {
            // The store sweeps old rows: forget them too.
            let present = Set(rows.map(\.exchangeID))
            announced.formIntersection(present)
            finished.formIntersection(present)
        }
        var lines: [String] = []
        for row in sorted where !finished.contains(row.exchangeID) {
            if row.applied != nil {
                finished.insert(row.exchangeID)
                let afterStart = (row.appliedAt?.nanosecondsSinceEpoch ?? 0) >= since.nanosecondsSinceEpoch
                if afterStart || announced.contains(row.exchangeID) { lines.append(Self.answered(row)) }
            } else if row.decision == nil, !announced.contains(row.exchangeID), row.deadline > now {
                announced.insert(row.exchangeID)
                lines.append(Self.waiting(row, now: now))
            } else if announced.contains(row.exchangeID), now.nanosecondsSinceEpoch > row.deadline.nanosecondsSinceEpoch + Self.silenceNanoseconds {
                // Its listener answers by its deadline in any case; it did not write back.
                finished.insert(row.exchangeID)
                lines.append("held #\(row.exchangeID): \(row.listener) has not said how it answered (it may have lost the store)")
            }
        }
        return lines
    }

    /// `held #17 by server-1: waiting for a decision (25 s left)`
    static func waiting(_ row: Row, now: Timestamp) -> String {
        let seconds = max(0, (row.deadline.nanosecondsSinceEpoch - now.nanosecondsSinceEpoch + 999_999_999) / 1_000_000_000)
        return "held #\(row.exchangeID) by \(row.listener): waiting for a decision (\(seconds) s left)"
    }

    /// `held #17: 503, decided by ana@laptop` / `held #17: answered by server-1 itself
    /// (ana@laptop's decision, 503, came too late)`: the words of the listener's own log line
    /// for it (session 16 review L4).
    static func answered(_ row: Row) -> String {
        let id = "held #\(row.exchangeID)"
        guard let applied = row.applied, applied != HeldDecision.byListenerText else {
            let late = row.overridden.map { " (\(row.overriddenBy ?? "someone")'s decision, \(Self.summary($0)), came too late)" } ?? ""
            return "\(id): answered by \(row.listener) itself\(late)"
        }
        return "\(id): \(Self.summary(applied)), decided by \(row.decidedBy ?? "someone")"
    }

    static func summary(_ text: String) -> String {
        HeldDecision(text: text)?.summary ?? text
    }
}
