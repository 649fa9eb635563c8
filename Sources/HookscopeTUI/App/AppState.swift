import HookscopeCore

/// Everything the terminal UI shows, owned by the one UI thread and changed only by
/// `update(_:)`. A value: tests build one, feed it events and look at the result.
public struct AppState: Sendable {
    public enum Screen: Sendable, Equatable {
        case list
        case detail
        case help
        /// The response rules: list, add, toggle, delete.
        case rules
    }

    public var screen: Screen = .list
    /// The screen the help returns to.
    public var screenBeforeHelp: Screen = .list
    public var size: TerminalSize
    public var settings: DisplaySettings
    public var header: HeaderInfo
    public var keymap: Keymap

    public private(set) var snapshot: CaptureSnapshot = .empty
    public internal(set) var filterText = ""
    public internal(set) var filter: FilterIndex?
    /// The text field, picker or question open over the current screen (see `Overlay`).
    public internal(set) var overlay: Overlay = .none
    /// Intercepted requests waiting for a decision: exchange id to deadline.
    public internal(set) var pending: [Int: Timestamp] = [:]
    /// The plan's rules as last read from the server, and the one selected on the rules screen.
    public internal(set) var rules: [ResponseRule] = []
    public internal(set) var selectedRule = 0
    /// Marked exchanges (Space): `r` and `x` take these, in list order, when there are any.
    public internal(set) var marked: Set<Int> = []
    /// Where `r` sends; nil until typed, then remembered (the --forward target otherwise).
    public internal(set) var replayTarget: String?

    /// The selected exchange (stable while others are evicted or filtered away).
    public internal(set) var selectedID: Int?
    /// The screen line the selection sits on, so the list does not jump as it moves.
    public internal(set) var selectionLine = 0
    /// Follow mode: the newest delivery is selected as it arrives.
    public internal(set) var follow = true

    public var detail = DetailState()
    public internal(set) var detailCache: DetailRowsCache?
    public var helpScroll = 0
    public var message: StatusMessage?
    /// The last public URL the header had: a different one later (a tunnel restarted with
    /// a new URL) is said on the message line.
    public internal(set) var lastPublicURL: String?
    public internal(set) var now: Timestamp
    public internal(set) var rate = RateMeter()
    /// Looks at an exchange before it is sent again (signature past its tolerance? can it be
    /// re-signed?): given by the runner, as the provider analyzer lives outside the UI, and
    /// pure: the time is the state's `now`.
    public var replayCheck: @Sendable (Exchange, Timestamp) -> ReplayCheck

    public init(
        size: TerminalSize, settings: DisplaySettings = DisplaySettings(), header: HeaderInfo,
        keymap: Keymap = .standard, now: Timestamp = Timestamp(nanosecondsSinceEpoch: 0),
        replayCheck: @escaping @Sendable (Exchange, Timestamp) -> ReplayCheck = { _, _ in ReplayCheck() }
    ) {
        self.size = size
        self.settings = settings
        self.header = header
        self.keymap = keymap
        self.now = now
        self.replayCheck = replayCheck
    }

    /// The rows the list shows now.
    public var list: DeliveryList { DeliveryList(snapshot: snapshot, filter: filter) }

    /// The selected row, or nil when the list is empty.
    public var selectedRow: Int? {
        let list = self.list
        guard !list.isEmpty else { return nil }
        if follow { return list.count - 1 }
        guard let selectedID else { return 0 }
        return list.row(ofID: selectedID) ?? list.row(atOrAfterID: selectedID) ?? list.count - 1
    }

    public var selectedExchange: Exchange? {
        selectedRow.map { list[$0] }
    }

    /// The exchange the detail screen shows, if it is still stored.
    public var detailExchange: Exchange? {
        guard let id = detail.exchangeID, let position = snapshot.position(ofID: id) else { return nil }
        return snapshot[position]
    }

    /// Which key table contexts are live, most specific first.
    public var keyContexts: [KeyContext] {
        switch overlay {
        case .confirmation: return [.confirm]
        case .picker: return [.picker]
        case .input: return [.input]
        case .none: break
        }
        switch screen {
        case .list: return [.list, .global]
        case .detail: return [.detail, .global]
        case .help: return [.help, .global]
        case .rules: return [.rules, .global]
        }
    }

    public var layout: ScreenLayout { ScreenLayout(size: size) }

    mutating func replaceSnapshot(_ newSnapshot: CaptureSnapshot) {
        snapshot = newSnapshot
        filter?.refresh(with: newSnapshot)
        // A mark on an evicted exchange would make `r` and `x` silently skip it later.
        if !marked.isEmpty { marked = marked.filter { newSnapshot.position(ofID: $0) != nil } }
    }
}
