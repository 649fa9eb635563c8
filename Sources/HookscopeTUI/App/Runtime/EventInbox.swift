import Synchronization

/// Events that arrive from other threads (a replay's answer comes back on the HTTP
/// client's event loop) for the UI thread to apply between reads: one lock around one
/// array, held only to append or take.
final class EventInbox: Sendable {
    private let events = Mutex<[AppEvent]>([])

    func post(_ event: AppEvent) {
        events.withLock { $0.append(event) }
    }

    /// Everything posted so far, oldest first.
    func takeAll() -> [AppEvent] {
        events.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }
}
