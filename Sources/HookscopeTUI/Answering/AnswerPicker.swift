import HookscopeCore

/// The status picker (`s`, and `a`/`A` on intercepted requests): the common codes with
/// their names and the failure modes, or anything typed in the `--respond` language.
/// Typing goes to the text field, so arrows move the selection and letters are text.
public struct AnswerPicker: Sendable, Equatable {
    /// What the chosen answer is for.
    public enum Purpose: Sendable, Equatable {
        /// The default answer for every delivery from now on.
        case defaultAnswer
        /// One intercepted request, by exchange id.
        case interceptOne(Int)
        /// Every intercepted request waiting now.
        case interceptAll

        public var title: String {
            switch self {
            case .defaultAnswer: return "Answer every delivery with"
            case .interceptOne(let id): return "Answer #\(id) with"
            case .interceptAll: return "Answer all waiting requests with"
            }
        }
    }

    /// One line of the picker: an answer to use as is, or a template to edit first.
    public struct Choice: Sendable, Equatable {
        public var label: String
        public var spec: String
        /// Templates go to the text field for editing instead of being used at once.
        public var isTemplate: Bool
    }

    public static let commonCodes = [200, 201, 202, 204, 301, 400, 401, 403, 404, 409, 410, 422, 429, 500, 502, 503, 504]

    public static let choices: [Choice] =
        commonCodes.map { Choice(label: "\($0) \(HTTPStatusText.reason(for: $0))", spec: "\($0)", isTemplate: false) } + [
            Choice(label: "delay N ms…", spec: "200/delay=2000", isTemplate: true),
            Choice(label: "hang (no answer)", spec: "hang", isTemplate: false),
            Choice(label: "close (FIN)", spec: "close", isTemplate: false),
            Choice(label: "reset (RST)", spec: "reset", isTemplate: false),
            Choice(label: "sequence…", spec: "500x3,200", isTemplate: true),
        ]

    public var purpose: Purpose
    public var selected = 0
    /// Typed text; when not empty it is what Enter uses.
    public var typed = ""

    public init(purpose: Purpose) {
        self.purpose = purpose
    }

    /// The text Enter would parse: the typed text, else the selected choice's.
    public var text: String {
        typed.isEmpty ? Self.choices[selected].spec : typed
    }
}
