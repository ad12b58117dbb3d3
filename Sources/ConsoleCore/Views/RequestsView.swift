import Foundation
import RosterStore

/// The live Requests screen: newest first, status coloured by class and always printed.
enum RequestsView {
    static let columns = [
        TableColumn("TIME", minWidth: 8, maxWidth: 8),
        TableColumn("METHOD", minWidth: 6, maxWidth: 6),
        TableColumn("PATH", minWidth: 14, maxWidth: 48, grows: true),
        TableColumn("STATUS", alignment: .right),
        TableColumn("LATENCY", priority: 2, alignment: .right),
        TableColumn("SUMMARY", minWidth: 12, priority: 1, grows: true),
    ]

    static func cells(_ entry: RequestLogEntry, state: ConsoleState) -> TableRow {
        let glyphs = state.options.glyphs
        let target = RequestPathText.compact(entry, ellipsis: glyphs.ellipsis)
        return TableRow(
            cells: [
                ClockTime.time(entry.time, in: state.options.timeZone),
                TerminalText.sanitized(entry.method, notation: glyphs.notation),
                TerminalText.sanitized(target, notation: glyphs.notation),
                String(entry.status),
                NumberText.latency(micros: entry.latencyMicros, ascii: glyphs.isASCII),
                TerminalText.sanitized(entry.summary, notation: glyphs.notation),
            ],
            cellStyles: [0: .dim, 1: StyleRole.httpMethod(entry.method), 3: StyleRole.httpStatus(entry.status)])
    }

    static func title(_ state: ConsoleState) -> (left: [TextSpan], right: [TextSpan]) {
        let requests = state.requests
        let glyphs = state.options.glyphs
        let separator = " \(glyphs.separator) "
        var left = [TextSpan("Requests", .title)]
        if requests.isLoaded { left.append(TextSpan(" " + NumberText.grouped(requests.visible.count), .title)) }
        left.append(TextSpan(separator, .normal))
        if requests.selection.isFollowing && !requests.paused {
            left.append(TextSpan("FOLLOWING", .badgeFollow))
        } else {
            let unseen = requests.unseenCount
            left.append(TextSpan("PAUSED" + (unseen > 0 ? " +\(NumberText.grouped(unseen)) new" : ""), .badgePaused))
        }
        if requests.errorsOnly { left.append(TextSpan(separator + "errors only", .statusClientError)) }
        if !requests.filterText.isEmpty {
            left.append(TextSpan(separator + "filter ", .normal))
            left.append(TextSpan(TerminalText.sanitized(requests.filterText, notation: glyphs.notation), .keyHint))
        }
        return (left, FrameView.position(requests.selection.selectedIndex, of: requests.visible.count))
    }

    static func draw(_ state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        let requests = state.requests
        let glyphs = state.options.glyphs
        let rows = requests.selection.visibleRange.map { index in
            (index: index, row: Optional(cells(requests.visible[index], state: state)))
        }
        TableView.draw(columns: columns, rows: rows, selected: requests.selection.selectedIndex, in: frame.body,
                       glyphs: glyphs, on: &screen)
        if !requests.isLoaded {
            TableView.message(["Loading the request log\(glyphs.ellipsis)"], in: frame.body, on: &screen, glyphs: glyphs)
        } else if requests.visible.isEmpty {
            let message = requests.entries.isEmpty
                ? ["No requests yet. They appear here live as Okta calls the SCIM base URL."]
                : ["No request matches\(requests.errorsOnly ? " errors only" : "")"
                    + (requests.filterText.isEmpty ? "" : " and the filter \(requests.filterText)") + ".",
                   "Esc clears the filter; e switches errors only."]
            TableView.message(message, in: frame.body, on: &screen, glyphs: glyphs)
        }
    }
}

/// The API keys screen.
enum KeysView {
    static let columns = [
        TableColumn("LABEL", minWidth: 8, maxWidth: 30),
        TableColumn("PREFIX", minWidth: 8, maxWidth: 20),
        TableColumn("STATUS", minWidth: 8),
        TableColumn("CREATED", minWidth: 10, priority: 2),
        TableColumn("LAST USED", minWidth: 9, priority: 1),
        TableColumn("EXPIRES", minWidth: 7, priority: 1),
    ]

    static func cells(_ key: APIKey, state: ConsoleState) -> TableRow {
        let now = state.now
        let status = key.status(at: now)
        let statusStyle: StyleRole
        switch status {
        case .active: statusStyle = .statusOK
        case .retiring: statusStyle = .badgePaused
        case .expired, .revoked: statusStyle = .dim
        }
        return TableRow(
            cells: [
                TerminalText.sanitized(key.label, notation: state.options.glyphs.notation), key.prefix, status.rawValue,
                ClockTime.date(key.createdAt, in: state.options.timeZone),
                key.lastUsedAt.map { RelativeTime.text($0, now: now) } ?? "never",
                key.revokedAt.map { "revoked " + RelativeTime.text($0, now: now) }
                    ?? key.expiresAt.map { RelativeTime.text($0, now: now) } ?? "-",
            ],
            cellStyles: [2: statusStyle])
    }

    static func title(_ state: ConsoleState) -> (left: [TextSpan], right: [TextSpan]) {
        var left = [TextSpan("API Keys", .title)]
        if state.keys.isLoaded { left.append(TextSpan(" \(state.keys.keys.count)", .title)) }
        return (left, FrameView.position(state.keys.selection.selectedIndex, of: state.keys.keys.count))
    }

    static func draw(_ state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        let keys = state.keys
        let glyphs = state.options.glyphs
        let rows = keys.selection.visibleRange.map { index in
            (index: index, row: Optional(cells(keys.keys[index], state: state)))
        }
        TableView.draw(columns: columns, rows: rows, selected: keys.selection.selectedIndex, in: frame.body,
                       glyphs: glyphs, on: &screen)
        if !keys.isLoaded {
            TableView.message(["Loading API keys\(glyphs.ellipsis)"], in: frame.body, on: &screen, glyphs: glyphs)
        } else if keys.keys.isEmpty {
            TableView.message(["No API keys: Okta cannot connect" + (state.options.readOnly ? "." : "; n creates one.")],
                              in: frame.body, on: &screen, glyphs: glyphs)
        }
    }
}
