/// An in-memory `Screen`: rows × columns of cells. Tests draw views on it and compare `render()` with golden
/// files; the terminal layer can also diff two grids to repaint only changed rows.
///
/// A character wider than one column occupies its cell plus continuation cells (width 0) to its right.
public struct TextGrid: Screen, Hashable, Sendable {
    /// One cell of the grid.
    public struct Cell: Hashable, Sendable {
        /// The grapheme cluster drawn here; a space for blank cells and continuation cells.
        public var character: Character
        /// Columns the character spans from this cell; 0 marks the continuation of a wide character to the left.
        public var width: Int
        public var style: StyleRole

        public init(character: Character, width: Int, style: StyleRole) {
            self.character = character
            self.width = width
            self.style = style
        }

        /// A blank one-column cell in `style`.
        public static func blank(_ style: StyleRole = .normal) -> Cell {
            Cell(character: " ", width: 1, style: style)
        }
    }

    public let size: TerminalSize
    /// How control characters that reach `put` are escaped (`.ascii` for `--ascii`).
    public let notation: TerminalText.Notation
    private var cells: [[Cell]]

    /// A blank grid; negative sizes are treated as 0.
    public init(size: TerminalSize, notation: TerminalText.Notation = .unicode) {
        self.size = TerminalSize(rows: max(0, size.rows), cols: max(0, size.cols))
        self.notation = notation
        self.cells = Array(
            repeating: Array(repeating: .blank(), count: self.size.cols), count: self.size.rows
        )
    }

    /// A blank grid of `rows` × `cols`.
    public init(rows: Int, cols: Int, notation: TerminalText.Notation = .unicode) {
        self.init(size: TerminalSize(rows: rows, cols: cols), notation: notation)
    }

    /// The cell at `row`/`col` (both must be inside the grid).
    public subscript(row: Int, col: Int) -> Cell {
        cells[row][col]
    }

    @discardableResult
    public mutating func put(row: Int, col: Int, text: String, style: StyleRole) -> Int {
        guard cells.indices.contains(row) else { return col }
        let cols = size.cols
        var x = col
        for character in TerminalText.sanitized(text, notation: notation) {
            if x >= cols { break }
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if x < 0 {
                // Left of the screen: only the visible part of a straddling wide character is blanked.
                blank(row: row, cols: 0..<max(0, min(x + width, cols)), style: style)
                x += width
                continue
            }
            if x + width > cols {
                blank(row: row, cols: x..<cols, style: style)
                x = cols
                break
            }
            breakWideCharacters(row: row, cols: x..<(x + width))
            cells[row][x] = Cell(character: character, width: width, style: style)
            for continuation in (x + 1)..<(x + width) {
                cells[row][continuation] = Cell(character: " ", width: 0, style: style)
            }
            x += width
        }
        return x
    }

    public mutating func clear() {
        for row in cells.indices {
            for col in cells[row].indices { cells[row][col] = .blank() }
        }
    }

    public mutating func fill(_ rect: Rect, character: Character, style: StyleRole) {
        let filler = DisplayWidth.of(character) == 1 ? character : " "
        let left = max(0, rect.col)
        let right = min(size.cols, rect.col + rect.width)
        guard left < right else { return }
        let line = String(repeating: filler, count: right - left)
        for row in rect.rows where cells.indices.contains(row) {
            put(row: row, col: left, text: line, style: style)
        }
    }

    /// The text of `row`, wide characters once, trailing spaces trimmed.
    public func text(row: Int) -> String {
        var line = ""
        for cell in cells[row] where cell.width > 0 { line.append(cell.character) }
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Every row's text (see `text(row:)`) joined with newlines: the form golden screens are stored in.
    public func render() -> String {
        cells.indices.map { text(row: $0) }.joined(separator: "\n")
    }

    /// Before cells `cols` are overwritten: blanks the part of a wide character that starts left of them and the
    /// continuation cells right of them whose leading cell is being replaced, so no half character survives.
    private mutating func breakWideCharacters(row: Int, cols: Range<Int>) {
        guard !cols.isEmpty else { return }
        if cells[row][cols.lowerBound].width == 0 {
            var lead = cols.lowerBound - 1
            while lead >= 0 && cells[row][lead].width == 0 { lead -= 1 }
            for col in max(0, lead)..<cols.lowerBound { cells[row][col] = .blank(cells[row][col].style) }
        }
        var after = cols.upperBound
        while after < size.cols && cells[row][after].width == 0 {
            cells[row][after] = .blank(cells[row][after].style)
            after += 1
        }
    }

    /// Blanks `cols` of `row` in `style`, breaking any wide character they cut.
    private mutating func blank(row: Int, cols: Range<Int>, style: StyleRole) {
        breakWideCharacters(row: row, cols: cols)
        for col in cols { cells[row][col] = .blank(style) }
    }
}
