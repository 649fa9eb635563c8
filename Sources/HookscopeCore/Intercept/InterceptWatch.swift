import Synchronization

/// What a listener without a terminal UI says about the shared intercept (review M2): it
/// holds requests only while a terminal UI attached to the store watches, so its log says
/// when that starts and stops being so: one line per change, never one per read. A
/// terminal UI whose role may not decide a held request (no UPDATE on `hookscope_held`)
/// does not count, and the log names it: its user sees requests waiting that this
/// listener answers at once. A class with a lock: the plan's follower reports from its own
/// task.
///
/// It also says when the requests held so far must go (session 17, B3): a request that
/// arrived in the second before the listener read that the last UI that may decide had
/// left was held, and waited out --intercept-timeout with nobody to decide it.
public final class InterceptWatch: Sendable {
    /// What one read of the attached terminal UIs changes.
    public struct Change: Sendable, Equatable {
        /// A line for the log, when what the listener does for new requests changed.
        public var line: String?
        /// Set when no terminal UI that may decide is attached any more (one was at the
        /// last read): every request still held for the shared intercept is answered by
        /// its plan at once (source `unattended`), as one arriving now would be; the words
        /// say why. Not set when one UI that may decide replaced another between two
        /// reads: the new one sees and decides what is held.
        public var release: String?

        public init(line: String? = nil, release: String? = nil) {
            self.line = line
            self.release = release
        }
    }

    private enum Said: Sendable, Equatable {
        case off
        case unattended(readOnly: [String])
        case holding([String], readOnly: [String])
    }

    private struct State {
        var sharedOn = false
        var watchers: [String] = []
        var readOnly: [String] = []
        /// Those that may decide at the last read that could say (`known`).
        var lastKnown: [String] = []
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

    /// The terminal UIs attached now (user@host each, sorted), as last read: those that may
    /// decide held requests, and those whose role may not (`readOnly`). Only the line.
    public func watchers(_ names: [String], readOnly: [String] = []) -> String? {
        attached(names, readOnly: readOnly).line
    }

    /// The same, with whether the requests held so far must be answered now. Whether the
    /// shared intercept is on does not matter: a request held for it while it was on has
    /// nobody to decide it either once it is off (the reads come while it is on, and while
    /// such a request still waits).
    /// `known` false: the store could not say who is attached (it is away, or the read
    /// failed); new requests are answered as for nobody, but nothing held is released for
    /// that (its deadline answers it, as the README says of a store that goes away): the
    /// next read that can say decides, from the last one that could.
    public func attached(_ names: [String], readOnly: [String] = [], known: Bool = true) -> Change {
        state.withLock { state in
            let left = known && !state.lastKnown.isEmpty && names.isEmpty
            if known { state.lastKnown = names }
            state.watchers = names
            state.readOnly = readOnly
            let release = !left ? nil
                : readOnly.isEmpty ? "the last terminal UI left" : "the last terminal UI that may decide left"
            return Change(line: Self.line(&state), release: release)
        }
    }

    /// The words for the state, when it differs from the one said last. Turning the shared
    /// intercept off needs none: the plan's own line says so.
    private static func line(_ state: inout State) -> String? {
        let now: Said = !state.sharedOn ? .off
            : state.watchers.isEmpty ? .unattended(readOnly: state.readOnly) : .holding(state.watchers, readOnly: state.readOnly)
        guard now != state.said else { return nil }
        state.said = now
        switch now {
        case .off:
            return nil
        case .unattended(let readOnly) where readOnly.isEmpty:
            return "intercept: no terminal UI is attached, so this listener answers each request at once by its plan (source unattended) until one is"
        case .unattended(let readOnly):
            return "intercept: \(mayNotDecide(readOnly)), so this listener answers each request at once by its plan (source unattended)"
                + " until one that may is attached"
        case .holding(let names, let readOnly):
            // user@host as each UI wrote it: escaped before it is printed.
            let line = "intercept: new requests wait for a decision in the terminal UIs attached (\(TerminalSafeText.string(names.joined(separator: ", "))))"
            return readOnly.isEmpty ? line : line + "; \(mayNotDecide(readOnly, more: true))"
        }
    }

    /// "1 terminal UI attached (ana@laptop) but it may not decide held requests (…)".
    private static func mayNotDecide(_ names: [String], more: Bool = false) -> String {
        let attached = CountWords.format(names.count, more ? "more terminal UI" : "terminal UI")
        let who = TerminalSafeText.string(names.joined(separator: ", "))
        let (it, its) = names.count == 1 ? ("it", "its role lacks") : ("they", "their roles lack")
        return "\(attached) attached (\(who)) but \(it) may not decide held requests (\(its) UPDATE on hookscope_held)"
    }
}
