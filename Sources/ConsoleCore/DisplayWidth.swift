/// Terminal column widths and width-aware truncation and padding.
///
/// Columns, not characters: `王小明` is 3 characters and 6 columns, `Zoé` in NFD is 4 scalars and 3 columns. The
/// width of a scalar follows the rules glibc's `wcwidth` (and so ncursesw and tmux) use to place it, implemented
/// here from Unicode properties so layout and tests do not depend on the C locale:
/// - East Asian Wide and Fullwidth scalars, and emoji with emoji presentation, take 2 columns;
/// - combining marks, format characters (zero-width joiner, variation selectors are marks) and Hangul medial and
///   final jamo take 0;
/// - control characters count as the visible stand-in `TerminalText.sanitized` draws for them (`␛` is 1,
///   `<U+202E>` is 8), so the width of raw text equals the width of its sanitised form in `.unicode` notation;
/// - everything else takes 1 (regional indicators too, as in glibc: a flag pair counts 2).
///
/// A grapheme cluster is as wide as the sum of its scalars, which is where ncurses puts the cursor after drawing
/// it. Terminals disagree on two emoji cases: a ZWJ sequence (👩‍💻) counts 4 here while many terminals draw 2,
/// and a VS16 sequence (❤️) counts 1 while many draw 2; keep emoji out of fixed-width columns where exact
/// alignment matters.
public enum DisplayWidth {
    /// Which end of a too-long text `fit` keeps.
    public enum Truncation: Sendable, Equatable {
        /// Keep the start and end with an ellipsis: names, titles, summaries.
        case keepHead
        /// Keep the end and start with an ellipsis: ids, paths, URLs, where the tail tells items apart.
        case keepTail
    }

    /// Where `pad` puts the text inside its width.
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// Columns a terminal uses for `scalar` (see the type's rules).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        if let stand = TerminalText.replacement(for: scalar) { return stand.unicodeScalars.count }
        if isZeroWidth(scalar) { return 0 }
        if isWide(value) { return 2 }
        if scalar.properties.isEmojiPresentation && !(0x1F1E6...0x1F1FF).contains(value) { return 2 }
        return 1
    }

    /// Columns a terminal uses for a grapheme cluster: the sum over its scalars.
    public static func of(_ character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// Columns a terminal uses for `text`.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// Columns a terminal uses for `text`.
    public static func of(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// `text` cut to at most `width` columns, keeping the start and ending with `ellipsis`; `text` itself when it
    /// fits. Never splits a grapheme cluster or a double-width cell: when the next character would straddle the
    /// edge, the ellipsis is followed by a space, so a truncated result is exactly `width` columns.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        guard of(text) > width else { return text }
        let mark = of(ellipsis) <= width ? ellipsis : ""
        let (head, used) = prefix(of: text, fitting: width - of(mark))
        return head + mark + String(repeating: " ", count: width - used - of(mark))
    }

    /// `text` cut to at most `width` columns, keeping the end and starting with `ellipsis` (for ids and paths,
    /// whose tail tells them apart); `text` itself when it fits. Like `truncate`, it never splits a cell and a
    /// truncated result is exactly `width` columns, padded with a space at the end when needed.
    public static func truncateLeft(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        guard of(text) > width else { return text }
        let mark = of(ellipsis) <= width ? ellipsis : ""
        let (tail, used) = suffix(of: text, fitting: width - of(mark))
        return mark + tail + String(repeating: " ", count: width - used - of(mark))
    }

    /// `text` padded with spaces to `width` columns; `text` itself when it is already as wide or wider.
    public static func pad(_ text: String, toWidth width: Int, alignment: Alignment = .left) -> String {
        let missing = width - of(text)
        guard missing > 0 else { return text }
        let spaces = String(repeating: " ", count: missing)
        return alignment == .left ? text + spaces : spaces + text
    }

    /// `text` made exactly `width` columns wide: truncated from the chosen end, then padded.
    public static func fit(
        _ text: String,
        toWidth width: Int,
        alignment: Alignment = .left,
        truncation: Truncation = .keepHead,
        ellipsis: String = "…"
    ) -> String {
        let cut: String
        switch truncation {
        case .keepHead: cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        case .keepTail: cut = truncateLeft(text, toWidth: width, ellipsis: ellipsis)
        }
        return pad(cut, toWidth: width, alignment: alignment)
    }

    /// The longest run of whole characters from the start of `text` within `width` columns, and its width.
    static func prefix(of text: String, fitting width: Int) -> (String, Int) {
        var used = 0
        var end = text.startIndex
        for character in text {
            let columns = of(character)
            if used + columns > width { break }
            used += columns
            end = text.index(after: end)
        }
        return (String(text[..<end]), used)
    }

    /// The longest run of whole characters from the end of `text` within `width` columns, and its width.
    static func suffix(of text: String, fitting width: Int) -> (String, Int) {
        var used = 0
        var start = text.endIndex
        for character in text.reversed() {
            let columns = of(character)
            if used + columns > width { break }
            used += columns
            start = text.index(before: start)
        }
        return (String(text[start...]), used)
    }

    /// Zero-width scalars: combining marks (which includes the variation selectors), format characters (which
    /// includes the zero-width joiner and space) except the visible ones (soft hyphen, prepended concatenation
    /// marks such as the Arabic number sign), and the Hangul medial vowels and final consonants that combine with
    /// a preceding jamo.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD: return false
        case 0x1160...0x11FF, 0xD7B0...0xD7FF: return true
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// Whether `value` falls in `eastAsianWideRanges` (binary search).
    static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = eastAsianWideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = eastAsianWideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}

extension String {
    /// Terminal columns this text takes (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

extension Substring {
    /// Terminal columns this text takes (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

extension Character {
    /// Terminal columns this grapheme cluster takes (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}
