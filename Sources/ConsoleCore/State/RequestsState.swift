import RosterStore

/// The live request log: a bounded buffer of the newest entries, the filtered view of it, and a selection that
/// follows the newest row only while it is on it (`FOLLOWING`, or `PAUSED +N new` once the operator moved).
///
/// `p` pauses: entries that arrive meanwhile are held back and counted, so the rows do not move at all, and are
/// merged when the operator resumes.
public struct RequestsState: Hashable, Sendable {
    /// The most entries kept; older ones are dropped from memory (the store still has them).
    public static let capacity = 2000
    /// Entries asked for per load.
    public static let pageSize = 200

    /// Every loaded entry of the organization (and the unattributable ones, such as bad keys), newest first.
    public internal(set) var entries: [RequestLogEntry]
    /// `entries` that pass the errors-only switch and the filter, in the same order.
    public internal(set) var visible: [RequestLogEntry]
    public internal(set) var selection: SelectionModel<Int64>
    public internal(set) var filterText: String
    public internal(set) var filter: RequestFilter
    public internal(set) var errorsOnly: Bool
    public internal(set) var paused: Bool
    /// Entries that arrived while paused, newest first.
    public internal(set) var held: [RequestLogEntry]
    /// Whether the first load answered.
    public internal(set) var isLoaded: Bool
    /// The load on its way, if any.
    public internal(set) var pendingLoad: RequestLogQuery?
    /// Whether paging back found no older entries.
    public internal(set) var reachedOldest: Bool

    public init(viewportHeight: Int = 1) {
        entries = []
        visible = []
        selection = SelectionModel(viewportHeight: viewportHeight, followsNewest: true)
        filterText = ""
        filter = RequestFilter()
        errorsOnly = false
        paused = false
        held = []
        isLoaded = false
        pendingLoad = nil
        reachedOldest = false
    }

    /// The selected entry.
    public var selectedEntry: RequestLogEntry? {
        selection.selectedIndex.map { visible[$0] }
    }

    /// Rows that arrived and are not on screen yet: above the selection, or held back by the pause.
    public var unseenCount: Int {
        selection.unseenCount + held.count
    }

    /// Whether `entry` passes errors-only and the filter.
    func shows(_ entry: RequestLogEntry) -> Bool {
        (!errorsOnly || entry.status >= 400) && filter.matches(entry)
    }

    /// Adds entries (new arrivals or an older page), newest first, without duplicates, within `capacity`.
    mutating func merge(_ newEntries: [RequestLogEntry]) {
        guard !newEntries.isEmpty else { return }
        var byID: [Int64: RequestLogEntry] = [:]
        for entry in entries { byID[entry.id] = entry }
        for entry in newEntries { byID[entry.id] = entry }
        entries = byID.values.sorted { $0.id > $1.id }
        if entries.count > Self.capacity {
            entries.removeLast(entries.count - Self.capacity)
            reachedOldest = false
        }
        visible = entries.filter(shows)
        selection.replaceRows(visible.map(\.id))
    }

    /// Recomputes `visible` after errors-only or the filter changed: the selection stays on the same entry when it
    /// is still shown, and follows the newest otherwise.
    mutating func refilter() {
        let previous = selection.selectedID
        let wasFollowing = selection.isFollowing
        visible = entries.filter(shows)
        selection = SelectionModel(viewportHeight: selection.viewportHeight, followsNewest: true)
        selection.replaceRows(visible.map(\.id))
        if !wasFollowing, let previous { selection.select(id: previous) }
    }

    /// Empties the buffer (`c`); the store keeps the log.
    mutating func clear() {
        entries = []
        held = []
        visible = []
        selection = SelectionModel(viewportHeight: selection.viewportHeight, followsNewest: true)
        reachedOldest = false
    }
}
