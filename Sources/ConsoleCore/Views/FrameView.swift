import Foundation
import RosterStore

/// The rows every screen shares: tabs and server badge, title, flash, key hints.
enum FrameView {
    /// Row 0: `roster  1 Members  2 Teams  3 Requests  4 Keys` and, on the right, where SCIM is served, the
    /// organization, its plan and seats, and `[RO]`: the most detailed variant that fits.
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
    static func badgeVariants(_ state: ConsoleState) -> [[TextSpan]] {
        let glyphs = state.options.glyphs
        let org = state.organization
        let name = TerminalText.sanitized(org.name, notation: glyphs.notation)
        let seats = "\(NumberText.grouped(org.activeMembers))/\(NumberText.grouped(org.seatLimit)) seats"
        let endpoints: [String]
        switch state.options.endpoint {
        case .serving(let address, let baseURL):
            let port = address.split(separator: ":").last.map { ":" + $0 } ?? address
            endpoints = [baseURL, address, port]
        case .attached(let database, _):
            let file = database.split(separator: "/").last.map(String.init) ?? database
            endpoints = ["attached \(database)", "attached \(file)", "attached"]
        }
        let readOnly = state.options.readOnly ? [TextSpan("  [RO]", .badgeReadOnly)] : []
        func join(_ parts: [String]) -> [TextSpan] {
            [TextSpan(parts.joined(separator: " \(glyphs.separator) "), .header)] + readOnly
        }
        let plan = org.plan.rawValue
        return [
            join([endpoints[0], name, plan, seats]),
            join([endpoints[1], name, plan, seats]),
            join([endpoints[2], name, seats]),
            join([name, seats]),
            join([seats]),
            readOnly,
        ]
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
        screen.put(row: row, col: 0, width: frame.size.cols,
                   text: TerminalText.sanitized(flash.text, notation: glyphs.notation),
                   style: flash.level == .error ? .flashError : .flashInfo, ellipsis: glyphs.ellipsis)
        return nil
    }

    /// The hint row, generated from the key registry for the context keys go to now.
    static func drawHints(_ state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        let glyphs = state.options.glyphs
        let items = state.registry.hints(
            for: state.keyContext, glyphs: glyphs, readOnly: state.options.readOnly, width: frame.size.cols)
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
