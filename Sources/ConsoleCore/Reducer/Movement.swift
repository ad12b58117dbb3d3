/// The movement actions (j/k, g/G, PgUp/PgDn, Ctrl-d/u) applied to each kind of cursor, so every list and detail
/// moves the same way.
enum Movement {
    static func isMovement(_ action: ConsoleAction) -> Bool {
        switch action {
        case .moveUp, .moveDown, .moveToTop, .moveToBottom, .pageUp, .pageDown, .halfPageUp, .halfPageDown:
            return true
        default:
            return false
        }
    }

    static func apply<Row>(_ action: ConsoleAction, to list: inout PagedList<Row>) {
        switch action {
        case .moveUp: list.move(by: -1)
        case .moveDown: list.move(by: 1)
        case .moveToTop: list.moveToFirst()
        case .moveToBottom: list.moveToLast()
        case .pageUp: list.pageUp()
        case .pageDown: list.pageDown()
        case .halfPageUp: list.halfPageUp()
        case .halfPageDown: list.halfPageDown()
        default: break
        }
    }

    static func apply<ID>(_ action: ConsoleAction, to selection: inout SelectionModel<ID>) {
        switch action {
        case .moveUp: selection.move(by: -1)
        case .moveDown: selection.move(by: 1)
        case .moveToTop: selection.moveToFirst()
        case .moveToBottom: selection.moveToLast()
        case .pageUp: selection.pageUp()
        case .pageDown: selection.pageDown()
        case .halfPageUp: selection.halfPageUp()
        case .halfPageDown: selection.halfPageDown()
        default: break
        }
    }

    static func apply(_ action: ConsoleAction, to cursor: inout DocumentCursor, lineCount: Int, viewport: Int) {
        let half = max(1, viewport / 2)
        switch action {
        case .moveUp: cursor.move(by: -1, lineCount: lineCount, viewport: viewport)
        case .moveDown: cursor.move(by: 1, lineCount: lineCount, viewport: viewport)
        case .moveToTop: cursor.move(to: 0, lineCount: lineCount, viewport: viewport)
        case .moveToBottom: cursor.move(to: lineCount - 1, lineCount: lineCount, viewport: viewport)
        case .pageUp: cursor.move(by: -viewport, lineCount: lineCount, viewport: viewport)
        case .pageDown: cursor.move(by: viewport, lineCount: lineCount, viewport: viewport)
        case .halfPageUp: cursor.move(by: -half, lineCount: lineCount, viewport: viewport)
        case .halfPageDown: cursor.move(by: half, lineCount: lineCount, viewport: viewport)
        default: break
        }
    }

    /// The index of the next (or previous) heading after `line`, for Tab in a document; nil when there is none.
    static func heading(after line: Int, in lines: [DocumentLine], forward: Bool) -> Int? {
        let indices = lines.indices.filter { lines[$0].isHeading }
        return forward ? indices.first { $0 > line } : indices.last { $0 < line }
    }
}
