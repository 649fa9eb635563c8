#if canImport(Glibc)
import Glibc
#endif
import CNCursesW
import HookscopeTUI

extension CursesTerminal {
    public func readInput(timeoutMilliseconds: Int) -> TerminalInput? {
        // A closed terminal makes every read fail at once; notice it instead of spinning.
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        if poll(&input, 1, 0) > 0, input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            return .hangup
        }
        wtimeout(window, Int32(timeoutMilliseconds))
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == hs_err() { return nil }
        if result == hs_key_code_yes() {
            if Int32(character) == hs_key_resize() {
                previous = nil
                return .resized(size)
            }
            if Int32(character) == hs_key_mouse() {
                var event = MEVENT()
                guard getmouse(&event) == hs_ok() else { return nil }
                let kind: MouseEvent.Kind
                if hs_mouse_wheel_up(event.bstate) != 0 { kind = .wheelUp }
                else if hs_mouse_wheel_down(event.bstate) != 0 { kind = .wheelDown }
                else if hs_mouse_button1(event.bstate) != 0 { kind = .press }
                else { return nil }
                return .mouse(MouseEvent(kind, x: Int(event.x), y: Int(event.y)))
            }
            return Self.functionKey(Int32(character)).map { .key($0) }
        }
        return Self.characterKey(UInt32(character)).map { .key($0) }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        default: return nil
        }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }
}
