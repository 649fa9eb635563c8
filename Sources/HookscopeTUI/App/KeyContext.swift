/// Where a key binding applies. The screen in front decides which contexts are live,
/// most specific first (see `AppState.keyContexts`).
public enum KeyContext: String, Sendable, CaseIterable {
    case global
    case list
    case detail
    case help
    case rules
    /// Typing into the filter or a prompt: printable keys are text, not commands.
    case input
    /// The status picker: arrows choose, printable keys type an answer.
    case picker
    /// A question before a replay (stale signatures): send as captured, re-sign, or not.
    case confirm

    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .list: return "Delivery list"
        case .detail: return "Detail"
        case .help: return "Help"
        case .rules: return "Rules"
        case .input: return "Filter and prompts"
        case .picker: return "Status picker"
        case .confirm: return "Replay warning"
        }
    }
}
