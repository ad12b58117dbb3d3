import Foundation
import Logging
import PostgresNIO
import SCIM

/// Turning `member` and `team` rows into ``SCIMResource``s, read by column position.
enum ResourceRow {
    /// The alias and table name of a resource kind's rows: `m`/`member` or `t`/`team`.
    static func table(_ kind: ResourceKind) -> (alias: String, name: String) {
        kind == .user ? ("m", "member") : ("t", "team")
    }

    /// The columns ``resource(_:kind:)`` reads, for a table aliased `alias`.
    /// Column 6 is a team's member count (NULL for members), column 7 who created the row.
    static func columns(_ alias: String, kind: ResourceKind) -> String {
        let memberCount = kind == .group ? "\(alias).memberCount" : "NULL::bigint"
        return "\(alias).rowid, \(alias).id, \(alias).attributes, \(alias).createdAt, \(alias).lastModified, \(alias).version, "
            + "\(memberCount), \(alias).createdVia"
    }

    /// The rowid and resource (without members or groups) of the organization's member or team
    /// `id`, or nil; `lock` locks the row for the rest of the transaction.
    static func fetch(
        _ db: PostgresConnection, kind: ResourceKind, organizationRowid: Int64, id: String, lock: Bool = false, _ logger: Logger
    ) async throws -> (Int64, SCIMResource)? {
        let (alias, name) = table(kind)
        var bindings = PostgresBindings()
        bindings.append(id)
        bindings.append(organizationRowid)
        let sql = "SELECT \(columns(alias, kind: kind)) FROM \(name) AS \(alias) WHERE \(alias).id = $1 AND \(alias).organizationRowid = $2"
            + (lock ? " FOR UPDATE" : "")
        guard let row = try await db.row(PostgresQuery(unsafeSQL: sql, binds: bindings), logger) else { return nil }
        return (try row.get(0), try resource(row, kind: kind))
    }

    /// The same by the organization's public id, joined in the one statement.
    static func fetch(
        _ db: PostgresConnection, kind: ResourceKind, organizationID: String, id: String, _ logger: Logger
    ) async throws -> (Int64, SCIMResource)? {
        let (alias, name) = table(kind)
        let sql = "SELECT \(columns(alias, kind: kind)) FROM \(name) AS \(alias) JOIN organization AS o ON o.rowid = \(alias).organizationRowid "
            + "WHERE \(alias).id = $1 AND o.id = $2"
        guard let row = try await db.row(PostgresQuery(unsafeSQL: sql, binds: binds(id, organizationID)), logger) else { return nil }
        return (try row.get(0), try resource(row, kind: kind))
    }

    /// A member or team (without members or groups) from a row selected with ``columns(_:kind:)``.
    static func resource(_ row: PostgresRandomAccessRow, kind: ResourceKind) throws -> SCIMResource {
        let id: String = try row.get(1)
        return SCIMResource(
            kind: kind, id: id, attributes: try attributes(try row.get(2), of: id),
            meta: ResourceMeta(
                created: StoredTime.date(try row.get(3, as: String.self)), lastModified: StoredTime.date(try row.get(4, as: String.self)),
                version: Int(try row.get(5, as: Int64.self))),
            memberCount: try row.get(6, as: Int64?.self).map(Int.init), createdVia: ResourceOrigin(rawValue: try row.get(7, as: String.self)))
    }

    static func attributes(_ json: String, of id: String) throws -> JSONObject {
        guard let object = (try? JSONParser.parse(json))?.objectValue else {
            throw SCIMError(status: 500, detail: "The stored attributes of resource \(id) are not a JSON object")
        }
        return object
    }
}
