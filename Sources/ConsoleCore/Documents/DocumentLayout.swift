/// Lays a document out for a width: every line that wraps and is wider than the view becomes several rows.
///
/// The reducer (moving, section jumps, links) and the views (drawing) both work on the laid-out rows, computed
/// the same way from the state's size, so the highlighted row is the one Enter acts on. A continuation row keeps
/// its line's link, so Enter works on any row of a wrapped line; only the first row of a heading is a heading.
public enum DocumentLayout {
    /// `lines` as rows of at most `width` columns.
    public static func wrap(_ lines: [DocumentLine], width: Int) -> [DocumentLine] {
        lines.flatMap { $0.rows(width: width) }
    }
}

extension DocumentLine {
    /// This line as rows of at most `width` columns: itself when it fits or does not wrap; else its words flow
    /// onto rows indented by `wrapIndent` (at most half the width), keeping their styles. Spaces at a break are
    /// dropped; a word longer than a row is split between characters.
    func rows(width: Int) -> [DocumentLine] {
        guard let wrapIndent, width > 0, spans.reduce(0, { $0 + $1.text.displayWidth }) > width else { return [self] }
        let indent = min(wrapIndent, width / 2)
        var builder = RowBuilder(width: width, indent: indent)
        for span in spans {
            for piece in Self.pieces(span.text) {
                builder.add(piece, style: span.style)
            }
        }
        return builder.finish().enumerated().map { offset, spans in
            DocumentLine(spans, link: link, isHeading: isHeading && offset == 0)
        }
    }

    /// `text` as alternating runs of spaces and of other characters.
    static func pieces(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let isSpace = text[index] == " "
            var end = text.index(after: index)
            while end < text.endIndex, (text[end] == " ") == isSpace { end = text.index(after: end) }
            if start < index { pieces.append(text[start..<index]) }
            pieces.append(text[index..<end])
            start = end
            index = end
        }
        return pieces
    }
}

/// Fills rows of styled text word by word.
private struct RowBuilder {
    let width: Int
    let indent: Int
    private var rows: [[TextSpan]] = []
    private var current: [TextSpan] = []
    private var used = 0
    /// True on a continuation row before its first word (its leading spaces are dropped).
    private var atContinuationStart = false

    init(width: Int, indent: Int) {
        self.width = width
        self.indent = indent
    }

    mutating func add(_ piece: Substring, style: StyleRole) {
        let text = String(piece)
        let pieceWidth = text.displayWidth
        if piece.first == " " {
            guard !atContinuationStart else { return }
            if used + pieceWidth <= width { append(text, width: pieceWidth, style: style) } else { breakRow() }
            return
        }
        if used + pieceWidth <= width {
            append(text, width: pieceWidth, style: style)
            return
        }
        // A word that fits on a fresh row moves there whole; a longer one fills this row first.
        if pieceWidth <= width - indent && !atContinuationStart {
            breakRow()
            append(text, width: pieceWidth, style: style)
            return
        }
        var rest = text
        while !rest.isEmpty {
            if used >= width { breakRow() }
            var (head, headWidth) = DisplayWidth.prefix(of: rest, fitting: width - used)
            if head.isEmpty {
                // Not even one character fits here (a wide character in the last column).
                guard used > indent else {
                    // A row too narrow for the character: put it alone rather than loop.
                    head = String(rest.first!)
                    headWidth = head.displayWidth
                    append(head, width: headWidth, style: style)
                    rest.removeFirst()
                    continue
                }
                breakRow()
                continue
            }
            append(head, width: headWidth, style: style)
            rest.removeFirst(head.count)
        }
    }

    private mutating func append(_ text: String, width columns: Int, style: StyleRole) {
        if let last = current.last, last.style == style {
            current[current.count - 1].text += text
        } else {
            current.append(TextSpan(text, style))
        }
        used += columns
        if text.first != " " { atContinuationStart = false }
    }

    /// Ends the row (without its trailing spaces) and starts a continuation row at the indent.
    private mutating func breakRow() {
        rows.append(Self.trimmingTrailingSpaces(current))
        current = indent > 0 ? [TextSpan(String(repeating: " ", count: indent))] : []
        used = indent
        atContinuationStart = true
    }

    mutating func finish() -> [[TextSpan]] {
        rows + [Self.trimmingTrailingSpaces(current)]
    }

    private static func trimmingTrailingSpaces(_ spans: [TextSpan]) -> [TextSpan] {
        var spans = spans
        while let last = spans.last {
            let trimmed = String(last.text.reversed().drop { $0 == " " }.reversed())
            if trimmed.isEmpty && spans.count > 1 {
                spans.removeLast()
                continue
            }
            spans[spans.count - 1].text = trimmed
            break
        }
        return spans
    }
}
