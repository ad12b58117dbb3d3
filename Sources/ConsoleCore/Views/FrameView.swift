import Foundation
import RosterStore

/// The rows every screen shares: tabs and server badge, title, flash, key hints.
enum FrameView {
    /// Row 0: `roster  1 Members  2 Teams  3 Requests  4 Keys` and, on the right, the demo's simulated Okta, where
    /// SCIM is served, the organization, its plan and seats, and `[RO]`: the most detailed variant that fits.
    static func drawTabs(_ state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        let row = frame.tabs.row
        var x = screen.put(row: row, col: 0, text: "roster", style: .header)
        for tab in ConsoleTab.allCases {
            x = screen.put(row: row, col: x + 1, text: " \(tab.rawValue) \(tab.title) ",
                           style: tab == state.tab ? .tabActive : .tabInactive)
        }
        let available = frame.size.cols - x - 2
        guard let badge = badgeVariants(state).first(where: { Drawing.width($0) <= available }), !badge.isEmpty
        else { return }
        Drawing.spans(badge, row: row, col: frame.size.cols - Drawing.width(badge), width: available,
                      glyphs: state.options.glyphs, on: &screen)
    }

    /// The server badge from most to least detailed.
    ///
    /// Where SCIM is served comes first: the base URL (which names the listening address too, or the public URL
    /// the server is known by behind a proxy), then the listening address, then the port. The organization's name
    /// gives way to the base URL only when it is the only organization (there is nothing to tell it from); seats
    /// stay to the last. The demo's status, when there is one, leads every variant, shortened before anything
    /// else goes.
    static func badgeVariants(_ state: ConsoleState) -> [[TextSpan]] {
        let glyphs = state.options.glyphs
        let separator = " \(glyphs.separator) "
        let org = state.organization
        let name = TerminalText.sanitized(org.name, notation: glyphs.notation)
        let seats = "\(NumberText.grouped(org.activeMembers))/\(NumberText.grouped(org.seatLimit)) seats"
        let plan = org.plan.rawValue
        var servers: [[String]]
        switch state.options.endpoint {
        case .serving(let address, let baseURL):
            let port = address.split(separator: ":").last.map { ":" + $0 } ?? address
            let location = baseURL.contains("//\(address)/") ? [baseURL] : [baseURL, address]
            servers = [location + [name, plan, seats], location + [name, seats]]
            if location.count > 1 { servers += [[baseURL, name, seats]] }
            if state.organizations.count <= 1 { servers += [[baseURL, seats]] }
            servers += [[address, name, seats], [port, name, seats]]
        case .attached(let database, _):
            let file = database.split(separator: "/").last.map(String.init) ?? database
            servers = [["attached \(database)", name, plan, seats], ["attached \(file)", name, plan, seats],
                       ["attached", name, seats]]
        }
        servers += [[name, seats], [seats], []]
        let readOnly = state.options.readOnly ? [TextSpan("  [RO]", .badgeReadOnly)] : []
        guard let simulator = state.simulator else {
            return servers.map { parts in
                parts.isEmpty ? readOnly : [TextSpan(parts.joined(separator: separator), .header)] + readOnly
            }
        }
        let style: StyleRole
        switch simulator.phase {
        case .running: style = .badgeFollow
        case .paused: style = .badgePaused
        case .finished: style = .dim
        }
        return servers.flatMap { parts in
            [simulator.badge, simulator.shortBadge].map { demo in
                let server = parts.isEmpty ? [] : [TextSpan(separator + parts.joined(separator: separator), .header)]
                return [TextSpan(demo, style)] + server + readOnly
            }
        }
    }

    /// Row 1: the title on the left, the position on the right (the left side is cut first).
    static func drawTitle(
        left: [TextSpan], right: [TextSpan], frame: FrameLayout, glyphs: Glyphs, on screen: inout some Screen
    ) {
        let row = frame.title.row
        let cols = frame.size.cols
        let rightWidth = min(Drawing.width(right), cols / 2)
        if rightWidth > 0 {
            Drawing.spans(right, row: row, col: cols - rightWidth, width: rightWidth, glyphs: glyphs, on: &screen)
        }
        Drawing.spans(left, row: row, col: 0, width: cols - rightWidth - (rightWidth > 0 ? 1 : 0),
                      glyphs: glyphs, on: &screen)
    }

    /// The flash row: an inline prompt (filter, command line) when one is open, else the flash message. Returns
    /// the cursor position of the prompt.
    static func drawFlash(_ state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) -> CursorPosition? {
        let row = frame.flash.row
        let glyphs = state.options.glyphs
        if case .prompt(let prompt)? = state.topModal, prompt.purpose.isInline {
            let prefix = prompt.title
            let x = screen.put(row: row, col: 0, text: prefix, style: .keyHint)
            let text = TerminalText.sanitized(prompt.input.text, notation: glyphs.notation)
            screen.put(row: row, col: x, width: frame.size.cols - x, text: text, style: .normal,
                       truncation: .keepTail, ellipsis: glyphs.ellipsis)
            let before = TerminalText.sanitized(prompt.input.textBeforeCursor, notation: glyphs.notation).displayWidth
            return CursorPosition(row: row, col: min(frame.size.cols - 1, x + before))
        }
        guard let flash = state.flash else { return nil }
        let text = TerminalText.sanitized(flash.text, notation: glyphs.notation)
        let style: StyleRole = flash.level == .error ? .flashError : .flashInfo
        // A message cut at the width says where the whole of it is.
        let more = "  :log"
        let cut = text.displayWidth > frame.size.cols && frame.size.cols > more.count * 3
        let x = screen.put(row: row, col: 0, width: frame.size.cols - (cut ? more.count : 0), text: text, style: style,
                           ellipsis: glyphs.ellipsis)
        if cut { screen.put(row: row, col: x, text: more, style: .dim) }
        return nil
    }

    /// The hint row, generated from the key registry for the context keys go to now.
    static func drawHints(_ state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        let glyphs = state.options.glyphs
        let items = state.registry.hints(
            for: state.keyContext, glyphs: glyphs, readOnly: state.options.readOnly, simulator: state.simulator != nil,
            width: frame.size.cols)
        var x = 0
        for (offset, item) in items.enumerated() {
            if offset > 0 { x += KeyRegistry.hintSeparator.count }
            x = screen.put(row: frame.hints.row, col: x, text: item.key, style: .keyHint)
            x = screen.put(row: frame.hints.row, col: x, text: " " + item.label, style: .normal)
        }
    }

    /// `[3/1,284]`: the selected row's position, or nothing for an empty list.
    static func position(_ index: Int?, of count: Int) -> [TextSpan] {
        guard let index, count > 0 else { return [] }
        return [TextSpan("[\(NumberText.grouped(index + 1))/\(NumberText.grouped(count))]", .title)]
    }
}
