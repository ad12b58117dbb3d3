/// Small drawing helpers shared by the views.
enum Drawing {
    /// Draws `spans` left to right from `col`, within `width` columns: the span that does not fit is cut with the
    /// ellipsis and the rest dropped. Returns the column after the last cell drawn.
    @discardableResult
    static func spans(
        _ spans: [TextSpan], row: Int, col: Int, width: Int, glyphs: Glyphs, on screen: inout some Screen,
        override style: StyleRole? = nil
    ) -> Int {
        let limit = col + max(0, width)
        var x = col
        for span in spans {
            let remaining = limit - x
            guard remaining > 0 else { break }
            let spanWidth = span.text.displayWidth
            if spanWidth <= remaining {
                x = screen.put(row: row, col: x, text: span.text, style: style ?? span.style)
            } else {
                x = screen.put(row: row, col: x, width: remaining, text: span.text, style: style ?? span.style,
                               ellipsis: glyphs.ellipsis)
                break
            }
        }
        return x
    }

    /// Total display width of `spans`.
    static func width(_ spans: [TextSpan]) -> Int {
        spans.reduce(0) { $0 + $1.text.displayWidth }
    }

    /// Blanks a row segment in `style`.
    static func blank(row: Int, col: Int, width: Int, style: StyleRole, on screen: inout some Screen) {
        screen.fill(Rect(row: row, col: col, height: 1, width: width), character: " ", style: style)
    }

    /// `text` broken into lines of at most `width` columns at spaces (a word longer than the width is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if candidate.displayWidth <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = word.displayWidth <= width ? word : DisplayWidth.truncate(word, toWidth: width)
        }
        lines.append(current)
        return lines
    }
}

/// Where the terminal should show its cursor (the insertion point of a text input).
public struct CursorPosition: Hashable, Sendable {
    public var row: Int
    public var col: Int

    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }
}
