import Foundation
import Logging
import PostgresNIO
import RosterStore
import SCIM

/// List requests (RFC 7644 §3.4.2): a filter, a sort and a page.
///
/// The lookups provisioning clients make on every write (`userName`, `externalId`, `id` or a
/// team's `displayName` `eq`, and `active eq`, joined by and/or/not) and the unfiltered list run
/// in SQL on the indexes, sorted by creation order or by `userName`'s key. Any other filter or
/// sort is checked and evaluated in memory over the organization's resources by ``ListFilter``,
/// with the SQLite store's semantics, so both stores return the same rows, order and totals;
/// that path reads the whole organization and is meant for the console's and an operator's
/// occasional searches, not for a client's hot path.
extension PostgresStore {
    /// One listed row: the rowid and the resource (without members or groups).
    struct ListedRow: Sendable {
        var rowid: Int64
        var resource: SCIMResource
    }

    public func members(organizationID: String, query: ListQuery) async throws -> ListPage {
        let logger = logger
        return try await read { db in
            let (total, rows) = try await self.listRows(db, kind: .user, organizationID: organizationID, query: query)
            let groups = try await Self.groups(db, memberRowids: rows.map(\.rowid), logger)
            var resources = rows.map(\.resource)
            for (index, row) in rows.enumerated() { resources[index].groups = groups[row.rowid, default: []] }
            return ListPage(totalResults: total, resources: resources)
        }
    }

    /// The rows of one page of members or teams and how many match in all (RFC 7644 §3.4.2.4).
    /// `count` 0 reads only the total; an unknown organization has no rows.
    func listRows(_ db: PostgresConnection, kind: ResourceKind, organizationID: String, query: ListQuery) async throws -> (
        total: Int, rows: [ListedRow]
    ) {
        let counter = kind == .user ? "memberCount" : "teamCount"
        guard let organization = try await db.row(
            PostgresQuery(unsafeSQL: "SELECT rowid, \(counter) FROM organization WHERE id = $1", binds: binds(organizationID)), logger)
        else { return (0, []) }
        let organizationRowid: Int64 = try organization.get(0)
        let listFilter = ListFilter(kind: kind)
        let filter = try query.filter.map { filter throws(SCIMError) in try listFilter.checked(filter) }
        let startIndex = max(query.startIndex, 1)
        let count = max(query.count, 0)
        let (alias, table) = ResourceRow.table(kind)

        if let sql = ListSQL(kind: kind, filter: filter, sortBy: query.sortBy, descending: query.descending) {
            var condition = sql.condition
            let organizationPlaceholder = condition.bind(organizationRowid)
            condition.sql = "\(alias).organizationRowid = \(organizationPlaceholder) AND (\(condition.sql))"
            let total: Int
            if filter == nil {
                total = Int(try organization.get(1, as: Int64.self))
            } else {
                let countQuery = PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table) AS \(alias) WHERE \(condition.sql)", binds: condition.binds)
                total = Int(try await db.row(countQuery, logger)?.get(0, as: Int64.self) ?? 0)
            }
            guard count > 0, startIndex <= total else { return (total, []) }
            var page = condition
            let limit = page.bind(Int64(count))
            let offset = page.bind(Int64(startIndex - 1))
            page.sql = "SELECT \(ResourceRow.columns(alias, kind: kind)) FROM \(table) AS \(alias) WHERE \(page.sql) "
                + "ORDER BY \(sql.order) LIMIT \(limit) OFFSET \(offset)"
            let rows = try await db.rows(PostgresQuery(unsafeSQL: page.sql, binds: page.binds), logger)
            return (total, try rows.map { ListedRow(rowid: try $0.get(0), resource: try ResourceRow.resource($0, kind: kind)) })
        }

        // In memory: every resource of the organization, with the memberships filters can name.
        let sortKey = try query.sortBy.map { path throws(SCIMError) in try listFilter.sortKey(path) }
        var all = try await db.rows(
            """
            SELECT \(unescaped: ResourceRow.columns(alias, kind: kind)) FROM \(unescaped: table) AS \(unescaped: alias)
            WHERE \(unescaped: alias).organizationRowid = \(organizationRowid) ORDER BY \(unescaped: alias).rowid
            """, logger
        ).map { ListedRow(rowid: try $0.get(0), resource: try ResourceRow.resource($0, kind: kind)) }
        if let filter {
            if kind == .user {
                let groups = try await Self.organizationGroups(db, organizationRowid: organizationRowid, logger)
                all = all.filter { row in
                    var resource = row.resource
                    resource.groups = groups[row.rowid, default: []]
                    return listFilter.matches(filter, resource)
                }
            } else {
                let members = try await Self.members(db, teamRowids: all.map(\.rowid), logger)
                all = all.filter { row in
                    var resource = row.resource
                    resource.members = members[row.rowid, default: []]
                    return listFilter.matches(filter, resource)
                }
            }
        }
        if let sortKey {
            // Missing values last in either direction; ties in creation order (reversed when descending).
            let descending = query.descending
            let keyed = all.map { (row: $0, key: sortKey($0.resource)) }
            all = keyed.sorted { a, b in
                switch (a.key, b.key) {
                case (nil, nil): return descending ? a.row.rowid > b.row.rowid : a.row.rowid < b.row.rowid
                case (nil, _): return false
                case (_, nil): return true
                case (let x?, let y?):
                    if x != y { return descending ? y < x : x < y }
                    return descending ? a.row.rowid > b.row.rowid : a.row.rowid < b.row.rowid
                }
            }.map(\.row)
        }
        let total = all.count
        guard count > 0, startIndex <= total else { return (total, []) }
        return (total, Array(all[(startIndex - 1)..<min(startIndex - 1 + count, total)]))
    }

    /// Every membership of the organization's members, by member rowid, in team creation order.
    static func organizationGroups(_ db: PostgresConnection, organizationRowid: Int64, _ logger: Logger) async throws -> [Int64: [GroupRef]] {
        var groups: [Int64: [GroupRef]] = [:]
        for row in try await db.rows(
            """
            SELECT tm.memberRowid, tt.id, tt.displayName FROM team AS tt JOIN teamMembership AS tm ON tm.teamRowid = tt.rowid
            WHERE tt.organizationRowid = \(organizationRowid) ORDER BY tm.memberRowid, tm.teamRowid
            """, logger)
        {
            groups[try row.get(0, as: Int64.self), default: []].append(GroupRef(value: try row.get(1), display: try row.get(2)))
        }
        return groups
    }
}

/// The SQL of the list requests that run on the indexes (see ``PostgresStore/listRows``), or
/// nil for any other: equality on `userName` and a team's `displayName` (through their folded
/// key columns), on `externalId` and `id` (exact), and `active eq`, joined by and/or/not;
/// creation order or `userName`.
struct ListSQL {
    /// The condition, its `$n` placeholders numbered from 1.
    var condition: SQLText
    var order: String

    init?(kind: ResourceKind, filter: Filter?, sortBy: AttributePath?, descending: Bool) {
        let alias = ResourceRow.table(kind).alias
        var condition = SQLText(sql: "", binds: PostgresBindings(), next: 1)
        if let filter {
            guard let sql = Self.translate(filter, kind: kind, alias: alias, into: &condition) else { return nil }
            condition.sql = sql
        } else {
            condition.sql = "TRUE"
        }
        switch sortBy {
        case nil:
            order = "\(alias).rowid"
        case let path? where kind == .user && path.subAttribute == nil && path.attribute.caseInsensitiveEquals("userName")
            && (path.schema == nil || path.schema!.caseInsensitiveEquals(kind.schema.id)):
            order = descending ? "m.userNameKey DESC, m.rowid DESC" : "m.userNameKey, m.rowid"
        default:
            return nil
        }
        self.condition = condition
    }

    private static func translate(_ filter: Filter, kind: ResourceKind, alias: String, into text: inout SQLText) -> String? {
        switch filter {
        case .and(let l, let r), .or(let l, let r):
            guard let left = translate(l, kind: kind, alias: alias, into: &text), let right = translate(r, kind: kind, alias: alias, into: &text)
            else { return nil }
            if case .and = filter { return "(\(left) AND \(right))" }
            return "(\(left) OR \(right))"
        case .not(let inner):
            return translate(inner, kind: kind, alias: alias, into: &text).map { "NOT (\($0))" }
        case .compare(let path, .eq, let value):
            guard path.subAttribute == nil, path.schema == nil || path.schema!.caseInsensitiveEquals(kind.schema.id) else { return nil }
            switch (path.attribute.lowercased(), value, kind) {
            case ("username", .string(let s), .user): return "\(alias).userNameKey = \(text.bind(CaseFolding.key(s)))"
            case ("displayname", .string(let s), .group): return "\(alias).displayNameKey = \(text.bind(CaseFolding.key(s)))"
            case ("externalid", .string(let s), _): return "\(alias).externalId IS NOT DISTINCT FROM \(text.bind(s))"
            case ("id", .string(let s), _): return "\(alias).id = \(text.bind(s))"
            case ("active", .bool(let b), .user): return "\(alias).active = \(text.bind(b))"
            default: return nil
            }
        default:
            return nil
        }
    }
}

/// SQL text and the values bound to its `$n` placeholders.
struct SQLText {
    var sql: String
    var binds: PostgresBindings
    /// The number of the next placeholder.
    var next: Int

    /// Binds `value` and returns its placeholder.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        binds.append(value)
        defer { next += 1 }
        return "$\(next)"
    }
}
