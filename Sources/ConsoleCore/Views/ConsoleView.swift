/// Draws the whole console for a state. The terminal layer calls this after every batch of events and paints the
/// result (diffing two `TextGrid`s, or drawing on a curses-backed `Screen`); tests draw on a `TextGrid` and compare
/// the text with golden files.
public enum ConsoleView {
    /// Clears `screen` and draws `state` on it.
    /// - Returns: where the terminal cursor belongs (the insertion point of an open text input), or nil to hide it.
    @discardableResult
    public static func draw(_ state: ConsoleState, on screen: inout some Screen) -> CursorPosition? {
        screen.clear()
        let glyphs = state.options.glyphs
        guard let frame = FrameLayout(size: screen.size) else {
            TooSmallNotice.draw(on: &screen, ellipsis: glyphs.ellipsis)
            if case .confirm(let question)? = state.topModal, question.action == .quit {
                let lines = Drawing.wrap(question.lines.joined(separator: " "), width: screen.size.cols)
                let top = min(screen.size.rows - lines.count, screen.size.rows / 2 + 2)
                for (offset, line) in lines.enumerated() where top + offset >= 0 {
                    screen.put(row: top + offset, col: max(0, (screen.size.cols - line.displayWidth) / 2), text: line,
                               style: .flashError)
                }
            }
            return nil
        }
        FrameView.drawTabs(state, frame: frame, on: &screen)
        let title = self.title(state)
        FrameView.drawTitle(left: title.left, right: title.right, frame: frame, glyphs: glyphs, on: &screen)
        drawBody(state, frame: frame, on: &screen)
        var cursor: CursorPosition?
        for modal in state.modals {
            cursor = DialogView.draw(modal, state: state, frame: frame, on: &screen)
        }
        let promptCursor = FrameView.drawFlash(state, frame: frame, on: &screen)
        FrameView.drawHints(state, frame: frame, on: &screen)
        return promptCursor ?? cursor
    }

    static func title(_ state: ConsoleState) -> (left: [TextSpan], right: [TextSpan]) {
        if let page = state.page {
            switch page {
            case .member(let detail): return MemberDetailView.title(detail, state: state)
            case .team(let detail): return TeamDetailView.title(detail, state: state)
            case .request(let detail): return RequestDetailView.title(detail, state: state)
            }
        }
        switch state.tab {
        case .members: return MembersView.title(state)
        case .teams: return TeamsView.title(state)
        case .requests: return RequestsView.title(state)
        case .keys: return KeysView.title(state)
        }
    }

    static func drawBody(_ state: ConsoleState, frame: FrameLayout, on screen: inout some Screen) {
        if let page = state.page {
            switch page {
            case .member(let detail): MemberDetailView.draw(detail, state: state, frame: frame, on: &screen)
            case .team(let detail): TeamDetailView.draw(detail, state: state, frame: frame, on: &screen)
            case .request(let detail): RequestDetailView.draw(detail, state: state, frame: frame, on: &screen)
            }
            return
        }
        switch state.tab {
        case .members: MembersView.draw(state, frame: frame, on: &screen)
        case .teams: TeamsView.draw(state, frame: frame, on: &screen)
        case .requests: RequestsView.draw(state, frame: frame, on: &screen)
        case .keys: KeysView.draw(state, frame: frame, on: &screen)
        }
    }
}
