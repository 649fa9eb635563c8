import HookscopeCore

/// What `StoreWriter` reports (the top bar, the headless log, the exit summary), and the
/// limits it asks of the server for its sessions.
extension StoreWriter {
    public struct Status: Sendable, Equatable {
        public var connected: Bool
        /// Writes waiting (in flight included).
        public var waiting: Int
        /// Writes dropped because the queue was full.
        public var lost: Int
        public var written: Int
        /// Why the last attempt failed, while not connected or refused.
        public var reason: String?
        /// The database refuses the writes (a permission, a constraint): connected, but
        /// nothing gets through until someone fixes it; `reason` says why.
        public var refused = false

        public init(connected: Bool, waiting: Int, lost: Int, written: Int, reason: String? = nil, refused: Bool = false) {
            self.connected = connected
            self.waiting = waiting
            self.lost = lost
            self.written = written
            self.reason = reason
            self.refused = refused
        }

        /// `store: reconnecting, 12 waiting, 3 lost`, `store: writes refused, 5 waiting
        /// (permission denied for table hookscope_exchanges)`; nil when all is well. The
        /// counts come first: a narrow top bar cuts the end.
        public var summary: String? {
            guard !connected || refused || lost > 0 else { return nil }
            var text = !connected ? "store: reconnecting" : refused ? "store: writes refused" : "store: connected"
            text += ", \(waiting) waiting"
            if lost > 0 { text += ", \(lost) lost" }
            if connected, refused { text += " (\(reason ?? "no reason given"))" }
            return text
        }

        /// The top bar's word on the store: its trouble, or that it is there and well.
        public var shortState: String { summary ?? "store: connected" }

        /// The last line on the store: `store: 6000 writes stored, 12 not written (gave up
        /// after 10 s without progress: the database did not answer …), 3 lost (--store-queue
        /// was full)`.
        public func finalLine(patience: Duration) -> String {
            var line = "store: \(CountWords.format(written, "write")) stored"
            if waiting > 0 {
                let why = reason ?? "the store was unreachable"
                line += ", \(waiting) not written (gave up after \(patience.components.seconds) s without progress: \(why))"
            }
            if lost > 0 { line += ", \(lost) lost (--store-queue was full)" }
            return line
        }

        /// The exit summary's part on the store, when writes are missing from it.
        public var missingSummary: String? {
            let missing = waiting + lost
            guard missing > 0 else { return nil }
            return "\(CountWords.format(missing, "write")) missing from the store (\(waiting) not written, \(lost) lost)"
        }
    }

    /// Limits the server enforces on the writer's sessions. Every writing transaction
    /// holds the counter's row lock until it commits, and every listener's next batch
    /// waits for it: a writer whose connection died silently in the middle of one (a
    /// laptop that slept, a cut network) must not hold it for long. The server ends such a
    /// session after `idleInTransactionSeconds` (and notices a dead peer by TCP keepalives
    /// first, on TCP connections); a writer that waits for the lock longer than
    /// `lockSeconds` is refused, says so, and tries again. On this side, a round trip
    /// not answered within `deadlineSeconds` (a batch of 4 MiB waiting for other
    /// listeners' commits takes far less) is taken for a dead connection, and the batch
    /// written again on a new one.
    public struct SessionLimits: Sendable {
        public var idleInTransactionSeconds: Int
        public var lockSeconds: Int
        public var deadlineSeconds: Int

        public init(idleInTransactionSeconds: Int = 15, lockSeconds: Int = 8, deadlineSeconds: Int = 10) {
            self.idleInTransactionSeconds = idleInTransactionSeconds
            self.lockSeconds = lockSeconds
            self.deadlineSeconds = deadlineSeconds
        }

        /// Server parameters, sent when the session starts.
        public var settings: [(String, String)] {
            [
                ("idle_in_transaction_session_timeout", "\(idleInTransactionSeconds)s"),
                ("lock_timeout", "\(lockSeconds)s"),
                // A batch's statement is small work, but the planner's guesses for its steps
                // (no statistics for the one-row counter) passed the JIT threshold: compiling
                // took about 200 ms a batch, twice the server's CPU of a whole drain (measured).
                ("jit", "off"),
                // Ignored on Unix sockets. A peer silent for 15 s is probed 3 times, 5 s apart.
                ("tcp_keepalives_idle", "15"),
                ("tcp_keepalives_interval", "5"),
                ("tcp_keepalives_count", "3"),
            ]
        }
    }
}
