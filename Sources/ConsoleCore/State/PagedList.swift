/// The cursor and loaded window of a list too long to hold (1,000,000 members): the position is absolute, only the
/// page around the viewport is in memory, and moving past its edge asks for the next page instead of loading all.
///
/// The list never loads by itself: `requestWindow()` says which rows to fetch (SCIM `startIndex`/`count`), the
/// reducer turns that into an effect, and `apply` puts the answer in. Rows that are not loaded yet are drawn as
/// placeholders, so scrolling stays instant while the page is on its way. When a page is replaced (a refresh, rows
/// inserted above), the selected row is found again by id and kept on its screen line (htop's rebuild).
public struct PagedList<Row: Hashable & Sendable>: Hashable, Sendable {
    /// A loaded row and the id that identifies it across reloads.
    public struct Item: Hashable, Sendable {
        public var id: String
        public var row: Row

        public init(id: String, row: Row) {
            self.id = id
            self.row = row
        }
    }

    /// The fewest rows one load asks for; a page is at least three viewports, so a page-down rarely waits.
    public static var minimumPageSize: Int { 100 }

    /// How many rows the list has, once the first page told; nil before.
    public private(set) var total: Int?
    /// Absolute index of `items[0]`.
    public private(set) var loadedStart: Int
    public private(set) var items: [Item]
    /// Absolute index of the selected row (0 when the list is empty).
    public private(set) var selectedIndex: Int
    /// Absolute index of the first visible row.
    public private(set) var scrollOffset: Int
    public private(set) var viewportHeight: Int
    /// The window asked for and not answered yet.
    public private(set) var pending: Range<Int>?

    public init(viewportHeight: Int) {
        total = nil
        loadedStart = 0
        items = []
        selectedIndex = 0
        scrollOffset = 0
        self.viewportHeight = max(1, viewportHeight)
        pending = nil
    }

    /// Whether a first page arrived.
    public var isLoaded: Bool { total != nil }

    /// Rows in the list (0 before the first page).
    public var count: Int { total ?? 0 }

    /// Absolute indices of the loaded rows.
    public var loadedRange: Range<Int> { loadedStart..<(loadedStart + items.count) }

    /// Absolute indices of the rows on screen.
    public var visibleRange: Range<Int> { scrollOffset..<max(scrollOffset, min(count, scrollOffset + viewportHeight)) }

    /// The row at absolute `index`, when it is loaded.
    public func item(at index: Int) -> Item? {
        loadedRange.contains(index) ? items[index - loadedStart] : nil
    }

    /// The selected row, when the list has rows and it is loaded.
    public var selectedItem: Item? {
        count > 0 ? item(at: selectedIndex) : nil
    }

    // MARK: Moving

    public mutating func move(by delta: Int) { select(selectedIndex + delta) }
    public mutating func moveToFirst() { select(0) }
    public mutating func moveToLast() { select(count - 1) }
    public mutating func pageDown() { move(by: viewportHeight) }
    public mutating func pageUp() { move(by: -viewportHeight) }
    public mutating func halfPageDown() { move(by: max(1, viewportHeight / 2)) }
    public mutating func halfPageUp() { move(by: -max(1, viewportHeight / 2)) }

    /// Selects absolute `index` (clamped), scrolling just enough to show it.
    public mutating func select(_ index: Int) {
        guard count > 0 else { return }
        selectedIndex = min(max(0, index), count - 1)
        clamp()
    }

    /// Selects the loaded row with `id`; false when no loaded row has it.
    @discardableResult
    public mutating func select(id: String) -> Bool {
        guard let offset = items.firstIndex(where: { $0.id == id }) else { return false }
        select(loadedStart + offset)
        return true
    }

    /// A new viewport height (terminal resize), keeping the selection visible.
    public mutating func resize(viewportHeight: Int) {
        self.viewportHeight = max(1, viewportHeight)
        clamp()
    }

    // MARK: Loading

    /// The rows to load so that the viewport is covered, recorded as pending; nil when they are loaded or
    /// already asked for.
    public mutating func requestWindow() -> Range<Int>? {
        if total == nil {
            if pending != nil { return nil }
        } else {
            let visible = visibleRange
            func covers(_ range: Range<Int>) -> Bool {
                range.contains(visible.lowerBound) && range.contains(visible.upperBound - 1)
            }
            if visible.isEmpty || covers(loadedRange) || pending.map(covers) == true { return nil }
        }
        let window = pageWindow
        pending = window
        return window
    }

    /// The page around the viewport, to reload what is shown (after a write, or periodically); nil while a load
    /// is on its way.
    public mutating func refreshWindow() -> Range<Int>? {
        guard pending == nil else { return nil }
        let window = pageWindow
        pending = window
        return window
    }

    /// Puts a loaded page in: rows from absolute `start`, and the list's new `total`. The selected row keeps its
    /// screen line when the page still holds it, wherever it moved.
    public mutating func apply(start: Int, items newItems: [Item], total newTotal: Int) {
        let previousID = selectedItem?.id
        let line = selectedIndex - scrollOffset
        total = max(0, newTotal)
        loadedStart = start
        items = newItems
        if pending?.lowerBound == start { pending = nil }
        if let previousID, let found = newItems.firstIndex(where: { $0.id == previousID }) {
            selectedIndex = start + found
            scrollOffset = selectedIndex - line
        }
        clamp()
    }

    /// Forgets a failed load, so the next demand asks again.
    public mutating func loadFailed() {
        pending = nil
    }

    /// Forgets everything (a new filter, sort or organization): the next demand loads the first page.
    public mutating func reset() {
        self = PagedList(viewportHeight: viewportHeight)
    }

    private var pageWindow: Range<Int> {
        let size = max(Self.minimumPageSize, viewportHeight * 3)
        let start = max(0, scrollOffset - viewportHeight)
        return start..<(start + size)
    }

    private mutating func clamp() {
        selectedIndex = min(max(0, selectedIndex), max(0, count - 1))
        let maxOffset = max(0, count - viewportHeight)
        scrollOffset = min(max(0, scrollOffset), maxOffset)
        if selectedIndex < scrollOffset { scrollOffset = selectedIndex }
        if selectedIndex >= scrollOffset + viewportHeight { scrollOffset = selectedIndex - viewportHeight + 1 }
    }
}
