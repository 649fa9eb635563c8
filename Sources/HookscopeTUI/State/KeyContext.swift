/// Where a key binding applies. The screen in front decides which contexts are live,
/// most specific first (see `AppState.keyContexts`).
public enum KeyContext: String, Sendable, CaseIterable {
    case global
    case list
    case detail
    case help
    /// Typing into the filter or a prompt: printable keys are text, not commands.
    case input

    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .list: return "Delivery list"
        case .detail: return "Detail"
        case .help: return "Help"
        case .input: return "Filter and prompts"
        }
    }
}
