import ConsoleCore
import Foundation
import SCIM
import Testing

/// Wrapping document lines to the view's width: nothing a person must read is cut.
struct DocumentLayoutTests {
    func texts(_ lines: [DocumentLine]) -> [String] {
        lines.map(\.text)
    }

    @Test func aLongFieldWrapsUnderItsValueAtSpaces() {
        let line = DocumentLine.field("detail", "phoneNumbers[0].value '415.123.4567' is not a valid number", width: 8)
        let rows = DocumentLayout.wrap([line], width: 40)
        #expect(texts(rows) == [
            "detail    phoneNumbers[0].value",
            "          '415.123.4567' is not a valid",
            "          number",
        ])
        #expect(rows.allSatisfy { $0.text.displayWidth <= 40 })
        // The label keeps its style; continuation rows carry the value's.
        #expect(rows[0].spans.first?.style == .dim)
        #expect(rows[1].spans.last?.style == .normal)
    }

    @Test func aWordLongerThanARowIsSplitNotCut() {
        let id = String(repeating: "0123456789", count: 5)
        let rows = DocumentLayout.wrap([.field("id", id, width: 4)], width: 30)
        #expect(texts(rows) == ["id    012345678901234567890123", "      456789012345678901234567", "      89"])
        #expect(rows.map(\.text).joined().filter(\.isNumber) == id)
    }

    @Test func wideCharactersAreMeasuredByColumns() {
        let rows = DocumentLayout.wrap([.text("営業部の田中花子さんと山田太郎さん")], width: 10)
        #expect(rows.allSatisfy { $0.text.displayWidth <= 10 })
        #expect(texts(rows).joined() == "営業部の田中花子さんと山田太郎さん")
        // A wide character never straddles the edge: 9 columns would hold four and a half.
        #expect(texts(DocumentLayout.wrap([.text("営業部の田中")], width: 9)) == ["営業部の", "田中"])
    }

    @Test func linesThatFitOrDoNotWrapAreKept() {
        let short = DocumentLine.field("status", "active", width: 8)
        let row = DocumentLine([TextSpan("14:02:11  "), TextSpan("PATCH  200  " + String(repeating: "x", count: 80))])
        #expect(DocumentLayout.wrap([short, row], width: 40) == [short, row])
    }

    @Test func continuationRowsKeepTheLinkButNotTheHeading() {
        let link = DocumentLine([TextSpan("Engineering and Platform Operations (EMEA)")], link: .team(id: "t1"),
                                wrapIndent: 2)
        let heading = DocumentLine([TextSpan("A heading much longer than the view is wide")], isHeading: true,
                                   wrapIndent: 0)
        let rows = DocumentLayout.wrap([link, heading], width: 20)
        #expect(rows.filter { $0.link == .team(id: "t1") }.count == 3)
        #expect(rows.filter(\.isHeading).count == 1)
        #expect(texts(rows).first == "Engineering and")
        #expect(texts(rows)[1] == "  Platform")
    }

    @Test func wrappedJSONKeepsItsIndentation() throws {
        let team = Fixture.team(1, name: "Engineering, Platform and Site Reliability (EMEA, contractors included)",
                                members: 3)
        let lines = TeamDocument.jsonLines(TeamDetailState(id: team.id, team: team), options: Fixture.options())
        let rows = DocumentLayout.wrap(lines, width: 40)
        let start = try #require(rows.firstIndex { $0.text.hasPrefix("  \"displayName\"") })
        #expect(rows[start + 1].text.hasPrefix("    ") && !rows[start + 1].text.hasPrefix("     "))
        #expect(rows.allSatisfy { $0.text.displayWidth <= 40 })
    }
}
