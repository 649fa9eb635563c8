/// A one-line text field at the bottom of the screen: the filter or a prompt.
public struct TextInput: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        /// The list narrows as the text changes.
        case filter
        /// Save the shown exchanges to the typed path.
        case savePath
        /// A response rule in the `--rule` language.
        case rule
    }

    public var purpose: Purpose
    public var text: String

    public init(purpose: Purpose, text: String = "") {
        self.purpose = purpose
        self.text = text
    }

    public var prompt: String {
        switch purpose {
        case .filter: return "/"
        case .savePath: return "save to: "
        case .rule: return "rule: "
        }
    }
}
