/// The symbols the console draws itself, in a Unicode set and an ASCII set (`--ascii`, or a terminal whose
/// locale is not UTF-8). Views take glyphs from here and never spell a symbol inline, so ASCII mode is one switch
/// (htop `--no-unicode`, mitmproxy's symbol fallbacks).
public struct Glyphs: Hashable, Sendable {
    /// Whether this is the ASCII set: key labels then spell arrows as words, and escapes use caret notation.
    public let isASCII: Bool
    /// Marks the selected row in front of it (besides the reverse video), so selection survives monochrome.
    public let selectionMarker: String
    /// Ends truncated text.
    public let ellipsis: String
    public let horizontal: String
    public let vertical: String
    public let topLeft: String
    public let topRight: String
    public let bottomLeft: String
    public let bottomRight: String
    public let arrowUp: String
    public let arrowDown: String
    public let arrowLeft: String
    public let arrowRight: String
    /// Separates levels of a path: `Requests › PATCH …`.
    public let breadcrumb: String
    /// Separates parts of a title row: `Members 1,284 · filter …`.
    public let separator: String
    /// A status light: `:8443 ● 12 req/min`.
    public let dot: String
    /// Prefixes a success flash.
    public let check: String
    /// Prefixes an error flash.
    public let cross: String
    /// The label of the Enter key in hints and help.
    public let enterKey: String
    /// Old value to new value in PATCH summaries: `"Doe" → "Doe-Smith"`.
    public let transition: String

    /// How `TerminalText` escapes control characters for this set.
    public var notation: TerminalText.Notation { isASCII ? .ascii : .unicode }

    public static let unicode = Glyphs(
        isASCII: false, selectionMarker: "›", ellipsis: "…",
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→",
        breadcrumb: "›", separator: "·", dot: "●", check: "✓", cross: "✗", enterKey: "⏎", transition: "→"
    )

    public static let ascii = Glyphs(
        isASCII: true, selectionMarker: ">", ellipsis: "~",
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        arrowUp: "^", arrowDown: "v", arrowLeft: "<", arrowRight: ">",
        breadcrumb: ">", separator: "-", dot: "*", check: "+", cross: "x", enterKey: "Enter", transition: "->"
    )

    /// Chooses the set: ASCII when `--ascii` is given or the locale's character set (`nl_langinfo(CODESET)`,
    /// after the terminal layer's `setlocale`) is not UTF-8; Unicode otherwise.
    public static func select(asciiFlag: Bool, codeset: String?) -> Glyphs {
        if asciiFlag { return .ascii }
        let normalized = (codeset ?? "").uppercased().filter { $0 != "-" }
        return normalized == "UTF8" ? .unicode : .ascii
    }
}
