import HookscopeCore

/// The order in which `attach --headless/--json` prints: like `listen`, one line per
/// exchange once it has its answer, and, unlike `listen`, strictly in id order across
/// every listener. An exchange still waiting for its answer holds back the ones after it,
/// for at most `holdSeconds` (a listener that died leaves its last exchanges unanswered
/// for ever); then it is printed as it is, without an answer. Each id is printed once.
/// Pure: the caller passes the time.
public struct StorePrintOrder: Sendable {
    public let holdSeconds: Double
    /// Seen and not printed yet, in id order (ids arrive in increasing order).
    private var pending: [(exchange: Exchange, firstSeen: Double)] = []
    private var index: [Int: Int] = [:]
    /// Every id up to here has been printed or skipped.
    public private(set) var lastPrinted = 0

    public init(holdSeconds: Double = 30) {
        self.holdSeconds = holdSeconds
    }

    public var waiting: Int { pending.count }

    /// Takes new and updated exchanges; returns those to print now, in id order.
    public mutating func add(_ exchanges: [Exchange], now: Double) -> [Exchange] {
        for exchange in exchanges where exchange.id > lastPrinted {
            if let position = index[exchange.id] {
                pending[position].exchange = exchange
            } else if let last = pending.last, exchange.id < last.exchange.id {
                // Not expected (ids arrive in order); kept in order all the same.
                let position = pending.firstIndex { $0.exchange.id > exchange.id } ?? pending.count
                pending.insert((exchange, now), at: position)
                reindex()
            } else {
                index[exchange.id] = pending.count
                pending.append((exchange, now))
            }
        }
        return release(now: now)
    }

    /// What has waited long enough (call about once a second).
    public mutating func release(now: Double) -> [Exchange] {
        var ready = 0
        while ready < pending.count {
            let entry = pending[ready]
            guard entry.exchange.isComplete || now - entry.firstSeen >= holdSeconds else { break }
            ready += 1
        }
        guard ready > 0 else { return [] }
        let out = pending[..<ready].map(\.exchange)
        pending.removeFirst(ready)
        lastPrinted = out[out.count - 1].id
        reindex()
        return out
    }

    private mutating func reindex() {
        index = [:]
        for (position, entry) in pending.enumerated() { index[entry.exchange.id] = position }
    }
}
