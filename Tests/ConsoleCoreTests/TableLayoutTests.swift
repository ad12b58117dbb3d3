import ConsoleCore
import Testing

struct TableLayoutTests {
    static let columns = [
        TableColumn("USERNAME", minWidth: 12, maxWidth: 28),
        TableColumn("DISPLAY NAME", minWidth: 10, maxWidth: 24),
        TableColumn("ACTIVE", priority: 1),
        TableColumn("TEAMS", priority: 2, alignment: .right),
        TableColumn("EXTERNAL ID", minWidth: 10, maxWidth: 20, priority: 3, truncation: .keepTail),
    ]

    static let rows = [
        ["jane.doe@example.com", "Jane Doe", "yes", "3", "00u1a2b3c4d5e6f7g8h9"],
        ["王小明@example.com", "王小明", "no", "1", "00u9z8y7x6w5v4u3t2s1"],
        ["zoe@example.com", "Zoe\u{301} Ñúñez", "yes", "12", "-"],
        ["olympia@example.gr", "Ολυμπία Παπαδοπούλου", "yes", "0", "00uOLY"],
    ]

    @Test func cjkAndAccentedNamesAlignByDisplayWidth() {
        let table = TableLayout(columns: Self.columns, width: 80, content: Self.rows)
        let lines = [table.header()] + Self.rows.map { table.line($0) }
        #expect(lines.allSatisfy { $0.displayWidth == 80 })
        #expect(lines.map { $0.trimmedTrailing } == [
            "USERNAME              DISPLAY NAME          ACTIVE  TEAMS  EXTERNAL ID",
            "jane.doe@example.com  Jane Doe              yes         3  00u1a2b3c4d5e6f7g8h9",
            "王小明@example.com    王小明                no          1  00u9z8y7x6w5v4u3t2s1",
            "zoe@example.com       Zoe\u{301} Ñúñez             yes        12  -",
            "olympia@example.gr    Ολυμπία Παπαδοπούλου  yes         0  00uOLY",
        ])
        // Every column starts at the same display column on every line.
        for column in table.placed {
            for line in lines {
                let before = line.prefixColumns(column.x)
                #expect(before.displayWidth == column.x)
            }
        }
    }

    @Test func lowPriorityColumnsAreDroppedFirst() {
        #expect(TableLayout(columns: Self.columns, width: 44, content: Self.rows).placed.map(\.index) == [0, 1, 2, 3])
        let table = TableLayout(columns: Self.columns, width: 38, content: Self.rows)
        #expect(table.placed.map(\.index) == [0, 1, 2])
        #expect(!table.isShown(4) && !table.isShown(3))
        #expect(table.header().trimmedTrailing == "USERNAME         DISPLAY NAME   ACTIVE")
        #expect(table.line(Self.rows[1]).trimmedTrailing == "王小明@example…  王小明         no")
    }

    @Test func flexibleColumnsShrinkInProportionBeforeAnythingIsDropped() {
        let table = TableLayout(columns: Self.columns, width: 70, content: Self.rows)
        #expect(table.placed.count == 5)
        let widths = table.placed.map(\.width)
        #expect(widths[2] == 6 && widths[3] == 5)
        #expect(widths.reduce(0, +) + 2 * 4 == 70)
        #expect(widths[0] < 20 && widths[1] < 20)
        #expect(table.line(Self.rows[0]).hasSuffix("…2b3c4d5e6f7g8h9"))
    }

    @Test func idsKeepTheirTailWhenCut() {
        let columns = [TableColumn("ID", minWidth: 8, maxWidth: 8, truncation: .keepTail)]
        let table = TableLayout(columns: columns, width: 8)
        #expect(table.line(["8f3c2d1e-0000-a91"]) == "…000-a91")
    }

    @Test func growingColumnsTakeTheLeftoverWidth() {
        let columns = [
            TableColumn("METHOD", minWidth: 6, maxWidth: 6),
            TableColumn("PATH", minWidth: 10, grows: true),
            TableColumn("STATUS", alignment: .right),
        ]
        let table = TableLayout(columns: columns, width: 60, content: [["PATCH", "/scim/v2/Users/1", "200"]])
        #expect(table.placed.map(\.width) == [6, 44, 6])
        #expect(table.line(["PATCH", "/scim/v2/Users/1", "200"]).trimmedTrailing
                == "PATCH   /scim/v2/Users/1                                 200")
    }

    @Test func requiredColumnsWiderThanTheTableAreCut() {
        let columns = [TableColumn("A", minWidth: 10), TableColumn("B", minWidth: 10)]
        let table = TableLayout(columns: columns, width: 15)
        #expect(table.placed == [PlacedColumn(index: 0, x: 0, width: 10), PlacedColumn(index: 1, x: 12, width: 3)])
        #expect(table.line(["aaaaaaaaaaaa", "bbbb"]) == "aaaaaaaaa…  bb…")
    }

    @Test func missingCellsAreBlank() {
        let table = TableLayout(columns: Self.columns, width: 80)
        #expect(table.line(["only"]).trimmedTrailing == "only")
        #expect(table.line([]).displayWidth == 80)
    }
}

extension String {
    var trimmedTrailing: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The leading characters that cover exactly `columns` display columns (or fewer, at a wide character).
    func prefixColumns(_ columns: Int) -> String {
        var result = ""
        for character in self {
            if result.displayWidth + character.displayWidth > columns { break }
            result.append(character)
        }
        return result
    }
}
