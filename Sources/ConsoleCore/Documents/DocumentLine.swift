/// A piece of text in one style.
public struct TextSpan: Hashable, Sendable {
    public var text: String
    public var style: StyleRole

    public init(_ text: String, _ style: StyleRole = .normal) {
        self.text = text
        self.style = style
    }
}

/// Where a line of a detail view leads when Enter is pressed on it.
public enum DocumentLink: Hashable, Sendable {
    case member(id: String)
    case team(id: String)
    /// An entry of the document's own request list (a member's recent requests).
    case request(index: Int)
}

/// One line of a detail view: styled spans, optionally a section heading (Tab jumps between them) or a link.
///
/// A line wider than the view either wraps onto continuation rows (values, messages, bodies: nothing a person
/// must read is cut) or is cut with an ellipsis (rows of a list, such as a member's recent requests), as its
/// `wrapIndent` says; `DocumentLayout` does the wrapping for the view and the reducer alike.
public struct DocumentLine: Hashable, Sendable {
    public var spans: [TextSpan]
    public var link: DocumentLink?
    public var isHeading: Bool
    /// Columns continuation rows are indented by when the line is wider than the view (a field's value column);
    /// nil cuts the line at the width instead.
    public var wrapIndent: Int?

    public init(_ spans: [TextSpan], link: DocumentLink? = nil, isHeading: Bool = false, wrapIndent: Int? = nil) {
        self.spans = spans
        self.link = link
        self.isHeading = isHeading
        self.wrapIndent = wrapIndent
    }

    /// A line of plain text, wrapped when it is wider than the view.
    public static func text(_ text: String, _ style: StyleRole = .normal) -> DocumentLine {
        DocumentLine([TextSpan(text, style)], wrapIndent: 0)
    }

    /// A section heading.
    public static func heading(_ text: String) -> DocumentLine {
        DocumentLine([TextSpan(text, .title)], isHeading: true)
    }

    /// `label  value` with the label padded to `width` columns; a long value wraps under itself.
    public static func field(_ label: String, _ value: String, width: Int, style: StyleRole = .normal) -> DocumentLine {
        labelled(label, [TextSpan(value, style)], width: width)
    }

    /// `label  spans` with the label padded to `width` columns; long values wrap under the value column.
    public static func labelled(
        _ label: String, _ value: [TextSpan], width: Int, link: DocumentLink? = nil
    ) -> DocumentLine {
        let padded = DisplayWidth.pad(label, toWidth: width) + "  "
        return DocumentLine([TextSpan(padded, .dim)] + value, link: link, wrapIndent: padded.displayWidth)
    }

    /// The line's text without styles.
    public var text: String {
        spans.map(\.text).joined()
    }
}

/// Text from the network split into lines for a document: control characters escaped per line, line breaks kept.
/// A long line wraps two columns deeper than its own indentation, so wrapped JSON keeps its shape.
enum DocumentText {
    static func lines(_ text: String, notation: TerminalText.Notation, style: StyleRole = .normal) -> [DocumentLine] {
        TerminalText.sanitizedLines(text, notation: notation).map { line in
            let indent = line.prefix { $0 == " " }.count
            return DocumentLine([TextSpan(line, style)], wrapIndent: indent + 2)
        }
    }
}
