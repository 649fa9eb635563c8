import Synchronization

/// What a listener without a terminal UI says about the shared intercept (review M2): it
/// holds requests only while a terminal UI attached to the store watches, so its log says
/// when that starts and stops being so: one line per change, never one per read. A class
/// with a lock: the plan's follower reports from its own task.
public final class InterceptWatch: Sendable {
    private enum Said: Sendable, Equatable {
        case off
        case unattended
        case holding([String])
    }

    private struct State {
        var sharedOn = false
        var watchers: [String] = []
        var said = Said.off
    }

    private let state = Mutex(State())

    public init() {}

    /// The shared plan's intercept is now on or off.
    public func sharedIntercept(_ on: Bool) -> String? {
        state.withLock { state in
            state.sharedOn = on
            return Self.line(&state)
        }
    }

    /// The terminal UIs attached now (user@host each, sorted), as last read.
    public func watchers(_ names: [String]) -> String? {
        state.withLock { state in
            state.watchers = names
            return Self.line(&state)
        }
    }

    /// The words for the state, when it differs from the one said last. Turning the shared
    /// intercept off needs none: the plan's own line says so.
    private static func line(_ state: inout State) -> String? {
        let now: Said = !state.sharedOn ? .off : state.watchers.isEmpty ? .unattended : .holding(state.watchers)
        guard now != state.said else { return nil }
        state.said = now
        switch now {
        case .off:
            return nil
        case .unattended:
            return "intercept: no terminal UI is attached, so this listener answers each request at once by its plan (source unattended) until one is"
        case .holding(let names):
            // user@host as each UI wrote it: escaped before it is printed.
            return "intercept: new requests wait for a decision in the terminal UIs attached (\(TerminalSafeText.string(names.joined(separator: ", "))))"
        }
    }
}
