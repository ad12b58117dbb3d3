import GRDB
import RosterStore
import SCIM

extension SQLiteStore {
    /// The rows (``ResourceRow/columns(_:kind:)`` plus the sort key) of one page of members or teams,
    /// and how many match in all (RFC 7644 §3.4.2.4). `count` 0 reads only the total; an unknown
    /// organization has no rows.
    ///
    /// A page that continues where a recent one ended seeks (see ``CursorCache``); totals come
    /// from the organization's counters when unfiltered, from a first page that is not full, else
    /// from `count(*)` once per generation.
    func listRows(_ db: Database, kind: ResourceKind, organizationID: String, query: ListQuery) throws -> (total: Int, rows: [Row]) {
        let organization = try db.cachedStatement(
            sql: "SELECT rowid, \(kind == .user ? "memberCount" : "teamCount"), generation FROM organization WHERE id = ?")
        guard let counts = try Row.fetchOne(organization, arguments: [organizationID]) else { return (0, []) }
        let generation: Int64 = counts[2]

        let list = try ListSQL(kind: kind, organizationRowid: counts[0], query: query)
        let cacheQuery = CursorCache.Query(
            kind: kind, organizationID: organizationID, filter: query.filter, sortBy: query.sortBy?.description.lowercased(),
            descending: list.descending)

        let startIndex = max(query.startIndex, 1)
        let count = max(query.count, 0)
        var total: Int? = query.filter == nil ? counts[1] : cursors.total(cacheQuery, generation: generation)

        // A first page that holds fewer rows than asked for holds the whole result, and so counts
        // it: Okta's lookups (`userName eq "…"`, one row or none) cost one query instead of two.
        var firstPage: [Row]?
        if total == nil, startIndex == 1, count > 0 {
            let page = list.page(startIndex: 1, limit: count, after: nil)
            let rows = try Row.fetchAll(statement(db, page.sql), arguments: page.statementArguments)
            // (Not remembered: it is as cheap to count again, and a million one-off lookups would
            // push the totals of real paged listings out of the cache.)
            if rows.count < count { total = rows.count }
            firstPage = rows
        }
        let known: Int
        if let total {
            known = total
        } else {
            known = try Int.fetchOne(statement(db, list.count.sql), arguments: list.count.statementArguments) ?? 0
            cursors.remember(total: known, for: cacheQuery, generation: generation)
        }
        guard count > 0, startIndex <= known else { return (known, []) }

        let rows: [Row]
        if let firstPage {
            rows = firstPage
        } else {
            let cursor = list.sort.seekable && startIndex > 1
                ? cursors.cursor(cacheQuery, startIndex: startIndex, generation: generation) : nil
            let page = list.page(startIndex: startIndex, limit: count, after: cursor)
            rows = try Row.fetchAll(statement(db, page.sql), arguments: page.statementArguments)
        }
        if list.sort.seekable, rows.count == count, let last = rows.last {
            cursors.remember(
                CursorCache.Cursor(generation: generation, sortKey: last[ResourceRow.columnCount], rowid: last[0]), for: cacheQuery,
                startIndex: startIndex + rows.count)
        }
        return (known, rows)
    }

    /// A prepared statement, cached per connection when its text is of the short, recurring kind
    /// (`userName eq ?`); long one-off filters are not kept.
    func statement(_ db: Database, _ sql: String) throws -> Statement {
        sql.utf8.count <= 1_000 ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }
}
