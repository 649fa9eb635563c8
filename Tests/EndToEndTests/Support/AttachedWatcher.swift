import Foundation

/// An attached terminal UI (`hookscope attach STORE` in a private tmux), the watcher a
/// listener without a terminal UI needs before it holds requests for the shared intercept
/// (review M2): it waits until each listener's log says the UI is seen.
final class AttachedWatcher: @unchecked Sendable {
    let tmux: TerminalUITmux

    /// The listener's log line once a terminal UI is seen while the shared intercept is on.
    static let seen = "intercept: new requests wait for a decision in the terminal UIs attached ("

    init(store: String, flags: [String] = [], seenBy listeners: [RunningHookscope]) throws {
        let arguments = ([store] + flags).map { "'\($0)'" }.joined(separator: " ")
        tmux = try TerminalUITmux(width: 200, height: 30, command: "'\(HookscopeBinary.path)' attach \(arguments); echo \"hookscope exited $?\"; exec sleep 600")
        for listener in listeners { try Self.waitUntilSeen(by: listener) }
    }

    /// Waits until `listener` has said `times` times that a terminal UI watches (it looks
    /// every second, and says so once each time it starts holding).
    static func waitUntilSeen(by listener: RunningHookscope, times: Int = 1) throws {
        do {
            _ = try Poll.until(timeout: 30) { listener.stderr.components(separatedBy: seen).count > times ? true : nil }
        } catch {
            throw PollTimeout(description: "the listener never saw the attached terminal UI: \(listener.stderr.suffix(1500))")
        }
    }

    func kill() { tmux.kill() }
}
