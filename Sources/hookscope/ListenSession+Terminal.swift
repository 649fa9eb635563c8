import HookscopeCore
import HookscopeServer

extension ListenSession {
    /// Whether to open the full-screen interface instead of printing lines.
    /// UNFINISHED: the terminal UI arrives with issue 4; until then hookscope always prints lines.
    var wantsTerminalUI: Bool { false }

    /// Runs the full-screen interface until the user quits or a stop signal arrives.
    func runTerminalUI(server: CaptureServer, stopSignals: StopSignals) async throws {}
}
