import Foundation
import RosterStore

/// Dialogs drawn as boxes centred over the body: questions, typed confirmations, form prompts, choices, secrets,
/// and the help overlay.
enum DialogView {
    /// Dialog text wraps at this width even on wide terminals, so lines stay readable.
    static let maxTextWidth = 76

    /// Draws a box with `title` in its top border around `lines`, centred in `area`; returns the content rect.
    @discardableResult
    static func box(
        title: String, lines: [[TextSpan]], minWidth: Int = 40, in area: Rect, glyphs: Glyphs,
        on screen: inout some Screen
    ) -> Rect {
        let widest = lines.map(Drawing.width).max() ?? 0
        let width = min(area.width - 2, max(minWidth, widest + 4, title.displayWidth + 8))
        let height = min(area.height, lines.count + 2)
        let top = area.row + max(0, (area.height - height) / 2)
        let left = area.col + max(0, (area.width - width) / 2)
        let inner = width - 2
        let label = " \(title) "
        let titleRun = glyphs.horizontal + DisplayWidth.truncate(label, toWidth: max(0, inner - 2), ellipsis: glyphs.ellipsis)
        let topBorder = glyphs.topLeft + titleRun
            + String(repeating: glyphs.horizontal, count: max(0, inner - titleRun.displayWidth)) + glyphs.topRight
        screen.put(row: top, col: left, text: topBorder, style: .title)
        for offset in 0..<max(0, height - 2) {
            let row = top + 1 + offset
            screen.put(row: row, col: left, text: glyphs.vertical, style: .normal)
            Drawing.blank(row: row, col: left + 1, width: inner, style: .normal, on: &screen)
            Drawing.spans(lines[offset], row: row, col: left + 2, width: inner - 2, glyphs: glyphs, on: &screen)
            screen.put(row: row, col: left + width - 1, text: glyphs.vertical, style: .normal)
        }
        let bottom = glyphs.bottomLeft + String(repeating: glyphs.horizontal, count: max(0, inner)) + glyphs.bottomRight
        screen.put(row: top + height - 1, col: left, text: bottom, style: .normal)
        return Rect(row: top + 1, col: left + 2, height: height - 2, width: inner - 2)
    }

    /// Text lines wrapped to what a dialog can show in `area`.
    static func wrapped(_ texts: [String], style: StyleRole = .normal, area: Rect) -> [[TextSpan]] {
        let width = max(20, min(maxTextWidth, area.width - 6))
        return texts.flatMap { Drawing.wrap($0, width: width) }.map { [TextSpan($0, style)] }
    }

    /// Draws `modal`; returns the cursor of its text input, if it has one.
    static func draw(_ modal: Modal, state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) -> CursorPosition? {
        let glyphs = state.options.glyphs
        let area = frame.body
        func clean(_ text: String) -> String { TerminalText.sanitized(text, notation: glyphs.notation) }
        switch modal {
        case .help(let help):
            drawHelp(help, state: state, area: area, on: &screen)
            return nil
        case .messages(let messages):
            let count = state.messageLog.entries.count
            drawOverlay(title: "Messages \(glyphs.separator) \(NumberText.grouped(count)), newest first",
                        lines: state.messagesDocument(), scroll: messages.scroll, glyphs: glyphs, area: area,
                        on: &screen)
            return nil
        case .prompt(let prompt):
            guard !prompt.purpose.isInline else { return nil }
            let input = clean(prompt.input.text)
            let lines = wrapped([clean(prompt.title)], area: area) + [[TextSpan("> ", .keyHint), TextSpan(input)]]
            let content = box(title: promptTitle(prompt.purpose), lines: lines, minWidth: 56, in: area, glyphs: glyphs,
                              on: &screen)
            let before = clean(prompt.input.textBeforeCursor).displayWidth
            return CursorPosition(row: content.row + lines.count - 1, col: min(content.col + content.width - 1,
                                                                                content.col + 2 + before))
        case .confirm(let question):
            box(title: question.title, lines: wrapped(question.lines.map(clean), area: area), minWidth: 44, in: area,
                glyphs: glyphs, on: &screen)
            return nil
        case .typedConfirm(let dialog):
            let focusOnCancel = dialog.focus == .cancel
            let buttons: [TextSpan] = [
                TextSpan(focusOnCancel ? "[ Cancel ]" : "  Cancel  ", focusOnCancel ? .selection : .normal),
                TextSpan("     "),
                TextSpan(focusOnCancel ? "  \(dialog.confirmLabel)  " : "[ \(dialog.confirmLabel) ]",
                         focusOnCancel ? .dim : .flashError),
            ]
            var lines = wrapped(dialog.lines.map(clean), area: area)
            lines.append([TextSpan("> ", .keyHint), TextSpan(clean(dialog.input.text))])
            let contentWidth = max(lines.map(Drawing.width).max() ?? 0, 56)
            lines.append([TextSpan(String(repeating: " ", count: max(0, contentWidth - Drawing.width(buttons))))] + buttons)
            let content = box(title: dialog.title, lines: lines, minWidth: 60, in: area, glyphs: glyphs, on: &screen)
            let before = clean(dialog.input.textBeforeCursor).displayWidth
            return CursorPosition(row: content.row + lines.count - 2, col: min(content.col + content.width - 1,
                                                                                content.col + 2 + before))
        case .choice(let choice):
            var lines = wrapped(choice.lines.map(clean), area: area)
            for (index, option) in choice.options.enumerated() {
                let isSelected = index == choice.selected
                lines.append([TextSpan((isSelected ? glyphs.selectionMarker : " ") + " " + clean(option),
                                       isSelected ? .selection : .normal)])
            }
            box(title: clean(choice.title), lines: lines, minWidth: 48, in: area, glyphs: glyphs, on: &screen)
            return nil
        case .secret(let secret):
            box(title: secretTitle(secret), lines: secretLines(secret, state: state, area: area), minWidth: 60,
                in: area, glyphs: glyphs, on: &screen)
            return nil
        }
    }

    static func promptTitle(_ purpose: PromptPurpose) -> String {
        switch purpose {
        case .filter: return "Filter"
        case .command: return "Command"
        case .memberForm: return "Member"
        case .keyLabel: return "New API key"
        case .newTeamName: return "New team"
        case .renameTeam: return "Rename team"
        case .addTeamMember: return "Add member"
        }
    }

    static func secretTitle(_ secret: SecretState) -> String {
        switch secret.kind {
        case .welcome: return "Welcome to roster"
        case .created: return "New API key"
        case .rotated: return "Key rotated"
        }
    }

    /// The secret dialog's lines: what the secret is for, the secret itself, and that it is shown only once.
    static func secretLines(_ secret: SecretState, state: ConsoleState, area: Rect) -> [[TextSpan]] {
        let glyphs = state.options.glyphs
        func clean(_ text: String) -> String { TerminalText.sanitized(text, notation: glyphs.notation) }
        var lines: [[TextSpan]]
        let keyLine = [[TextSpan("  "), TextSpan(clean(secret.secret), .title)]]
        switch secret.kind {
        case .welcome(let organization):
            let field = { (label: String, value: String) -> [TextSpan] in
                [TextSpan("  " + DisplayWidth.pad(label, toWidth: 26), .dim), TextSpan(value)]
            }
            lines = wrapped(["The SCIM server is running for \(clean(organization)). To connect Okta, open "
                + "Applications \(glyphs.breadcrumb) your app \(glyphs.breadcrumb) Provisioning "
                + "\(glyphs.breadcrumb) Integration and enter:"], area: area)
            lines.append([])
            lines.append(field("SCIM connector base URL", clean(state.options.endpoint.baseURL ?? "(see roster serve)")))
            lines.append(field("Unique identifier field", "userName"))
            lines.append(field("Authentication Mode", "HTTP Header, with this key as the token:"))
            lines.append([])
            lines += keyLine
            lines.append([])
            lines += wrapped(["Okta needs HTTPS: put roster behind your TLS proxy and use its public URL."], style: .dim,
                             area: area)
        case .created(let key):
            lines = wrapped(["New key \"\(clean(key.label))\" (\(key.prefix))"
                + (key.expiresAt.map { ", expires \(ClockTime.date($0, in: state.options.timeZone))" } ?? "")
                + ". Paste it into Okta as the API token:"], area: area)
            lines.append([])
            lines += keyLine
        case .rotated(let key, let replaced):
            lines = wrapped(["New key for \"\(clean(key.label))\" (\(key.prefix)). Paste it into Okta as the API token:"],
                            area: area)
            lines.append([])
            lines += keyLine
            lines.append([])
            let old = replaced.grace == 0
                ? "The old key \(replaced.prefix) stopped working now."
                : "The old key \(replaced.prefix) keeps working for \(DurationText.format(replaced.grace)), "
                    + "then only the new one does."
            lines += wrapped([old], area: area)
        }
        lines.append([])
        if secret.copied {
            lines.append([TextSpan("\(glyphs.check) Copied to the clipboard.", .flashInfo)])
        }
        lines += wrapped(["The key is shown only this once (roster keeps only its hash). "
            + "y copies it; \(glyphs.enterKey) closes once you have stored it."], style: .dim, area: area)
        return lines
    }

    /// The help overlay: sections generated from the registry, scrolled.
    static func drawHelp(_ help: HelpState, state: ConsoleState, area: Rect, on screen: inout some Screen) {
        let glyphs = state.options.glyphs
        drawOverlay(title: "Help \(glyphs.separator) \(help.context.title)", lines: state.helpDocument(help),
                    scroll: help.scroll, glyphs: glyphs, area: area, on: &screen)
    }

    /// A box over the whole body showing `lines` from `scroll` (the title says when more follow).
    static func drawOverlay(
        title: String, lines: [DocumentLine], scroll: Int, glyphs: Glyphs, area: Rect, on screen: inout some Screen
    ) {
        let height = max(3, area.height)
        var visible = Array(lines.dropFirst(scroll).prefix(height - 2)).map(\.spans)
        visible += Array(repeating: [], count: max(0, height - 2 - visible.count))
        screen.fill(area, character: " ", style: .normal)
        let more = scroll + height - 2 < lines.count ? " \(glyphs.arrowDown) more" : ""
        box(title: title + more, lines: visible, minWidth: area.width, in: area, glyphs: glyphs, on: &screen)
    }
}
