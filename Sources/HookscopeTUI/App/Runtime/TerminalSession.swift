import Foundation
import HookscopeCore
import HookscopeFiles

/// Runs the UI on the calling thread: reads input, watches the store, applies events
/// with `update`, carries out effects, and redraws at most ~30 times a second however
/// fast deliveries arrive. The server never waits for it: it only reads the store's
/// generation and takes snapshots.
///
/// The only part of HookscopeTUI that does I/O (through the terminal, the store and, for
/// saving, the file system).
public final class TerminalSession {
    public struct Environment: Sendable {
        public var store: CaptureStore
        /// The top bar's facts, read about once a second (the response mode can change).
        public var header: @Sendable () -> HeaderInfo
        public var settings: DisplaySettings
        /// True once the process was asked to stop (SIGINT, SIGTERM).
        public var shouldStop: @Sendable () -> Bool
        public var clock: @Sendable () -> Timestamp
        /// The response plan and intercept, for `s`, `i`, `a`, `A` and `D`.
        public var controls: AnswerControls
        /// Sending exchanges again and the editor, for `r` and `e`.
        public var replay: ReplayControls
        /// On the message line when the UI starts: what was found out before it, which a
        /// line on standard error would leave under the screen (`attach --intercept`: which
        /// listeners the intercept reaches).
        public var notice: StatusMessage?

        public init(
            store: CaptureStore, header: @escaping @Sendable () -> HeaderInfo, settings: DisplaySettings,
            shouldStop: @escaping @Sendable () -> Bool, clock: @escaping @Sendable () -> Timestamp = { .now() },
            controls: AnswerControls = .none, replay: ReplayControls = .none, notice: StatusMessage? = nil
        ) {
            self.store = store
            self.header = header
            self.settings = settings
            self.shouldStop = shouldStop
            self.clock = clock
            self.controls = controls
            self.replay = replay
            self.notice = notice
        }
    }

    /// Minimum time between two store-driven redraws (~30 frames a second).
    static let frameInterval: UInt64 = 33_000_000

    let terminal: Terminal
    let environment: Environment
    /// Replay results, posted from the HTTP client's threads.
    let inbox = EventInbox()
    /// The private directory `e` writes requests into, made on first use.
    var editDirectoryPath: String?
    public private(set) var state: AppState
    private var finished = false

    public init(terminal: Terminal, environment: Environment) {
        self.terminal = terminal
        self.environment = environment
        self.state = AppState(
            size: terminal.size, settings: environment.settings, header: environment.header(), now: environment.clock(),
            replayCheck: environment.replay.check
        )
    }

    /// Runs until `q` or a stop signal; returns with the terminal still open (call `stop`).
    /// `maxIdlePolls` ends a test run after that many empty reads in a row.
    public func run(maxIdlePolls: Int? = nil) {
        apply(.storeChanged(environment.store.snapshot()))
        if let rules = rulesUpdate() { apply(rules) }
        // Requests already held when the UI starts (an attached UI joining late) wait too.
        if let pending = pendingUpdate() { apply(pending) }
        apply(.tick(environment.clock()))
        if let notice = environment.notice { apply(.effectFinished(notice)) }
        var lastGeneration = environment.store.generation
        var lastSnapshotAt = MonotonicInstant.now()
        var lastTickAt = lastSnapshotAt
        var dirty = true
        var idlePolls = 0
        while !finished, !environment.shouldStop() {
            if dirty {
                terminal.draw(Renderer.render(state, size: state.size))
                dirty = false
            }
            if let input = terminal.readInput(timeoutMilliseconds: 33) {
                idlePolls = 0
                dirty = true
                switch input {
                case .key(let key): apply(.key(key))
                case .resized(let size): apply(.resized(size))
                case .mouse(let mouse): apply(.mouse(mouse))
                case .hangup: finished = true
                }
                continue   // drain typed-ahead keys before looking at the store
            }
            let arrived = inbox.takeAll()
            if !arrived.isEmpty {
                arrived.forEach(apply)
                dirty = true
            }
            idlePolls += 1
            if let maxIdlePolls, idlePolls > maxIdlePolls { break }
            let now = MonotonicInstant.now()
            let generation = environment.store.generation
            if generation != lastGeneration, now.nanoseconds - lastSnapshotAt.nanoseconds >= Self.frameInterval {
                lastGeneration = generation
                lastSnapshotAt = now
                apply(.storeChanged(environment.store.snapshot()))
                // A new request may be an intercepted one: show it as waiting at once.
                if let pending = pendingUpdate() { apply(pending) }
                dirty = true
            }
            if now.nanoseconds - lastTickAt.nanoseconds >= 1_000_000_000 {
                lastTickAt = now
                let header = environment.header()
                if header != state.header { apply(.headerChanged(header)) }
                if let pending = pendingUpdate() { apply(pending) }
                if let rules = rulesUpdate() { apply(rules) }
                apply(.tick(environment.clock()))
                dirty = true
            }
        }
    }

    func apply(_ event: AppEvent) {
        for effect in state.update(event) { perform(effect) }
    }

    private func perform(_ effect: AppEffect) {
        switch effect {
        case .quit:
            finished = true
        case .suspend:
            terminal.suspend()
            apply(.resized(terminal.size))
        case .clearStore:
            let count = environment.store.snapshot().count
            environment.store.removeAll()
            apply(.storeChanged(environment.store.snapshot()))
            apply(.effectFinished(StatusMessage("cleared \(CountWords.format(count, "exchange"))")))
        case .copy(let bytes, let what):
            terminal.copyToClipboard(bytes)
            apply(.effectFinished(StatusMessage("copied \(what) (\(ByteCountText.format(bytes.count))) to the clipboard")))
        case .save(let path, let exchanges):
            apply(.effectFinished(Self.save(exchanges, to: path)))
        case .replay(let order):
            performReplay(order)
        case .editAndReplay(let id, let target):
            performEdit(id: id, target: target)
        case .export(let order):
            performExport(order)
        case .saveBody(let path, let bytes, let what, let overwrite, let reopen):
            performSaveBody(path: path, bytes: bytes, what: what, overwrite: overwrite, reopen: reopen)
        case .setAnswer, .setIntercept, .decide, .decideAll, .forward, .editRules:
            guard let message = performAnswerEffect(effect) else { return }
            if let rules = rulesUpdate() { apply(rules) }
            apply(.headerChanged(environment.header()))
            if let pending = pendingUpdate() { apply(pending) }
            apply(.effectFinished(message))
        }
    }

    /// Writes JSON Lines; returns the message line's text.
    static func save(_ exchanges: DeliveryList, to path: String) -> StatusMessage {
        var text = ""
        for row in 0..<exchanges.count {
            text += ExchangeJSONLines.encode(exchanges[row])
            text += "\n"
        }
        do {
            let expanded = (path as NSString).expandingTildeInPath
            try OutputFile.write(Array(text.utf8), to: expanded, waitForReader: false)
            return StatusMessage("saved \(CountWords.format(exchanges.count, "exchange")) to \(path)")
        } catch {
            return StatusMessage("\(error)", isError: true)
        }
    }
}
