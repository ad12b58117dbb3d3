/// One row of a table: its cells (already sanitised) and the cells drawn in a style of their own (a status code
/// by class, the managed badge) when the row is not selected.
struct TableRow {
    var cells: [String]
    var cellStyles: [Int: StyleRole] = [:]
}

/// Draws a table in a rectangle: headings on the first row, then one line per visible row, a two-column gutter
/// with the selection marker (so selection shows without colour), placeholders for rows still loading.
enum TableView {
    static let gutter = 2

    /// - Parameters:
    ///   - rows: the visible rows top to bottom, each with its absolute index; nil for a row not loaded yet.
    ///   - selected: the absolute index of the selected row.
    static func draw(
        columns: [TableColumn], rows: [(index: Int, row: TableRow?)], selected: Int?, in rect: Rect,
        glyphs: Glyphs, on screen: inout some Screen
    ) {
        guard rect.height > 0, rect.width > gutter else { return }
        let content = rows.compactMap { $0.row?.cells }
        let table = TableLayout(columns: columns, width: rect.width - gutter, content: content)
        screen.put(row: rect.row, col: rect.col + gutter, text: table.header(ellipsis: glyphs.ellipsis), style: .columnHeader)
        for (line, entry) in rows.prefix(rect.height - 1).enumerated() {
            let row = rect.row + 1 + line
            let isSelected = entry.index == selected
            let style: StyleRole = isSelected ? .selection : .normal
            screen.put(row: row, col: rect.col, text: isSelected ? glyphs.selectionMarker + " " : "  ", style: style)
            guard let cells = entry.row else {
                screen.put(row: row, col: rect.col + gutter, width: rect.width - gutter, text: glyphs.ellipsis,
                           style: isSelected ? .selection : .dim)
                continue
            }
            screen.put(row: row, col: rect.col + gutter, text: table.line(cells.cells, ellipsis: glyphs.ellipsis),
                       style: style)
            guard !isSelected else { continue }
            for placed in table.placed {
                guard let cellStyle = cells.cellStyles[placed.index], cells.cells.indices.contains(placed.index)
                else { continue }
                let spec = columns[placed.index]
                screen.put(row: row, col: rect.col + gutter + placed.x, width: placed.width,
                           text: cells.cells[placed.index], style: cellStyle, alignment: spec.alignment,
                           truncation: spec.truncation, ellipsis: glyphs.ellipsis)
            }
        }
    }

    /// A message in place of an empty or loading table, under the headings row.
    static func message(_ lines: [String], in rect: Rect, on screen: inout some Screen, glyphs: Glyphs) {
        let wrapped = lines.flatMap { Drawing.wrap($0, width: rect.width - gutter) }
        for (offset, line) in wrapped.enumerated() where offset + 1 < rect.height {
            screen.put(row: rect.row + 1 + offset, col: rect.col + gutter, width: rect.width - gutter, text: line,
                       style: .dim, ellipsis: glyphs.ellipsis)
        }
    }
}

/// Draws document lines (a detail view) in a rectangle from the cursor's scroll position, the cursor's line
/// highlighted with the marker in the gutter.
enum DocumentView {
    static func draw(
        _ lines: [DocumentLine], cursor: DocumentCursor?, in rect: Rect, glyphs: Glyphs, on screen: inout some Screen
    ) {
        let scroll = cursor?.scroll ?? 0
        for offset in 0..<max(0, rect.height) {
            let index = scroll + offset
            guard lines.indices.contains(index) else { break }
            let row = rect.row + offset
            let isSelected = index == cursor?.line
            if isSelected {
                Drawing.blank(row: row, col: rect.col, width: rect.width, style: .selection, on: &screen)
                screen.put(row: row, col: rect.col, text: glyphs.selectionMarker, style: .selection)
            }
            Drawing.spans(lines[index].spans, row: row, col: rect.col + TableView.gutter,
                          width: rect.width - TableView.gutter, glyphs: glyphs, on: &screen,
                          override: isSelected ? .selection : nil)
        }
    }
}
