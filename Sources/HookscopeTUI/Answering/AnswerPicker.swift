import HookscopeCore

/// The status picker (`s`, and `a`/`A` on intercepted requests): the common codes with
/// their names and the failure modes, or anything typed in the `--respond` language. For
/// a waiting request with `--forward` in force, the first choice sends it on to the app.
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
        /// Send the waiting request to the app (its --forward route) instead of answering it.
        public var isForward = false
    }

    /// What the forward choice reads, and what may be typed for it.
    public static let forwardChoice = Choice(label: "forward to the app", spec: "forward", isTemplate: false, isForward: true)

    public static let commonCodes = [200, 201, 202, 204, 301, 400, 401, 403, 404, 409, 410, 422, 429, 500, 502, 503, 504]

    public static let answerChoices: [Choice] =
        commonCodes.map { Choice(label: "\($0) \(HTTPStatusText.reason(for: $0))", spec: "\($0)", isTemplate: false) } + [
            Choice(label: "delay N ms…", spec: "200/delay=2000", isTemplate: true),
            Choice(label: "hang (no answer)", spec: "hang", isTemplate: false),
            Choice(label: "close (FIN)", spec: "close", isTemplate: false),
            Choice(label: "reset (RST)", spec: "reset", isTemplate: false),
            Choice(label: "sequence…", spec: "500x3,200", isTemplate: true),
        ]

    public var purpose: Purpose
    /// The forward choice is offered: the request waits and `--forward` is in force.
    public var offersForward: Bool
    public var selected = 0
    /// Typed text; when not empty it is what Enter uses.
    public var typed = ""

    public init(purpose: Purpose, forwarding: Bool = false) {
        self.purpose = purpose
        offersForward = forwarding && purpose != .defaultAnswer
    }

    /// The lines shown, in order.
    public var choices: [Choice] {
        offersForward ? [Self.forwardChoice] + Self.answerChoices : Self.answerChoices
    }

    /// The text Enter would parse: the typed text, else the selected choice's.
    public var text: String {
        typed.isEmpty ? choices[selected].spec : typed
    }

    /// Enter sends the request on to the app: the forward choice, or `forward` typed.
    public var choosesForward: Bool {
        offersForward && text.trimmingSpaces.lowercased() == Self.forwardChoice.spec
    }
}
