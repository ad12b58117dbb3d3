import ConsoleCore
import Testing

/// Whole frames composed from the foundations (layout, table, selection, glyphs, sanitiser, hint line) on a
/// `TextGrid`, stored as golden screens. They pin down how the pieces fit together at 80x24 and 120x40 with CJK,
/// accented, Greek, emoji and hostile names, before any real view exists.
struct FrameSnapshotTests {
    struct Member {
        var userName: String
        var displayName: String
        var active: Bool
        var teams: Int
        var updated: String
        var externalID: String
    }

    static let members = [
        Member(userName: "jane.doe@example.com", displayName: "Jane Doe", active: true, teams: 3, updated: "2m ago",
               externalID: "00u1a2b3c4d5e6f7g8h9"),
        Member(userName: "王小明@example.com", displayName: "王小明", active: false, teams: 1, updated: "1h ago",
               externalID: "00u9z8y7x6w5v4u3t2s1"),
        Member(userName: "o.brien@example.com", displayName: "Olivia O'Brien", active: true, teams: 0,
               updated: "3d ago", externalID: ""),
        Member(userName: "zoe.nfd@example.com", displayName: "Zoe\u{301} Ñúñez (NFD)", active: true, teams: 12,
               updated: "5d ago", externalID: "00uZOE"),
        Member(userName: "olympia@example.gr", displayName: "Ολυμπία Παπαδοπούλου", active: true, teams: 2,
               updated: "1w ago", externalID: "00uOLY"),
        Member(userName: "smiley@example.com", displayName: "😀 Smiley Face", active: true, teams: 1,
               updated: "2w ago", externalID: "00uSMI"),
        Member(userName: "東京太郎@example.jp", displayName: "山田 太郎 (Yamada Tarō, Tokyo office)", active: true,
               teams: 4, updated: "3w ago", externalID: "00uTOKYO0123456789abcdef"),
        Member(userName: "evil\u{1B}[2J@example.com", displayName: "Mallory\u{1B}[31m \u{202E}exe.gnp", active: false,
               teams: 0, updated: "1y ago", externalID: "00u\u{7}BEL"),
        Member(userName: "a.very.long.username.that.will.not.fit@subdomain.example.com", displayName: "Long Name",
               active: true, teams: 1, updated: "1y ago", externalID: "00uLONG"),
    ]

    static let columns = [
        TableColumn("USERNAME", minWidth: 14, maxWidth: 40),
        TableColumn("DISPLAY NAME", minWidth: 12, maxWidth: 36),
        TableColumn("ACTIVE", priority: 1),
        TableColumn("TEAMS", priority: 2, alignment: .right),
        TableColumn("UPDATED", priority: 1),
        TableColumn("EXTERNAL ID", minWidth: 10, maxWidth: 24, priority: 3, truncation: .keepTail),
    ]

    /// Draws a Members screen the way the console will: sanitise at the boundary, fit the table, mark the selection.
    static func drawMembers(size: TerminalSize, glyphs: Glyphs, selected: Int) -> TextGrid {
        var grid = TextGrid(size: size, notation: glyphs.notation)
        guard let frame = FrameLayout(size: size) else {
            TooSmallNotice.draw(on: &grid, ellipsis: glyphs.ellipsis)
            return grid
        }
        // Row 0: tabs and server badge.
        var x = grid.put(row: 0, col: 0, text: "roster", style: .header)
        for (number, name) in ["Members", "Teams", "Requests", "Keys"].enumerated() {
            let style: StyleRole = number == 0 ? .tabActive : .tabInactive
            x = grid.put(row: 0, col: x + 1, text: " \(number + 1) \(name) ", style: style)
        }
        let badge = ":8443 \(glyphs.dot) 12 req/min  [RO]"
        grid.put(row: 0, col: size.cols - badge.displayWidth, text: badge, style: .header)

        // Row 1: title.
        let title = "Members \(members.count) \(glyphs.separator) filter /active"
        grid.put(row: frame.title.row, col: 0, width: size.cols, text: title, style: .title, ellipsis: glyphs.ellipsis)
        let sort = "sort: updated \(glyphs.arrowDown)"
        grid.put(row: frame.title.row, col: size.cols - sort.displayWidth, text: sort, style: .title)

        // Body: column headings, then rows with a two-column selection gutter.
        let rows = members.map { member in
            [
                member.userName, member.displayName, member.active ? "yes" : "no", String(member.teams),
                member.updated, member.externalID.isEmpty ? "-" : member.externalID,
            ].map { TerminalText.sanitized($0, notation: glyphs.notation) }
        }
        let gutter = 2
        let table = TableLayout(columns: columns, width: frame.body.width - gutter, content: rows)
        grid.put(row: frame.body.row, col: gutter, text: table.header(ellipsis: glyphs.ellipsis), style: .columnHeader)
        var selection = SelectionModel<String>(viewportHeight: frame.body.height - 1)
        selection.replaceRows(members.map(\.userName))
        selection.move(by: selected)
        for (line, index) in selection.visibleRange.enumerated() {
            let row = frame.body.row + 1 + line
            let isSelected = index == selection.selectedIndex
            let style: StyleRole = isSelected ? .selection : .normal
            grid.put(row: row, col: 0, text: isSelected ? glyphs.selectionMarker + " " : "  ", style: style)
            grid.put(row: row, col: gutter, text: table.line(rows[index], ellipsis: glyphs.ellipsis), style: style)
        }

        // Flash and hints.
        grid.put(row: frame.flash.row, col: 0, text: "\(glyphs.check) Filter applied: 9 of 1,284 members",
                 style: .flashInfo)
        let hints = KeyRegistry.standard.hintLine(for: .members, glyphs: glyphs, readOnly: true, width: size.cols)
        grid.put(row: frame.hints.row, col: 0, text: hints, style: .normal)
        return grid
    }

    @Test func members80x24() {
        let grid = Self.drawMembers(size: TerminalSize(rows: 24, cols: 80), glyphs: .unicode, selected: 1)
        expectSnapshot(grid.render(), named: "members-80x24")
        #expect(grid[3, 0].style == .normal)
        #expect(grid[4, 0].style == .selection && grid[4, 79].style == .selection)
    }

    @Test func members120x40() {
        let grid = Self.drawMembers(size: TerminalSize(rows: 40, cols: 120), glyphs: .unicode, selected: 7)
        expectSnapshot(grid.render(), named: "members-120x40")
    }

    @Test func members80x24ASCII() {
        let grid = Self.drawMembers(size: TerminalSize(rows: 24, cols: 80), glyphs: .ascii, selected: 0)
        expectSnapshot(grid.render(), named: "members-80x24-ascii")
        // What the console draws itself is ASCII; only member data keeps its own characters.
        for row in [0, 1, 2, 22, 23] {
            #expect(grid.text(row: row).unicodeScalars.allSatisfy { $0.isASCII }, "row \(row)")
        }
    }

    @Test func membersTooSmallShowsOnlyTheNotice() {
        let grid = Self.drawMembers(size: TerminalSize(rows: 14, cols: 52), glyphs: .unicode, selected: 0)
        var notice = TextGrid(rows: 14, cols: 52)
        TooSmallNotice.draw(on: &notice)
        #expect(grid == notice)
    }

    /// Every rendered row of the table ends at the same display column: CJK and combining text aligned.
    @Test func everyTableRowIsExactlyTheBodyWidth() {
        let grid = Self.drawMembers(size: TerminalSize(rows: 24, cols: 80), glyphs: .unicode, selected: 0)
        for row in 3..<(3 + Self.members.count) {
            let cells = (0..<80).map { grid[row, $0].width }
            #expect(cells.reduce(0, +) == 80, "row \(row)")
        }
        #expect(!grid.render().unicodeScalars.contains { TerminalText.needsEscaping($0) && $0 != "\n" })
    }
}
