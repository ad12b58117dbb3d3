import Foundation
import RosterStore
import SCIM

/// The Members or Teams screen: a paged list with the filter and sort that produced it.
public struct ResourceListState: Hashable, Sendable {
    public let kind: ResourceKind
    public internal(set) var list: PagedList<SCIMResource>
    /// The filter as the operator typed it, shown in the title and offered again by `/`; empty for none.
    public internal(set) var filterText: String
    public internal(set) var filter: Filter?
    public internal(set) var sort: ListSort
    /// When a page last arrived, for the periodic refresh.
    public internal(set) var lastLoaded: Date?

    public init(kind: ResourceKind, viewportHeight: Int = 1) {
        self.kind = kind
        list = PagedList(viewportHeight: viewportHeight)
        filterText = ""
        filter = nil
        sort = kind == .user ? .members : .teams
        lastLoaded = nil
    }

    /// The SCIM list request for the absolute rows `window`.
    public func query(for window: Range<Int>) -> ListQuery {
        ListQuery(
            filter: filter, sortBy: sort.field, descending: sort.descending, startIndex: window.lowerBound + 1,
            count: window.count, includeMembers: false)
    }

    /// Whether a page loaded for `query` belongs to the current filter and sort (an older answer does not).
    public func accepts(_ query: ListQuery) -> Bool {
        query.filter == filter && query.sortBy == sort.field && query.descending == sort.descending
    }

    /// Puts a loaded page in.
    mutating func apply(_ page: ListPage, for query: ListQuery, now: Date) {
        let items = page.resources.map { PagedList<SCIMResource>.Item(id: $0.id, row: $0) }
        list.apply(start: query.startIndex - 1, items: items, total: page.totalResults)
        lastLoaded = now
    }
}
