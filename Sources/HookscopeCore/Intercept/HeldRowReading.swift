/// A held request's row as a decider reads it back while it waits for the listener.
public struct HeldRowReading: Sendable, Equatable {
    /// What the listener wrote it carried out (a decision's text, or `listener`); nil
    /// until it confirmed.
    public var applied: String?
    /// The answer in the exchange's own row, once the listener wrote it.
    public var answer: HeldListenerAnswer?

    public init(applied: String?, answer: HeldListenerAnswer?) {
        self.applied = applied
        self.answer = answer
    }
}

