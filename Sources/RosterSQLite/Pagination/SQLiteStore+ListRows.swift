import GRDB
import RosterStore
import SCIM

extension SQLiteStore {
    /// The rows (``ResourceRow/columns(_:kind:)`` plus the sort key) of one page of members or teams,
    /// and how many match in all (RFC 7644 §3.4.2.4). `count` 0 reads only the total; an unknown
    /// organization has no rows.
    ///
    /// A page that continues where a recent one ended seeks (see ``CursorCache``); totals come
    /// from the organization's counters when unfiltered, else from `count(*)` once per generation.
    func listRows(_ db: Database, kind: ResourceKind, organizationID: String, query: ListQuery) throws -> (total: Int, rows: [Row]) {
        let organization = try db.cachedStatement(
            sql: "SELECT rowid, \(kind == .user ? "memberCount" : "teamCount"), generation FROM organization WHERE id = ?")
        guard let counts = try Row.fetchOne(organization, arguments: [organizationID]) else { return (0, []) }
        let generation: Int64 = counts[2]

        let list = try ListSQL(kind: kind, organizationRowid: counts[0], query: query)
        let cacheQuery = CursorCache.Query(
            kind: kind, organizationID: organizationID, filter: query.filter, sortBy: query.sortBy?.description.lowercased(),
            descending: list.descending)

        let total: Int
        if query.filter == nil {
            total = counts[1]
        } else if let cached = cursors.total(cacheQuery, generation: generation) {
            total = cached
        } else {
            total = try Int.fetchOne(statement(db, list.count.sql), arguments: list.count.statementArguments) ?? 0
            cursors.remember(total: total, for: cacheQuery, generation: generation)
        }
        let startIndex = max(query.startIndex, 1)
        let count = max(query.count, 0)
        guard count > 0, startIndex <= total else { return (total, []) }

        let cursor = list.sort.seekable && startIndex > 1 ? cursors.cursor(cacheQuery, startIndex: startIndex, generation: generation) : nil
        let page = list.page(startIndex: startIndex, limit: count, after: cursor)
        let rows = try Row.fetchAll(statement(db, page.sql), arguments: page.statementArguments)
        if list.sort.seekable, rows.count == count, let last = rows.last {
            cursors.remember(
                CursorCache.Cursor(generation: generation, sortKey: last[ResourceRow.columnCount], rowid: last[0]), for: cacheQuery,
                startIndex: startIndex + rows.count)
        }
        return (total, rows)
    }

    /// A prepared statement, cached per connection when its text is of the short, recurring kind
    /// (`userName eq ?`); long one-off filters are not kept.
    func statement(_ db: Database, _ sql: String) throws -> Statement {
        sql.utf8.count <= 1_000 ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }
}
