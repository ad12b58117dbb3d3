/// A terminal size in character cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var cols: Int

    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
    }

    /// `80x24` style, as terminals and the too-small notice spell sizes (columns first).
    public var description: String { "\(cols)x\(rows)" }
}

/// A rectangle of cells, zero-based: `row`/`col` is the top-left cell.
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var col: Int
    public var height: Int
    public var width: Int

    public init(row: Int, col: Int, height: Int, width: Int) {
        self.row = row
        self.col = col
        self.height = height
        self.width = width
    }

    /// The rows the rectangle covers.
    public var rows: Range<Int> { row..<(row + max(0, height)) }

    /// The columns the rectangle covers.
    public var cols: Range<Int> { col..<(col + max(0, width)) }

    /// Whether the rectangle covers no cell.
    public var isEmpty: Bool { height <= 0 || width <= 0 }
}
