/// A column of a table, with how it behaves when the width is short.
public struct TableColumn: Hashable, Sendable {
    /// The heading; also the column's least ideal width when no content is given.
    public var title: String
    /// Below this the column is not worth showing: it is dropped instead of shrunk further.
    public var minWidth: Int
    /// Never wider than this (nil: no limit, for columns that take leftover space).
    public var maxWidth: Int?
    /// 0 for columns that are always shown; higher numbers are dropped first when the minimums do not fit.
    public var priority: Int
    public var alignment: DisplayWidth.Alignment
    /// Which end of a too-long value stays visible (`.keepTail` for ids and paths).
    public var truncation: DisplayWidth.Truncation
    /// Whether the column takes the width left after every column reached its ideal (paths, summaries).
    public var grows: Bool

    public init(
        _ title: String,
        minWidth: Int? = nil,
        maxWidth: Int? = nil,
        priority: Int = 0,
        alignment: DisplayWidth.Alignment = .left,
        truncation: DisplayWidth.Truncation = .keepHead,
        grows: Bool = false
    ) {
        let least = max(1, minWidth ?? title.displayWidth)
        self.title = title
        self.minWidth = least
        self.maxWidth = maxWidth.map { max($0, least) }
        self.priority = priority
        self.alignment = alignment
        self.truncation = truncation
        self.grows = grows
    }
}

/// Where a column of a `TableLayout` landed.
public struct PlacedColumn: Hashable, Sendable {
    /// Index into the layout's `columns`.
    public var index: Int
    /// First column on screen, relative to the table's left edge.
    public var x: Int
    public var width: Int

    public init(index: Int, x: Int, width: Int) {
        self.index = index
        self.x = x
        self.width = width
    }
}

/// Fits table columns to a width and renders rows padded by display width, so a CJK or accented name aligns with
/// ASCII ones (`王小明` is 3 characters and 6 columns).
///
/// Fitting: every column wants its ideal width (its widest value or heading, within its minimum and maximum).
/// When the minimums plus gaps do not fit, the least important columns (highest `priority`, rightmost first) are
/// dropped. The space above the minimums is shared in proportion to what each column is missing from its ideal.
/// Whatever remains after all ideals goes to the `grows` columns.
public struct TableLayout: Hashable, Sendable {
    public let columns: [TableColumn]
    /// The shown columns, left to right.
    public let placed: [PlacedColumn]
    /// Total width the rows are rendered to.
    public let width: Int
    /// Spaces between columns.
    public let gap: Int

    /// Lays out `columns` in `width`; `content` (rows of cell texts, e.g. the visible page) sets ideal widths.
    public init(columns: [TableColumn], width: Int, gap: Int = 2, content: [[String]] = []) {
        self.columns = columns
        self.width = max(0, width)
        self.gap = gap
        let ideals = columns.enumerated().map { index, column in
            Self.idealWidth(of: column, values: content.compactMap { $0.indices.contains(index) ? $0[index] : nil })
        }
        let kept = Self.keptColumns(columns, width: self.width, gap: gap)
        let widths = Self.widths(for: kept, columns: columns, ideals: ideals, width: self.width, gap: gap)
        var placed: [PlacedColumn] = []
        var x = 0
        for (index, columnWidth) in zip(kept, widths) where columnWidth > 0 && x < self.width {
            placed.append(PlacedColumn(index: index, x: x, width: min(columnWidth, self.width - x)))
            x += columnWidth + gap
        }
        self.placed = placed
    }

    /// Whether column `index` survived the fitting.
    public func isShown(_ index: Int) -> Bool {
        placed.contains { $0.index == index }
    }

    /// The headings row, exactly `width` columns.
    public func header(ellipsis: String = "…") -> String {
        line(columns.map(\.title), ellipsis: ellipsis)
    }

    /// One row, exactly `width` columns: each shown cell fitted to its column by display width (missing cells
    /// are blank); cells of dropped columns are ignored.
    public func line(_ cells: [String], ellipsis: String = "…") -> String {
        var text = ""
        var x = 0
        for column in placed {
            text += String(repeating: " ", count: column.x - x)
            let spec = columns[column.index]
            let value = cells.indices.contains(column.index) ? cells[column.index] : ""
            text += DisplayWidth.fit(
                value, toWidth: column.width, alignment: spec.alignment, truncation: spec.truncation,
                ellipsis: ellipsis
            )
            x = column.x + column.width
        }
        return text + String(repeating: " ", count: max(0, width - x))
    }

    private static func idealWidth(of column: TableColumn, values: [String]) -> Int {
        let widest = values.map(\.displayWidth).max()
        let wanted = max(column.title.displayWidth, widest ?? column.maxWidth ?? column.minWidth)
        return min(max(wanted, column.minWidth), column.maxWidth ?? Int.max)
    }

    /// Indices of the columns kept after dropping by priority until the minimums fit.
    private static func keptColumns(_ columns: [TableColumn], width: Int, gap: Int) -> [Int] {
        var kept = Array(columns.indices)
        func required() -> Int {
            kept.reduce(0) { $0 + columns[$1].minWidth } + gap * max(0, kept.count - 1)
        }
        while required() > width {
            let droppable = kept.filter { columns[$0].priority > 0 }
            guard let victim = droppable.max(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) else {
                break
            }
            kept.removeAll { $0 == victim }
        }
        return kept
    }

    /// Widths for the kept columns, in order.
    private static func widths(for kept: [Int], columns: [TableColumn], ideals: [Int], width: Int, gap: Int) -> [Int] {
        var widths = kept.map { columns[$0].minWidth }
        var spare = width - widths.reduce(0, +) - gap * max(0, kept.count - 1)
        guard spare > 0 else { return widths }
        let missing = kept.map { ideals[$0] - columns[$0].minWidth }
        let totalMissing = missing.reduce(0, +)
        if totalMissing <= spare {
            for position in kept.indices { widths[position] += missing[position] }
            spare -= totalMissing
        } else {
            var given = 0
            for position in kept.indices {
                let share = missing[position] * spare / totalMissing
                widths[position] += share
                given += share
            }
            var remainder = spare - given
            for position in kept.indices where remainder > 0 && widths[position] < ideals[kept[position]] {
                widths[position] += 1
                remainder -= 1
            }
            spare = 0
        }
        // Leftover width goes to the growing columns, one column at a time, round robin, up to their maximum.
        var growing = kept.indices.filter { columns[kept[$0]].grows }
        while spare > 0 && !growing.isEmpty {
            for position in growing where spare > 0 {
                widths[position] += 1
                spare -= 1
            }
            growing.removeAll { widths[$0] >= (columns[kept[$0]].maxWidth ?? Int.max) }
        }
        return widths
    }
}
