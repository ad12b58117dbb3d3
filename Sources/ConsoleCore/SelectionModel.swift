/// The selection and scroll position of a live list, kept by identity so rows arriving or leaving never move the
/// cursor to another item (htop#142, mitmproxy#5490: acting on the wrong row).
///
/// - When rows are replaced, the selected id is found again and kept on the same screen line when possible
///   (htop's `Table_rebuildPanel`: `scroll = index - (line before)`). When it is gone, the row now at its old
///   index is selected.
/// - With `followsNewest` (the Requests screen, newest row first), the list follows new rows only while the
///   selection is on the newest row. Any movement away pauses following, and rows that arrive meanwhile are
///   counted in `unseenCount` (`PAUSED +12 new`); moving back to the newest row, or `follow()`, resumes it.
public struct SelectionModel<ID: Hashable & Sendable>: Hashable, Sendable {
    /// The row ids in display order (for a paged list, the loaded rows).
    public private(set) var ids: [ID]
    /// Index of the selected row; nil only when the list is empty.
    public private(set) var selectedIndex: Int?
    /// Index of the first visible row.
    public private(set) var scrollOffset: Int
    /// Rows the list shows at once.
    public private(set) var viewportHeight: Int
    /// Whether the newest row (index 0) is followed as rows arrive.
    public let followsNewest: Bool
    /// Whether the selection currently follows the newest row (only with `followsNewest`).
    public private(set) var isFollowing: Bool
    /// Rows that arrived above the selection since following stopped.
    public private(set) var unseenCount: Int

    /// An empty list showing `viewportHeight` rows; with `followsNewest` it starts out following.
    public init(viewportHeight: Int, followsNewest: Bool = false) {
        ids = []
        selectedIndex = nil
        scrollOffset = 0
        self.viewportHeight = max(1, viewportHeight)
        self.followsNewest = followsNewest
        isFollowing = followsNewest
        unseenCount = 0
    }

    /// The selected row's id.
    public var selectedID: ID? {
        selectedIndex.map { ids[$0] }
    }

    /// The selected row's line within the viewport.
    public var selectedLine: Int? {
        selectedIndex.map { $0 - scrollOffset }
    }

    /// Indices of the rows on screen.
    public var visibleRange: Range<Int> {
        scrollOffset..<min(ids.count, scrollOffset + viewportHeight)
    }

    /// Replaces the rows (a refresh, new arrivals, deletions) keeping the selection by identity.
    public mutating func replaceRows(_ newIDs: [ID]) {
        let oldIDs = ids
        let oldIndex = selectedIndex
        let oldLine = selectedLine ?? 0
        let oldSelected = selectedID
        ids = newIDs
        guard !newIDs.isEmpty else {
            selectedIndex = nil
            scrollOffset = 0
            return
        }
        if followsNewest && !isFollowing {
            unseenCount += Self.arrivals(in: newIDs, before: oldIDs)
        }
        if followsNewest && isFollowing {
            selectedIndex = 0
            scrollOffset = 0
            return
        }
        let index: Int
        if let oldSelected, let found = newIDs.firstIndex(of: oldSelected) {
            index = found
        } else {
            index = min(oldIndex ?? 0, newIDs.count - 1)
        }
        selectedIndex = index
        scrollOffset = index - oldLine
        clampScroll()
        settleFollowing()
    }

    /// Changes the viewport height (terminal resize), keeping the selection visible.
    public mutating func resize(viewportHeight: Int) {
        self.viewportHeight = max(1, viewportHeight)
        clampScroll()
    }

    /// Moves the selection by `delta` rows (negative is up), stopping at the ends.
    public mutating func move(by delta: Int) {
        guard let index = selectedIndex else { return }
        setSelection(index + delta)
    }

    /// Selects the first row (the newest, in a following list).
    public mutating func moveToFirst() {
        setSelection(0)
    }

    /// Selects the last row.
    public mutating func moveToLast() {
        setSelection(ids.count - 1)
    }

    /// Moves down one viewport.
    public mutating func pageDown() {
        move(by: viewportHeight)
    }

    /// Moves up one viewport.
    public mutating func pageUp() {
        move(by: -viewportHeight)
    }

    /// Moves down half a viewport.
    public mutating func halfPageDown() {
        move(by: max(1, viewportHeight / 2))
    }

    /// Moves up half a viewport.
    public mutating func halfPageUp() {
        move(by: -max(1, viewportHeight / 2))
    }

    /// Selects the row with `id`; returns false (selection unchanged) when no row has it.
    @discardableResult
    public mutating func select(id: ID) -> Bool {
        guard let index = ids.firstIndex(of: id) else { return false }
        setSelection(index)
        return true
    }

    /// Jumps to the newest row and follows it (`f` on the Requests screen).
    public mutating func follow() {
        guard followsNewest else { return }
        isFollowing = true
        unseenCount = 0
        if !ids.isEmpty { setSelection(0) }
    }

    private mutating func setSelection(_ index: Int) {
        guard !ids.isEmpty else { return }
        let target = min(max(0, index), ids.count - 1)
        selectedIndex = target
        if target < scrollOffset { scrollOffset = target }
        if target >= scrollOffset + viewportHeight { scrollOffset = target - viewportHeight + 1 }
        clampScroll()
        settleFollowing()
    }

    /// Keeps the scroll offset within the rows and the selection inside the viewport.
    private mutating func clampScroll() {
        let maxOffset = max(0, ids.count - viewportHeight)
        scrollOffset = min(max(0, scrollOffset), maxOffset)
        if let index = selectedIndex {
            if index < scrollOffset { scrollOffset = index }
            if index >= scrollOffset + viewportHeight { scrollOffset = index - viewportHeight + 1 }
        }
    }

    /// Following holds exactly while the newest row is selected.
    private mutating func settleFollowing() {
        guard followsNewest else { return }
        isFollowing = selectedIndex == 0
        if isFollowing { unseenCount = 0 }
    }

    /// How many rows of `newIDs` arrived in front of what was the newest row of `oldIDs`.
    private static func arrivals(in newIDs: [ID], before oldIDs: [ID]) -> Int {
        guard let oldNewest = oldIDs.first else { return newIDs.count }
        if let position = newIDs.firstIndex(of: oldNewest) { return position }
        let known = Set(oldIDs)
        return newIDs.filter { !known.contains($0) }.count
    }
}
