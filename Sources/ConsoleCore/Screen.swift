/// Where views draw: the in-memory `TextGrid` in tests, the curses screen in the terminal. Views receive a
/// `Screen` and never call curses, so every screen of the console can be rendered and checked as text.
///
/// Contract for implementations: text is clipped to the screen; a grapheme cluster takes
/// `DisplayWidth.of(_:)` columns and is never split (one that would straddle the right edge is replaced by
/// spaces); drawing over part of a wide character blanks the rest of it; control characters that slip through
/// are escaped with `TerminalText`, so nothing drawn can move the cursor.
public protocol Screen {
    /// The drawable size.
    var size: TerminalSize { get }

    /// Draws `text` starting at `row`/`col` in `style`, clipped to the screen, and returns the column after the
    /// last cell it covered (where the next piece of a left-to-right line goes).
    @discardableResult
    mutating func put(row: Int, col: Int, text: String, style: StyleRole) -> Int

    /// Blanks the whole screen in the `normal` style.
    mutating func clear()

    /// Fills `rect` (clipped to the screen) with a one-column `character` in `style`.
    mutating func fill(_ rect: Rect, character: Character, style: StyleRole)
}

extension Screen {
    /// Draws `text` made exactly `width` columns wide (truncated from the chosen end with `ellipsis`, then padded),
    /// so a cell of a table or a status line overwrites everything that was under it.
    @discardableResult
    public mutating func put(
        row: Int,
        col: Int,
        width: Int,
        text: String,
        style: StyleRole,
        alignment: DisplayWidth.Alignment = .left,
        truncation: DisplayWidth.Truncation = .keepHead,
        ellipsis: String = "…"
    ) -> Int {
        guard width > 0 else { return col }
        let fitted = DisplayWidth.fit(
            text, toWidth: width, alignment: alignment, truncation: truncation, ellipsis: ellipsis
        )
        return put(row: row, col: col, text: fitted, style: style)
    }
}
