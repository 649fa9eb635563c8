/// A one-line text field at the bottom of the screen: the filter or a prompt.
public struct TextInput: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        /// The list narrows as the text changes.
        case filter
        /// Save the shown exchanges to the typed path.
        case savePath
        /// Save all of one exchange's request body (or its answer's) to the typed path.
        case saveBody(id: Int, response: Bool)
        /// A response rule in the `--rule` language.
        case rule
        /// Where replays go (remembered); then replay these, if any.
        case replayTarget(then: ReplayIntent?)
        /// Write these exchanges to the typed path; Tab changes the format.
        case export(ids: [Int], format: ExportFormat)
    }

    public var purpose: Purpose
    public var text: String
    /// Text the user already confirmed, e.g. an existing file that Enter now overwrites.
    public var confirmed: String?

    public init(purpose: Purpose, text: String = "") {
        self.purpose = purpose
        self.text = text
    }

    public var prompt: String {
        switch purpose {
        case .filter: return "/"
        case .savePath: return "save to: "
        case .saveBody(let id, let response): return "save the \(response ? "response body" : "body") of #\(id) (all of it) to: "
        case .rule: return "rule: "
        case .replayTarget: return "replay to: "
        case .export(let ids, let format):
            let what = ids.count == 1 ? "#\(ids[0])" : "\(ids.count) exchanges"
            return "export \(what) as \(format.title) (Tab: format) to: "
        }
    }
}
