import HookscopeCore

/// Everything that can happen to the UI; `AppState.update` is the only way state changes.
public enum AppEvent: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resized(TerminalSize)
    /// The store changed; the runner coalesces these to at most ~30 a second.
    case storeChanged(CaptureSnapshot)
    /// The clock moved (about once a second): the rate meter and the clock-driven text.
    case tick(Timestamp)
    /// The server's settings changed (e.g. the response mode).
    case headerChanged(HeaderInfo)
    /// The intercepted requests waiting now (polled by the runner on its tick).
    case pendingChanged([PendingAnswer])
    /// The plan's rules (polled by the runner on its tick and after each edit).
    case rulesChanged([ResponseRule])
    /// An effect finished; its result goes to the message line.
    case effectFinished(StatusMessage)
    /// The editor (`e`) saved this request, made from exchange `originalID`; to send to `target`.
    case editSaved(Exchange, originalID: Int, target: String)
    /// A prompt comes back with what was typed and why (the file exists, or could not be
    /// written): typed text is never lost to a failed effect.
    case reopenInput(TextInput, StatusMessage)
}
