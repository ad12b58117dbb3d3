/// The highlighted line and scroll position of a detail view, which is a list of lines (attributes, headers,
/// bodies) some of which link somewhere (a team, a member, a request). Line counts come from the document, which
/// the reducer and the view build the same way.
public struct DocumentCursor: Hashable, Sendable {
    public private(set) var line: Int
    public private(set) var scroll: Int

    public init() {
        line = 0
        scroll = 0
    }

    /// Moves the highlight to `target` (clamped), scrolling just enough to show it.
    public mutating func move(to target: Int, lineCount: Int, viewport: Int) {
        let height = max(1, viewport)
        line = min(max(0, target), max(0, lineCount - 1))
        if line < scroll { scroll = line }
        if line >= scroll + height { scroll = line - height + 1 }
        scroll = min(max(0, scroll), max(0, lineCount - height))
    }

    public mutating func move(by delta: Int, lineCount: Int, viewport: Int) {
        move(to: line + delta, lineCount: lineCount, viewport: viewport)
    }
}
