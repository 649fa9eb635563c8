/// The parts of an exchange that most deliveries never have: an HTTP version other than
/// 1.1, a rejection, an upstream's answer, a replay's original, a scheme other than http. They live behind one
/// reference so that each stored exchange does not carry their room inline (about 120
/// bytes, most of the store's per-exchange slot).
struct ExchangeRareParts: Sendable, Equatable {
    /// nil stands for `HTTP/1.1`.
    var httpVersion: String?
    var rejection: String?
    var upstream: UpstreamResponse?
    var replayOf: Int?
    /// nil stands for `http`.
    var scheme: String?
    var relay: ExchangeRelay?

    var isEmpty: Bool { httpVersion == nil && rejection == nil && upstream == nil && replayOf == nil && scheme == nil && relay == nil }
}

/// Immutable holder of `ExchangeRareParts`: `Exchange` replaces it on every change, which
/// keeps `Exchange` a value type without copy-on-write bookkeeping.
final class ExchangeRareBox: Sendable, Equatable {
    let parts: ExchangeRareParts

    init(_ parts: ExchangeRareParts) { self.parts = parts }

    static func == (lhs: ExchangeRareBox, rhs: ExchangeRareBox) -> Bool {
        lhs === rhs || lhs.parts == rhs.parts
    }
}
