/// A key press, decoupled from curses: the terminal layer decodes `wget_wch` results into these, and everything
/// else (the key registry, reducers, scripted tests) works with them.
public enum Key: Hashable, Sendable {
    /// A printable character (`j`, `D`, `/`, `?`, `1`, a space).
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    /// The terminal changed size (curses `KEY_RESIZE`); an event, not something the registry binds.
    case resize
    /// Control plus a letter, lowercased: `.ctrl("d")` is Ctrl-D.
    case ctrl(Character)
    /// A function key: `.function(1)` is F1.
    case function(Int)

    /// How the key is written in hints and help: `j`, `⏎`/`Enter`, `↑`/`Up`, `PgDn`, `Ctrl-d`, `F1`.
    public func label(_ glyphs: Glyphs) -> String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .up: return glyphs.isASCII ? "Up" : glyphs.arrowUp
        case .down: return glyphs.isASCII ? "Down" : glyphs.arrowDown
        case .left: return glyphs.isASCII ? "Left" : glyphs.arrowLeft
        case .right: return glyphs.isASCII ? "Right" : glyphs.arrowRight
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return glyphs.enterKey
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .resize: return "Resize"
        case .ctrl(let character): return "Ctrl-\(character)"
        case .function(let number): return "F\(number)"
        }
    }

    /// Whether this key types text in a prompt (printable characters); every other key edits or navigates.
    public var isText: Bool {
        if case .character = self { return true }
        return false
    }
}
