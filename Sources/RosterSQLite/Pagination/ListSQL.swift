import GRDB
import RosterStore
import SCIM

/// The SQL of a list request (RFC 7644 §3.4.2): the matching condition, the total, and a page.
///
/// Order is the sort key, then creation order (`rowid`), so pages are stable whatever `count`
/// is. A page that continues from a known row seeks with `(key, rowid) > (?, ?)`; any other
/// page skips rows with OFFSET.
struct ListSQL {
    let kind: ResourceKind
    /// The resource table's alias (`m` or `t`).
    let table: String
    let tableName: String
    let condition: SQLFragment
    let sort: FilterSQL.SortKey
    let descending: Bool

    /// - Throws: 400 for a filter or `sortBy` the schemas do not allow (see ``FilterSQL``).
    init(kind: ResourceKind, organizationRowid: Int64, query: ListQuery) throws(SCIMError) {
        self.kind = kind
        (table, tableName) = ResourceRow.table(kind)
        let translator = FilterSQL(kind: kind, organizationRowid: organizationRowid)
        var condition = SQLFragment.format("\(table).organizationRowid = %@", .value(organizationRowid))
        if let filter = query.filter { condition = .format("%@ AND %@", condition, try translator.condition(filter)) }
        self.condition = condition
        sort = try query.sortBy.map(translator.sortKey) ?? .creation(table)
        // Without sortBy there is nothing to reverse (RFC 7644 §3.4.2.3).
        descending = query.sortBy != nil && query.descending
    }

    /// How many rows match.
    var count: SQLFragment {
        .format("SELECT count(*) FROM \(tableName) AS \(table) WHERE %@", condition)
    }

    private var sortsByRowid: Bool { sort.expression.sql == "\(table).rowid" }

    /// ``ResourceRow/columns(_:kind:)`` and the sort key (the column after them) of `limit` rows from 1-based
    /// `startIndex`, or of the `limit` rows after `cursor` (which stands just before `startIndex`).
    func page(startIndex: Int, limit: Int, after cursor: CursorCache.Cursor?) -> SQLFragment {
        let direction = descending ? " DESC" : ""
        var page = SQLFragment.format(
            "SELECT \(ResourceRow.columns(table, kind: kind)), %@ AS sortKey FROM \(tableName) AS \(table) WHERE %@", sort.expression, condition)
        if let cursor {
            let comparison = descending ? "<" : ">"
            // Only plain columns are seekable, so the key's SQL has no arguments of its own.
            page = sortsByRowid
                ? .format("%@ AND \(table).rowid \(comparison) %@", page, .value(cursor.rowid))
                : .format(
                    "%@ AND (\(sort.expression.sql), \(table).rowid) \(comparison) (%@, %@)", page, SQLFragment("?", [cursor.sortKey]),
                    .value(cursor.rowid))
        }
        let nullsLast = sort.nullable ? "(sortKey IS NULL), " : ""
        let tieBreak = sortsByRowid ? "" : ", \(table).rowid\(direction)"
        page = .format("%@ ORDER BY \(nullsLast)sortKey\(direction)\(tieBreak) LIMIT %@", page, .value(limit))
        if cursor == nil, startIndex > 1 { page = .format("%@ OFFSET %@", page, .value(startIndex - 1)) }
        return page
    }
}
