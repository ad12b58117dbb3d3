import Foundation
import SCIM

/// The Members screen: the page of members under the viewport, aligned by display width.
enum MembersView {
    static let columns = [
        TableColumn("USERNAME", minWidth: 12, maxWidth: 40),
        TableColumn("DISPLAY NAME", minWidth: 12, maxWidth: 32),
        TableColumn("STATUS", minWidth: 13, maxWidth: 13, priority: 1),
        TableColumn("MANAGED", priority: 3),
        TableColumn("UPDATED", minWidth: 7, priority: 2),
        TableColumn("EMAIL", minWidth: 20, maxWidth: 36, priority: 4),
    ]

    static func cells(_ member: SCIMResource, state: ConsoleState) -> TableRow {
        let notation = state.options.glyphs.notation
        func clean(_ text: String?) -> String { TerminalText.sanitized(text ?? "", notation: notation) }
        let status = MemberStatus.of(member)
        let email = MemberForm.primaryValue(member.attributes["emails"])
        return TableRow(
            cells: [
                clean(member.userName), clean(member.displayName ?? member.attributes["name"]?.objectValue?["formatted"]?.stringValue),
                status.rawValue, member.provisioning?.badge ?? "",
                RelativeTime.text(member.meta.lastModified, now: state.now),
                clean(email),
            ],
            cellStyles: [2: status.style, 3: .badgeManaged, 4: .dim])
    }

    static func title(_ state: ConsoleState) -> (left: [TextSpan], right: [TextSpan]) {
        ResourceListView.title("Members", state.members, state: state)
    }

    static func draw(_ state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        let empty = ResourceListView.empty(
            state.members, singular: "member", plural: "members",
            origin: "Okta creates them when people are assigned to the app", state: state)
        ResourceListView.draw(state.members, columns: columns, cells: { cells($0, state: state) }, empty: empty,
                              noun: "members", state: state, frame: frame, on: &screen)
    }
}

/// The Teams screen.
enum TeamsView {
    static let columns = [
        TableColumn("NAME", minWidth: 12, maxWidth: 40),
        TableColumn("MEMBERS", alignment: .right),
        TableColumn("MANAGED", priority: 2),
        TableColumn("UPDATED", minWidth: 7, priority: 1),
        TableColumn("ID", minWidth: 10, maxWidth: 36, priority: 3, truncation: .keepTail),
    ]

    static func cells(_ team: SCIMResource, state: ConsoleState) -> TableRow {
        TableRow(
            cells: [
                TerminalText.sanitized(team.displayName ?? "", notation: state.options.glyphs.notation),
                team.memberCount.map(NumberText.grouped) ?? "?", team.provisioning?.badge ?? "",
                RelativeTime.text(team.meta.lastModified, now: state.now), team.id,
            ],
            cellStyles: [2: .badgeManaged, 3: .dim, 4: .dim])
    }

    static func title(_ state: ConsoleState) -> (left: [TextSpan], right: [TextSpan]) {
        ResourceListView.title("Teams", state.teams, state: state)
    }

    static func draw(_ state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        let empty = ResourceListView.empty(
            state.teams, singular: "team", plural: "teams", origin: "Okta creates them with Push Groups", state: state)
        ResourceListView.draw(state.teams, columns: columns, cells: { cells($0, state: state) }, empty: empty,
                              noun: "teams", state: state, frame: frame, on: &screen)
    }
}

/// What the Members and Teams screens share: the paged table and the title with count, filter and sort.
enum ResourceListView {
    /// What an empty list says: how its resources arrive (and, when writable, the key that makes
    /// one), or that the filter matched none.
    static func empty(
        _ list: ResourceListState, singular: String, plural: String, origin: String, state: ConsoleState
    ) -> [String] {
        guard list.filterText.isEmpty else { return ["No \(singular) matches /\(list.filterText).", "Esc clears the filter."] }
        return ["No \(plural) yet. \(origin)" + (state.options.readOnly ? "." : "; n creates one here.")]
    }

    static func title(
        _ name: String, _ list: ResourceListState, state: ConsoleState
    ) -> (left: [TextSpan], right: [TextSpan]) {
        let glyphs = state.options.glyphs
        let separator = " \(glyphs.separator) "
        var left = [TextSpan(name, .title)]
        if list.list.isLoaded { left.append(TextSpan(" " + NumberText.grouped(list.list.count), .title)) }
        if !list.filterText.isEmpty {
            left.append(TextSpan(separator + "filter ", .normal))
            left.append(TextSpan("/" + TerminalText.sanitized(list.filterText, notation: glyphs.notation), .keyHint))
        }
        let arrow = list.sort.descending ? glyphs.arrowDown : glyphs.arrowUp
        left.append(TextSpan(separator + "sort \(list.sort.field) \(arrow)", .normal))
        return (left, FrameView.position(list.list.selectedIndex, of: list.list.count))
    }

    static func draw(
        _ list: ResourceListState, columns: [TableColumn], cells: (SCIMResource) -> TableRow, empty: [String],
        noun: String, state: ConsoleState, frame: FrameLayout, on screen: inout some Screen
    ) {
        let glyphs = state.options.glyphs
        let paged = list.list
        let rows = paged.visibleRange.map { index in (index: index, row: paged.item(at: index).map { cells($0.row) }) }
        TableView.draw(columns: columns, rows: rows, selected: paged.selectedIndex, in: frame.body, glyphs: glyphs,
                       on: &screen)
        if !paged.isLoaded {
            TableView.message(["Loading \(noun)\(glyphs.ellipsis)"], in: frame.body, on: &screen, glyphs: glyphs)
        } else if paged.count == 0 {
            TableView.message(empty, in: frame.body, on: &screen, glyphs: glyphs)
        }
    }
}
