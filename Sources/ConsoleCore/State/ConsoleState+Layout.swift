/// Rows available to each kind of body, shared by the reducer (paging, scrolling) and the views (drawing), so
/// both agree on what "the visible rows" are.
public enum BodyLayout {
    /// List screens: one row of column headings above the rows.
    public static let listHeaderRows = 1
    /// Team detail: the team's attributes (two rows), a blank row and the column headings above its members.
    public static let teamHeaderRows = 4
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
    /// Rows of a team's member table.
    var teamViewport: Int { max(1, BodyLayout.bodyHeight(size) - BodyLayout.teamHeaderRows) }
    /// Rows of a member's detail document.
    var memberViewport: Int { BodyLayout.bodyHeight(size) }
    /// Rows of a request's detail document.
    var requestViewport: Int { max(1, BodyLayout.bodyHeight(size) - BodyLayout.requestHeaderRows) }

    /// Gives every list the viewport height of the current size (after a resize, and at start).
    mutating func syncViewports() {
        members.list.resize(viewportHeight: listViewport)
        teams.list.resize(viewportHeight: listViewport)
        requests.selection.resize(viewportHeight: listViewport)
        keys.selection.resize(viewportHeight: listViewport)
        for index in stack.indices {
            if case .team(var detail) = stack[index] {
                detail.members.resize(viewportHeight: teamViewport)
                stack[index] = .team(detail)
            }
        }
    }
}
