import HookscopeCore

extension AppState {
    mutating func handleRules(_ action: AppAction) -> [AppEffect] {
        switch action {
        case .back: screen = .list
        case .moveDown: selectedRule = min(selectedRule + 1, max(0, rules.count - 1))
        case .moveUp: selectedRule = max(0, selectedRule - 1)
        case .addRule: input = TextInput(purpose: .rule)
        case .toggleRule:
            guard rules.indices.contains(selectedRule) else { return [] }
            return [.editRules(.toggle(index: selectedRule, seen: rules[selectedRule]))]
        case .deleteRule:
            guard rules.indices.contains(selectedRule) else { return [] }
            return [.editRules(.delete(index: selectedRule, seen: rules[selectedRule]))]
        default: break
        }
        return []
    }

    /// Enter on the rule prompt: a rule that parses is added (the prompt closes), one that
    /// does not keeps the prompt open with the parser's message.
    mutating func addRule(_ text: String) -> [AppEffect] {
        do {
            let rule = try AnswerSpecParser.parseRule(text)
            selectedRule = rules.count
            return [.editRules(.add(rule))]
        } catch {
            input = TextInput(purpose: .rule, text: text)
            message = StatusMessage("\(error)", isError: true)
            return []
        }
    }
}
