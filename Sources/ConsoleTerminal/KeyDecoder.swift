import CNCurses
import ConsoleCore

/// What one `wget_wch` call returned, without curses types: a character (`OK`) or a function-key code
/// (`KEY_CODE_YES`), so the mapping to `Key` is a pure table that tests can check without a terminal.
public enum KeyInput: Hashable, Sendable {
    /// A character as a Unicode scalar value; control characters included (Tab is 9, Ctrl-D is 4).
    case character(UInt32)
    /// A curses key code such as `KEY_UP` (259).
    case keyCode(Int32)
}

/// Turns curses input into console keys. Terminals disagree on Backspace (DEL, Ctrl-H or `KEY_BACKSPACE`) and on
/// Enter (CR, LF or keypad `KEY_ENTER`); every variant maps to the same `Key`, so the key registry binds one.
public enum KeyDecoder {
    /// The key for `input`, or nil for input the console has no use for (mouse reports, unknown codes, C1
    /// controls, Ctrl with a non-letter).
    public static func decode(_ input: KeyInput) -> Key? {
        switch input {
        case .character(let value):
            return character(value)
        case .keyCode(let code):
            return keyCode(code)
        }
    }

    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 0...31, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 24): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
