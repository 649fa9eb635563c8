/// What the UI needs from a terminal. `CursesTerminal` is the real one; `RecordingTerminal`
/// plays scripted input and keeps the frames for tests.
public protocol Terminal: AnyObject {
    var size: TerminalSize { get }
    /// Shows a frame (implementations send only what changed).
    func draw(_ grid: CellGrid)
    /// The next input, waiting at most `timeoutMilliseconds`; nil when none came.
    func readInput(timeoutMilliseconds: Int) -> TerminalInput?
    /// Puts text on the system clipboard through OSC 52.
    func copyToClipboard(_ bytes: [UInt8])
    /// Gives the terminal back to the shell until the process is continued (Ctrl-Z).
    func suspend()
    /// Gives the terminal to `work` (an editor) in its normal mode, then takes it back and
    /// redraws everything.
    func runOutside(_ work: () -> Void)
    /// Restores the terminal for good.
    func stop()
}

public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case resized(TerminalSize)
    case mouse(MouseEvent)
    /// The terminal went away (the window closed, ssh dropped): end as if told to quit.
    case hangup
}
