import Foundation
import RosterStore
import SCIM

/// A member's detail: the document of its attributes, teams and recent requests, or its raw JSON.
enum MemberDetailView {
    static func title(_ detail: MemberDetailState, state: ConsoleState) -> (left: [TextSpan], right: [TextSpan]) {
        let glyphs = state.options.glyphs
        let name = detail.member.map { $0.userName ?? $0.id } ?? detail.id
        var left = [TextSpan("Members \(glyphs.breadcrumb) ", .title),
                    TextSpan(TerminalText.sanitized(name, notation: glyphs.notation), .title)]
        if let provisioning = detail.member?.provisioning {
            left.append(TextSpan("  \(provisioning.managedBy)", .badgeManaged))
        }
        let right = detail.showJSON ? [TextSpan("SCIM JSON", .dim)] : []
        return (left, right)
    }

    static func draw(_ detail: MemberDetailState, state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        DocumentView.draw(state.memberDocument(detail), cursor: detail.cursor, in: frame.body,
                          glyphs: state.options.glyphs, on: &screen)
    }
}

/// A team's detail: two rows about the team, then its members, paged (or its raw JSON).
enum TeamDetailView {
    static let columns = [
        TableColumn("MEMBER", minWidth: 12, maxWidth: 48),
        TableColumn("ID", minWidth: 10, maxWidth: 36, truncation: .keepTail),
    ]

    static func title(_ detail: TeamDetailState, state: ConsoleState) -> (left: [TextSpan], right: [TextSpan]) {
        let glyphs = state.options.glyphs
        let name = detail.team?.displayName ?? detail.id
        let left = [TextSpan("Teams \(glyphs.breadcrumb) ", .title),
                    TextSpan(TerminalText.sanitized(name, notation: glyphs.notation), .title)]
        if detail.showJSON { return (left, [TextSpan("SCIM JSON", .dim)]) }
        return (left, FrameView.position(detail.members.selectedIndex, of: detail.members.count))
    }

    static func draw(_ detail: TeamDetailState, state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        let glyphs = state.options.glyphs
        let body = frame.body
        let header = state.teamHeader(detail)
        for (offset, line) in header.enumerated() {
            Drawing.spans(line.spans, row: body.row + offset, col: TableView.gutter, width: body.width - TableView.gutter,
                          glyphs: glyphs, on: &screen)
        }
        let above = header.count + BodyLayout.teamTableHeadingRows
        let table = Rect(row: body.row + above - 1, col: body.col, height: body.height - above + 1, width: body.width)
        if detail.showJSON {
            let document = Rect(row: table.row + 1, col: table.col, height: table.height - 1, width: table.width)
            DocumentView.draw(state.teamJSONDocument(detail), cursor: detail.cursor,
                              in: document, glyphs: glyphs, on: &screen)
            return
        }
        let members = detail.members
        let rows = members.visibleRange.map { index in
            (index: index, row: members.item(at: index).map { item in
                TableRow(cells: [TerminalText.sanitized(item.row.display ?? "-", notation: glyphs.notation), item.row.value],
                         cellStyles: [1: .dim])
            })
        }
        TableView.draw(columns: columns, rows: rows, selected: members.selectedIndex, in: table, glyphs: glyphs,
                       on: &screen)
        if !members.isLoaded {
            TableView.message(["Loading members\(glyphs.ellipsis)"], in: table, on: &screen, glyphs: glyphs)
        } else if members.count == 0 {
            TableView.message(["No members" + (state.options.readOnly ? "." : "; a adds one.")], in: table,
                              on: &screen, glyphs: glyphs)
        }
    }
}

/// A request's detail: the tab row, then the tab's document.
enum RequestDetailView {
    static func title(_ detail: RequestDetailState, state: ConsoleState) -> (left: [TextSpan], right: [TextSpan]) {
        let glyphs = state.options.glyphs
        let entry = detail.entry
        let left = [TextSpan("Requests \(glyphs.breadcrumb) ", .title),
                    TextSpan(entry.method + " ", StyleRole.httpMethod(entry.method)),
                    TextSpan(TerminalText.sanitized(entry.path, notation: glyphs.notation), .title)]
        let right = [TextSpan("\(NumberText.grouped(detail.index + 1)) of \(NumberText.grouped(detail.entries.count))",
                              .title)]
        return (left, right)
    }

    static func draw(_ detail: RequestDetailState, state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        let glyphs = state.options.glyphs
        let body = frame.body
        var x = TableView.gutter
        for tab in RequestDetailTab.allCases {
            let label = tab == detail.tab ? "[\(tab.title)]" : " \(tab.title) "
            x = screen.put(row: body.row, col: x, text: label, style: tab == detail.tab ? .tabActive : .tabInactive) + 1
        }
        var notes: [String] = []
        if detail.tab == .request || detail.tab == .response { notes.append(detail.raw ? "body: raw" : "body: pretty") }
        notes.append("\(glyphs.arrowLeft)/\(glyphs.arrowRight) or Tab: switch")
        let note = notes.joined(separator: "  ")
        if x + note.displayWidth + 2 <= body.width {
            screen.put(row: body.row, col: body.width - note.displayWidth, text: note, style: .dim)
        }
        let document = Rect(row: body.row + BodyLayout.requestHeaderRows, col: body.col,
                            height: body.height - BodyLayout.requestHeaderRows, width: body.width)
        DocumentView.draw(state.requestDocument(detail), cursor: detail.cursor,
                          in: document, glyphs: glyphs, on: &screen)
    }
}
