/// What sits over the current screen and takes the keys. At most one at a time: the
/// update, the renderer, the footer and the mouse all ask this one value which it is.
public enum Overlay: Sendable {
    case none
    /// A text field on the message line: the filter, a path, a URL, a rule.
    case input(TextInput)
    /// The status picker, in place of the screen's body.
    case picker(AnswerPicker)
    /// The question before a replay of stale signatures, in place of the screen's body.
    case confirmation(ReplayConfirmation)
}

extension AppState {
    /// The text field being typed in, if that is the overlay. Setting one replaces the
    /// overlay; setting nil closes it only when it is a text field.
    public var input: TextInput? {
        get {
            guard case .input(let field) = overlay else { return nil }
            return field
        }
        set {
            if let newValue {
                overlay = .input(newValue)
            } else if case .input = overlay {
                overlay = .none
            }
        }
    }

    /// The status picker, if that is the overlay (same rules as `input`).
    public var picker: AnswerPicker? {
        get {
            guard case .picker(let picker) = overlay else { return nil }
            return picker
        }
        set {
            if let newValue {
                overlay = .picker(newValue)
            } else if case .picker = overlay {
                overlay = .none
            }
        }
    }

    /// The stale-signature question, if that is the overlay (same rules as `input`).
    public internal(set) var confirmation: ReplayConfirmation? {
        get {
            guard case .confirmation(let question) = overlay else { return nil }
            return question
        }
        set {
            if let newValue {
                overlay = .confirmation(newValue)
            } else if case .confirmation = overlay {
                overlay = .none
            }
        }
    }
}
