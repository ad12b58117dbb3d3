/// Rows available to each kind of body, shared by the reducer (paging, scrolling) and the views (drawing), so
/// both agree on what "the visible rows" are.
public enum BodyLayout {
    /// List screens: one row of column headings above the rows.
    public static let listHeaderRows = 1
    /// Team detail: the team's attributes (two rows, more when long values wrap, up to this many), then a blank row
    /// and the column headings above its members.
    public static let teamHeaderMaxLines = 4
    /// Team detail: rows above the member table besides the attribute rows (the blank row and the headings).
    public static let teamTableHeadingRows = 2
    /// Request detail: the tab row and a blank row above the document.
    public static let requestHeaderRows = 2

    /// Body rows for `size` (at least 1, so models stay valid when the terminal is too small).
    static func bodyHeight(_ size: TerminalSize) -> Int {
        max(1, (FrameLayout(size: size)?.body.height ?? 1))
    }
}

extension ConsoleState {
    /// Rows of a list screen's table.
    var listViewport: Int { max(1, BodyLayout.bodyHeight(size) - BodyLayout.listHeaderRows) }
    /// Rows of a team's member table (or JSON), under its attribute rows.
    func teamViewport(_ detail: TeamDetailState) -> Int {
        max(1, BodyLayout.bodyHeight(size) - teamHeader(detail).count - BodyLayout.teamTableHeadingRows)
    }
    /// Rows of a member's detail document.
    var memberViewport: Int { BodyLayout.bodyHeight(size) }
    /// Rows of a request's detail document.
    var requestViewport: Int { max(1, BodyLayout.bodyHeight(size) - BodyLayout.requestHeaderRows) }

    /// Columns of a detail document's text: the body less the selection gutter.
    var documentWidth: Int { max(1, size.cols - TableView.gutter) }

    /// A member's detail as laid out for the current width (what the view draws and the cursor moves over).
    func memberDocument(_ detail: MemberDetailState) -> [DocumentLine] {
        DocumentLayout.wrap(MemberDocument.lines(detail, options: options, now: now), width: documentWidth)
    }

    /// The open tab of a request's detail as laid out for the current width.
    func requestDocument(_ detail: RequestDetailState) -> [DocumentLine] {
        DocumentLayout.wrap(RequestDocument.lines(detail, options: options, now: now), width: documentWidth)
    }

    /// The attribute rows above a team's members, wrapped to the current width (at most
    /// `BodyLayout.teamHeaderMaxLines`).
    func teamHeader(_ detail: TeamDetailState) -> [DocumentLine] {
        Array(DocumentLayout.wrap(TeamDocument.header(detail, options: options, now: now), width: documentWidth)
            .prefix(BodyLayout.teamHeaderMaxLines))
    }

    /// Columns of an overlay's text (help, messages): the body less the box's borders and padding.
    var overlayWidth: Int { max(1, size.cols - 6) }

    /// The help overlay's lines for the current state.
    func helpDocument(_ help: HelpState) -> [DocumentLine] {
        HelpDocument.lines(for: help.context, glyphs: options.glyphs, readOnly: options.readOnly,
                           simulator: simulator != nil)
    }

    /// The message log as laid out in its overlay.
    func messagesDocument() -> [DocumentLine] {
        DocumentLayout.wrap(MessageDocument.lines(messageLog, options: options), width: overlayWidth)
    }

    /// A team's SCIM JSON as laid out for the current width.
    func teamJSONDocument(_ detail: TeamDetailState) -> [DocumentLine] {
        DocumentLayout.wrap(TeamDocument.jsonLines(detail, options: options), width: documentWidth)
    }

    /// Gives every list the viewport height of the current size (after a resize, and at start), and keeps each
    /// detail's cursor within its document, which rewraps at a new width.
    mutating func syncViewports() {
        members.list.resize(viewportHeight: listViewport)
        teams.list.resize(viewportHeight: listViewport)
        requests.selection.resize(viewportHeight: listViewport)
        keys.selection.resize(viewportHeight: listViewport)
        for index in stack.indices {
            switch stack[index] {
            case .team(var detail):
                let viewport = teamViewport(detail)
                detail.members.resize(viewportHeight: viewport)
                detail.cursor.move(
                    to: detail.cursor.line, lineCount: teamJSONDocument(detail).count, viewport: viewport)
                stack[index] = .team(detail)
            case .member(var detail):
                detail.cursor.move(to: detail.cursor.line, lineCount: memberDocument(detail).count,
                                   viewport: memberViewport)
                stack[index] = .member(detail)
            case .request(var detail):
                detail.cursor.move(to: detail.cursor.line, lineCount: requestDocument(detail).count,
                                   viewport: requestViewport)
                stack[index] = .request(detail)
            }
        }
    }
}
