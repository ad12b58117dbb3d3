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
public struct DocumentLine: Hashable, Sendable {
    public var spans: [TextSpan]
    public var link: DocumentLink?
    public var isHeading: Bool

    public init(_ spans: [TextSpan], link: DocumentLink? = nil, isHeading: Bool = false) {
        self.spans = spans
        self.link = link
        self.isHeading = isHeading
    }

    /// A line of plain text.
    public static func text(_ text: String, _ style: StyleRole = .normal) -> DocumentLine {
        DocumentLine([TextSpan(text, style)])
    }

    /// A section heading.
    public static func heading(_ text: String) -> DocumentLine {
        DocumentLine([TextSpan(text, .title)], isHeading: true)
    }

    /// `label  value` with the label padded to `width` columns.
    public static func field(_ label: String, _ value: String, width: Int, style: StyleRole = .normal) -> DocumentLine {
        DocumentLine([TextSpan(DisplayWidth.pad(label, toWidth: width) + "  ", .dim), TextSpan(value, style)])
    }

    /// The line's text without styles.
    public var text: String {
        spans.map(\.text).joined()
    }
}

/// Text from the network split into lines for a document: control characters escaped per line, line breaks kept.
enum DocumentText {
    static func lines(_ text: String, notation: TerminalText.Notation, style: StyleRole = .normal) -> [DocumentLine] {
        TerminalText.sanitizedLines(text, notation: notation).map { DocumentLine.text($0, style) }
    }
}
