import CNCurses
import Foundation

/// The C locale curses encodes and decodes text with. ncursesw reads and writes multibyte characters through
/// `LC_CTYPE`, so without a UTF-8 locale every non-ASCII character would print as an `M-` escape. tmux sessions
/// and CI often have no `LANG`: then `C.UTF-8` is adopted for the character type.
enum TerminalLocale {
    /// Adopts the environment's locale, falling back to `C.UTF-8` when its character set is not UTF-8.
    /// - Returns: the character set in effect (`UTF-8`, `ANSI_X3.4-1968`, …) for `Glyphs.select`.
    static func adopt() -> String {
        setlocale(LC_ALL, "")
        if !isUTF8(codeset()) {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        return codeset()
    }

    static func codeset() -> String {
        guard let name = nl_langinfo(nl_item(CODESET)) else { return "" }
        return String(cString: name)
    }

    static func isUTF8(_ codeset: String) -> Bool {
        codeset.uppercased().filter { $0 != "-" } == "UTF8"
    }
}
