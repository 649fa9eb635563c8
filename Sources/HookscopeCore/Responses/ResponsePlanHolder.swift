import Synchronization

/// The response plan in force, replaced as a whole when the user changes it (command line,
/// later live from the TUI), and the positions reached in its sequences. One lock around
/// the two so an answer is chosen and its sequence advanced in one step.
public final class ResponsePlanHolder: Sendable {
    private struct State {
        var plan: ResponsePlan
        var sequencePosition = 0
        /// Position in each rule's own answer list, by rule index.
        var rulePositions: [Int: Int] = [:]
    }

    private let state: Mutex<State>

    public init(_ initial: ResponsePlan = ResponsePlan()) {
        state = Mutex(State(plan: initial))
    }

    public var current: ResponsePlan {
        state.withLock { $0.plan }
    }

    /// Puts a new plan in force; its sequences start from the beginning.
    public func replace(with newPlan: ResponsePlan) {
        state.withLock { $0 = State(plan: newPlan) }
    }

    /// Chooses the answer for one stored exchange and advances the sequence it came from.
    public func answer(for exchange: Exchange) -> PlannedAnswer {
        state.withLock { state in
            for (index, rule) in state.plan.rules.enumerated() where rule.matches(exchange) && !rule.answers.isEmpty {
                let position = state.rulePositions[index, default: 0]
                state.rulePositions[index] = position + 1
                let spec = rule.answers[min(position, rule.answers.count - 1)]
                return spec.planned(for: exchange, source: .rule)
            }
            if !state.plan.sequence.isEmpty {
                let position = state.sequencePosition
                state.sequencePosition += 1
                let spec = state.plan.sequence[min(position, state.plan.sequence.count - 1)]
                return spec.planned(for: exchange, source: .sequence)
            }
            return state.plan.defaultAnswer.planned(for: exchange, source: .default)
        }
    }
}
