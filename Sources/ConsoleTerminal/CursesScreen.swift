import CNCurses
import CTerminalGuard
import ConsoleCore
import Foundation

/// The real terminal through ncursesw: owns curses from `open` to `close`, paints `TextGrid` frames (repainting
/// only rows that changed since the previous frame), places the cursor and reads keys.
///
/// Views never call curses: they draw on a `TextGrid`, and this type copies the grid to the terminal cell by cell
/// at the columns the grid says, so a character whose width the C library judges differently cannot shift the
/// rest of its row. Not thread-safe: only the console's UI thread (the main thread) may use it.
final class CursesScreen {
    private(set) var size: TerminalSize
    let theme: Theme
    /// Curses attributes and colour pair for each role, computed once from the theme.
    private let looks: [StyleRole: (attributes: attr_t, pair: Int16)]
    /// The frame on the terminal, or nil when the next paint must redraw every row.
    private var previous: TextGrid?
    private var cursorShown: Bool?
    private var isOpen = true

    /// Starts curses on the process's terminal (stdin/stdout): raw keys (Ctrl-C and Ctrl-Z are keys, not signals),
    /// no echo, keypad decoding, non-blocking reads, a 25 ms Escape delay, and the colours `colorMode` allows.
    /// The locale must already be set (`TerminalLocale.adopt()`).
    init(colorMode: ColorMode, environment: [String: String]) throws {
        // Before curses changes anything: the settings a crash handler puts back.
        _ = terminal_guard_install(1)
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r") else {
            throw TerminalError("cannot open the terminal: \(String(cString: strerror(errno)))")
        }
        guard newterm(nil, output, input) != nil else {
            throw TerminalError("cannot start curses for TERM=\(environment["TERM"] ?? "(unset)")")
        }
        atexit {
            // Any exit while curses owns the terminal (an error path that calls exit) still restores it.
            if !isendwin() { endwin() }
        }
        raw()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        nodelay(cn_stdscr(), true)
        set_escdelay(25)
        theme = Theme.select(mode: colorMode, environment: environment, terminalHasColors: has_colors())
        if theme.usesColor {
            start_color()
            let defaults = use_default_colors() == OK
            for (index, pair) in theme.colorPairs.enumerated() {
                let foreground = pair.foreground.map { Int16($0.rawValue) } ?? (defaults ? -1 : Int16(COLOR_WHITE))
                let background = pair.background.map { Int16($0.rawValue) } ?? (defaults ? -1 : Int16(COLOR_BLACK))
                init_pair(Int16(index + 1), foreground, background)
            }
        }
        var looks: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
        for role in StyleRole.allCases {
            let style = theme.style(for: role)
            var attributes = attr_t(0)
            if style.bold { attributes |= cn_bold() }
            if style.reverse { attributes |= cn_reverse() }
            if style.underline { attributes |= cn_underline() }
            if style.dim { attributes |= cn_dim() }
            let pair = theme.usesColor ? Int16(theme.colorPairNumber(for: role)) : 0
            looks[role] = (attributes, pair)
        }
        self.looks = looks
        size = Self.cursesSize()
    }

    deinit {
        close()
    }

    /// Gives the terminal back (normal screen, cooked mode, visible cursor). Safe to call more than once.
    func close() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        endwin()
    }

    /// Shows `grid`: rows equal to the previous frame's are skipped, the others are redrawn cell by cell; then the
    /// cursor is shown at `cursor` (a text input) or hidden.
    func paint(_ grid: TextGrid, cursor: CursorPosition?) {
        let rows = min(grid.size.rows, size.rows)
        let cols = min(grid.size.cols, size.cols)
        for row in 0..<rows where !sameRow(row, grid) {
            paintRow(row, of: grid, cols: cols)
        }
        previous = grid
        if let cursor, cursor.row < rows, cursor.col < cols {
            if cursorShown != true { curs_set(1) }
            cursorShown = true
            move(Int32(cursor.row), Int32(cursor.col))
        } else {
            if cursorShown != false { curs_set(0) }
            cursorShown = false
        }
        wnoutrefresh(cn_stdscr())
        doupdate()
    }

    /// Makes the next `paint` redraw every cell of the terminal (Ctrl-L, after a resize).
    func invalidate() {
        previous = nil
        clearok(cn_curscr(), true)
    }

    /// Adopts the terminal's current size (after SIGWINCH: curses never sees the blocked signal) and returns it.
    func resize() -> TerminalSize {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if cn_window_size(1, &rows, &cols) == 0, rows > 0, cols > 0 {
            resizeterm(rows, cols)
        }
        size = Self.cursesSize()
        invalidate()
        return size
    }

    /// Every key waiting in the input buffer (at most a screenful of paste at a time).
    func readKeys() -> [KeyInput] {
        var inputs: [KeyInput] = []
        var code: wint_t = 0
        while inputs.count < 1024 {
            let result = wget_wch(cn_stdscr(), &code)
            if result == ERR { break }
            inputs.append(result == KEY_CODE_YES ? .keyCode(Int32(bitPattern: code)) : .character(code))
        }
        return inputs
    }

    /// Writes bytes straight to the terminal, for escape sequences curses does not know (OSC 52). Call it between
    /// paints: curses has flushed its own output by then.
    func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }

    private func sameRow(_ row: Int, _ grid: TextGrid) -> Bool {
        guard let previous, previous.size == grid.size else { return false }
        for col in 0..<grid.size.cols where previous[row, col] != grid[row, col] { return false }
        return true
    }

    /// Draws one row: runs of plain ASCII in one style as one string, every other character at its own column.
    private func paintRow(_ row: Int, of grid: TextGrid, cols: Int) {
        var run = ""
        var runStart = 0
        var runStyle = StyleRole.normal
        func flush() {
            guard !run.isEmpty else { return }
            setLook(runStyle)
            mvaddnstr(Int32(row), Int32(runStart), run, -1)
            run = ""
        }
        for col in 0..<cols {
            let cell = grid[row, col]
            if cell.width == 0 { continue }
            if cell.width == 1 && cell.character.isASCII {
                if run.isEmpty || cell.style != runStyle {
                    flush()
                    runStart = col
                    runStyle = cell.style
                }
                run.append(cell.character)
            } else {
                flush()
                setLook(cell.style)
                mvaddnstr(Int32(row), Int32(col), String(cell.character), -1)
            }
        }
        flush()
    }

    private func setLook(_ role: StyleRole) {
        let look = looks[role] ?? (0, 0)
        cn_attr_set(look.attributes, look.pair)
    }

    private static func cursesSize() -> TerminalSize {
        var rows: Int32 = 0
        var cols: Int32 = 0
        cn_getmaxyx(cn_stdscr(), &rows, &cols)
        return TerminalSize(rows: Int(rows), cols: Int(cols))
    }
}
