import HookscopeCore

extension AppState {
    /// The list keys that change how hookscope answers: the picker, intercept and the
    /// decisions on waiting requests. Each returns an effect; the session carries it out
    /// and reports back on the message line.
    mutating func handleAnswerAction(_ action: AppAction) -> [AppEffect] {
        switch action {
        case .pickAnswer:
            picker = AnswerPicker(purpose: .defaultAnswer)
        case .toggleIntercept:
            return [.setIntercept(!header.intercept)]
        case .answerPending, .dropPending:
            guard let exchange = selectedExchange, pending[exchange.id] != nil else {
                message = StatusMessage("the selected delivery is not waiting for an answer (i turns intercept on)", isError: true)
                return []
            }
            if action == .dropPending { return [.decide(id: exchange.id, nil)] }
            picker = AnswerPicker(purpose: .interceptOne(exchange.id), forwarding: heldForwardRoutes != nil)
        case .answerAllPending:
            guard !pending.isEmpty else {
                message = StatusMessage("no request is waiting for an answer", isError: true)
                return []
            }
            picker = AnswerPicker(purpose: .interceptAll, forwarding: heldForwardRoutes != nil)
        default:
            break
        }
        return []
    }

    /// Keys while the picker is open: arrows move, printable keys type, Enter chooses.
    mutating func handlePicker(_ key: Key) -> [AppEffect] {
        guard var current = picker else { return [] }
        let count = current.choices.count
        switch (keymap.action(for: key, in: [.picker]), key) {
        case (.moveDown?, _): current.selected = (current.selected + 1) % count
        case (.moveUp?, _): current.selected = (current.selected + count - 1) % count
        case (.deleteBackward?, _): if !current.typed.isEmpty { current.typed.removeLast() }
        case (.cancel?, _):
            picker = nil
            message = nil
            return []
        case (.accept?, _):
            return choose(current)
        case (nil, .character(let character)):
            current.typed.append(character)
        default:
            return escapeKeyEffects(key)
        }
        picker = current
        message = nil
        return []
    }

    /// Parses the picker's answer; a template goes to the text field for editing first, a
    /// mistake stays in the picker with the parser's message.
    private mutating func choose(_ current: AnswerPicker) -> [AppEffect] {
        let choice = current.choices[current.selected]
        if current.choosesForward {
            picker = nil
            message = nil
            switch current.purpose {
            case .interceptOne(let id): return [.forward(forwardOrder(id: id))]
            case .interceptAll, .defaultAnswer: return [.forward(forwardOrder(id: nil))]
            }
        }
        if current.typed.isEmpty, choice.isTemplate {
            picker?.typed = choice.spec
            message = StatusMessage("edit the answer, then Enter")
            return []
        }
        let answers: [AnswerSpec]
        do {
            answers = try AnswerSpecParser.parseSequence(current.text)
        } catch {
            message = StatusMessage("\(error)", isError: true)
            return []
        }
        if current.purpose != .defaultAnswer, answers.count > 1 {
            // A waiting request gets exactly one answer; a sequence only means something
            // for the deliveries still to come.
            message = StatusMessage("a waiting request takes one answer, not a sequence", isError: true)
            return []
        }
        picker = nil
        message = nil
        switch current.purpose {
        case .defaultAnswer: return [.setAnswer(answers)]
        case .interceptOne(let id): return [.decide(id: id, answers[0])]
        case .interceptAll: return [.decideAll(answers[0])]
        }
    }

    /// Seconds left before a waiting request gets the default answer, by the UI clock.
    func secondsLeft(_ id: Int) -> Int? {
        guard let deadline = pending[id] else { return nil }
        let nanoseconds = deadline.nanosecondsSinceEpoch - now.nanosecondsSinceEpoch
        return max(0, Int((nanoseconds + 999_999_999) / 1_000_000_000))
    }
}
