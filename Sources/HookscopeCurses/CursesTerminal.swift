import CNCursesW
import HookscopeTUI

/// The only code that talks to curses. For now it proves the module links; the terminal
/// UI (issue 4) builds on it.
public enum CursesLibrary {
    /// The ncurses version string, e.g. `ncurses 6.4.20221231`.
    public static var version: String {
        String(cString: curses_version())
    }
}
