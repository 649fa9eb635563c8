import HookscopeCore

extension TerminalSession {
    /// Carries out the effects that change how the server answers; each reports back on
    /// the message line, and the top bar is refreshed at once rather than on the next tick.
    func performAnswerEffect(_ effect: AppEffect) -> StatusMessage? {
        let controls = environment.controls
        if let shared = controls.shared, let change = effect.sharedPlanChange {
            // The store answers later: its word comes through the inbox.
            let inbox = self.inbox
            shared.change(change) { inbox.post(.effectFinished($0)) }
            return StatusMessage("changing the plan of every listener on the store…")
        }
        if let decide = controls.decideThroughStore, let message = sendDecision(effect, to: decide) {
            return message
        }
        switch effect {
        case .setAnswer(let answers):
            guard let holder = controls.plan else { return StatusMessage("the answer cannot be changed here", isError: true) }
            var plan = holder.current
            plan.answer(with: answers)
            holder.replace(with: plan)
            return StatusMessage("now: \(plan.summary)")
        case .setIntercept(let enabled):
            controls.setIntercept(enabled)
            return StatusMessage(enabled
                ? "intercept on: new requests wait; a answers one, A answers all, D drops"
                : "intercept off: requests already waiting still wait for a decision")
        case .decide(let id, let answer):
            guard controls.decide(id, answer) else { return StatusMessage("#\(id) is no longer waiting", isError: true) }
            return StatusMessage(answer.map { "answered #\(id) with \($0.summary)" } ?? "dropped #\(id)")
        case .decideAll(let answer):
            let count = controls.decideAll(answer)
            let what = answer.map { "answered \(CountWords.format(count, "waiting request")) with \($0.summary)" }
            return StatusMessage(what ?? "dropped \(CountWords.format(count, "waiting request"))")
        case .forward(let order):
            return order.message(forwarded: controls.forward(order.id))
        case .editRules(let edit):
            guard let holder = controls.plan else { return StatusMessage("rules cannot be changed here", isError: true) }
            var plan = holder.current
            let rules: [ResponseRule]
            do {
                rules = try edit.applied(to: plan.rules)
            } catch {
                return StatusMessage("\(error)", isError: true)
            }
            plan.rules = rules
            // Replacing the plan restarts every sequence from its start, as a change from
            // the command line would: the user sees the new rules from their first answer.
            holder.replace(with: plan)
            return StatusMessage("\(rules.filter(\.enabled).count) of \(CountWords.format(rules.count, "rule")) on; now: \(plan.summary)")
        default:
            return nil
        }
    }

    /// An attached UI's decisions on held requests go to the store; its answer comes
    /// through the inbox. nil for the other effects.
    private func sendDecision(_ effect: AppEffect, to decide: @Sendable ([Int], AnswerSpec?, @escaping @Sendable (StatusMessage) -> Void) -> Void) -> StatusMessage? {
        let inbox = self.inbox
        let ids: [Int]
        let answer: AnswerSpec?
        switch effect {
        case .decide(let id, let spec): (ids, answer) = ([id], spec)
        case .decideAll(let spec): (ids, answer) = (state.pending.keys.sorted(), spec)
        case .forward(let order):
            // To this attached process's app, through the store: only `attach --forward`
            // has one, and only its picker offers the choice.
            guard let forward = environment.controls.forwardThroughStore else {
                return StatusMessage("only an attach with --forward sends a held request to an app; here, answer or drop it", isError: true)
            }
            if let id = order.id {
                forward([id]) { inbox.post(.effectFinished($0)) }
                return StatusMessage(order.outcome ?? "forwarding 1 held request through the store…")
            }
            // All of them: those none of this UI's routes takes stay waiting, and every
            // message about the batch says so (the store's summary counts only the others).
            let batch = state.heldForwardBatch()
            let left = batch.leftWaiting
            guard !batch.taken.isEmpty else { return StatusMessage(left ?? "no held request to forward", isError: left != nil) }
            forward(batch.taken) { message in
                inbox.post(.effectFinished(left.map { StatusMessage(message.text + "; " + $0, isError: message.isError) } ?? message))
            }
            return StatusMessage("forwarding \(CountWords.format(batch.taken.count, "held request")) through the store…" + (left.map { "; " + $0 } ?? ""))
        default: return nil
        }
        decide(ids, answer) { inbox.post(.effectFinished($0)) }
        return StatusMessage("deciding \(ids.count == 1 ? "#\(ids[0])" : CountWords.format(ids.count, "held request")) through the store…")
    }

    /// The plan's rules, when they changed since the state last heard.
    func rulesUpdate() -> AppEvent? {
        let controls = environment.controls
        // Attached: the shared rules (a plan another hookscope wrote that does not parse
        // shows none; the listeners keep the plan in force and say why).
        let shared = controls.shared.map { (try? $0.current()?.parsedRules()) ?? [] }
        guard let rules = shared ?? controls.plan?.current.rules, rules != state.rules else { return nil }
        return .rulesChanged(rules)
    }

    /// The waiting requests, when they changed since the state last heard.
    func pendingUpdate() -> AppEvent? {
        let waiting = environment.controls.waiting()
        let current = state.pending
        let same = waiting.count == current.count && waiting.allSatisfy { current[$0.id] == $0.deadline }
        return same ? nil : .pendingChanged(waiting)
    }
}
