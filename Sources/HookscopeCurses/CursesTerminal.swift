#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW
import HookscopeCore
import HookscopeTUI

/// The real terminal, through ncursesw: set up, draw cell grids, read keys, suspend and
/// restore. The only code that imports CNCursesW; curses state is global, so exactly one
/// of these may exist at a time, used from one thread.
public final class CursesTerminal: Terminal {
    let window: UnsafeMutablePointer<WINDOW>
    private let screen: OpaquePointer
    /// Colours are used when the terminal has them and NO_COLOR is not set.
    let colors: Bool
    /// Whether the locale can show UTF-8; otherwise non-ASCII is drawn as ASCII stand-ins.
    public let unicode: Bool
    /// The last frame drawn: only cells that differ from it are sent to curses.
    var previous: CellGrid?
    var colorPairs: [ColorPairKey: Int16] = [:]
    private var stopped = false

    /// Takes over the terminal, or returns nil when curses cannot (no usable terminal).
    public static func start(environment: [String: String]) -> CursesTerminal? {
        setlocale(LC_ALL, "")
        // Ctrl-Z arrives as a key in raw mode and `suspend` stops the process itself; with
        // SIGTSTP ignored here ncurses installs no handler of its own that could run curses
        // on another thread.
        signal(SIGTSTP, SIG_IGN)
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        guard let screen = hs_newterm() else { return nil }
        set_term(screen)
        let wantsColor = (environment["NO_COLOR"] ?? "").isEmpty
        return CursesTerminal(screen: screen, unicode: codeset.uppercased() == "UTF-8", colors: wantsColor && has_colors())
    }

    private init(screen: OpaquePointer, unicode: Bool, colors: Bool) {
        self.screen = screen
        self.window = hs_stdscr()!
        self.unicode = unicode
        self.colors = colors
        if colors {
            start_color()
            use_default_colors()
        }
        raw()               // Ctrl-C and Ctrl-Z arrive as keys: quit and suspend cleanly
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)    // Esc answers at once instead of after a second
        curs_set(0)
        leaveok(window, true)
        // Wheel and click only: no motion tracking, so the terminal stays quiet.
        mousemask(hs_mouse_mask(), nil)
        mouseinterval(0)
        Self.installCrashHandlers()
    }

    public var size: TerminalSize {
        var rows: Int32 = 0, columns: Int32 = 0
        hs_getmaxyx(window, &rows, &columns)
        return TerminalSize(width: Int(columns), height: Int(rows))
    }

    public func copyToClipboard(_ bytes: [UInt8]) {
        // OSC 52 carries base64, so nothing from the body can act as a terminal command.
        let sequence = "\u{1B}]52;c;" + Base64.encode(bytes) + "\u{07}"
        writeToTerminal(sequence)
    }

    public func suspend() {
        endwin()
        // This thread may have been started with signals blocked; raise() delivers to this
        // thread, so the stop happens here and now, not later on some other thread.
        var stopSignal = sigset_t()
        sigemptyset(&stopSignal)
        sigaddset(&stopSignal, SIGTSTP)
        var savedMask = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &stopSignal, &savedMask)
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        // Execution continues here after `fg` (SIGCONT).
        signal(SIGTSTP, SIG_IGN)
        pthread_sigmask(SIG_SETMASK, &savedMask, nil)
        previous = nil
        clearok(window, true)
        wrefresh(window)
    }

    public func runOutside(_ work: () -> Void) {
        // endwin gives the editor the terminal as the shell had it (cooked mode, normal
        // screen, cursor shown, mouse reporting off); the next refresh takes it back.
        endwin()
        work()
        previous = nil
        clearok(window, true)
        wrefresh(window)
    }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    deinit { stop() }

    func writeToTerminal(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { break }
            offset += written
        }
    }

    /// A crash must not leave the shell in raw mode on the alternate screen: restore the
    /// terminal, then let the signal do what it would have done.
    private static func installCrashHandlers() {
        for number in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT] {
            signal(number) { received in
                endwin()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}

extension CursesTerminal {
    /// Whether terminfo knows this terminal type, so `start` can succeed (asked before the
    /// server starts, to choose between the UI and line output).
    public static func knowsTerminal(_ name: String) -> Bool {
        hs_terminal_known(name) != 0
    }
}
