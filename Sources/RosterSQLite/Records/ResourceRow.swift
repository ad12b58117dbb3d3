import GRDB
import SCIM

/// Turning `member` and `team` rows into ``SCIMResource``s. Rows are read by position: these are
/// the hot paths (GET by id, list pages), where named lookups and Codable cost several times more.
enum ResourceRow {
    /// The alias and table name of a resource kind's rows: `m`/`member` or `t`/`team`.
    static func table(_ kind: ResourceKind) -> (alias: String, name: String) {
        kind == .user ? ("m", "member") : ("t", "team")
    }

    /// The rowid and resource (without members or groups) of the organization's member or team
    /// `id`, or nil: one cached statement by the unique id, checked against the organization.
    static func fetch(_ db: Database, kind: ResourceKind, organizationRowid: Int64, id: String) throws -> (Int64, SCIMResource)? {
        let statement = try db.cachedStatement(sql: kind == .user ? memberByRowidSQL : teamByRowidSQL)
        guard let row = try Row.fetchOne(statement, arguments: [id, organizationRowid]) else { return nil }
        return (row[0], try resource(row, kind: kind))
    }

    /// The same by the organization's public id, joined in the one statement: a GET by id then
    /// costs one lookup rather than two.
    static func fetch(_ db: Database, kind: ResourceKind, organizationID: String, id: String) throws -> (Int64, SCIMResource)? {
        let statement = try db.cachedStatement(sql: kind == .user ? memberByOrganizationSQL : teamByOrganizationSQL)
        guard let row = try Row.fetchOne(statement, arguments: [id, organizationID]) else { return nil }
        return (row[0], try resource(row, kind: kind))
    }

    /// A member (without groups) as stored, from a row selected with ``columns(_:kind:)``.
    static func storedMember(_ row: Row) -> StoredMember {
        StoredMember(id: row[1], attributesJSON: row[2], created: row[3], lastModified: row[4], version: row[5], groups: [])
    }

    private static let memberByRowidSQL = byRowidSQL(.user)
    private static let teamByRowidSQL = byRowidSQL(.group)
    private static let memberByOrganizationSQL = byOrganizationSQL(.user)
    private static let teamByOrganizationSQL = byOrganizationSQL(.group)

    private static func byRowidSQL(_ kind: ResourceKind) -> String {
        let (alias, name) = table(kind)
        return "SELECT \(columns(alias, kind: kind)) FROM \(name) AS \(alias) WHERE \(alias).id = ? AND \(alias).organizationRowid = ?"
    }

    private static func byOrganizationSQL(_ kind: ResourceKind) -> String {
        let (alias, name) = table(kind)
        return "SELECT \(columns(alias, kind: kind)) FROM \(name) AS \(alias) JOIN organization AS o ON o.rowid = \(alias).organizationRowid "
            + "WHERE \(alias).id = ? AND o.id = ?"
    }

    /// The columns ``resource(_:kind:)`` reads, for a table aliased `alias`.
    /// Column 6 is a team's member count (NULL for members), column 7 who created the row.
    static func columns(_ alias: String, kind: ResourceKind) -> String {
        let memberCount = kind == .group ? "\(alias).memberCount" : "NULL"
        return "\(alias).rowid, \(alias).id, \(alias).attributes, \(alias).createdAt, \(alias).lastModified, \(alias).version, "
            + "\(memberCount), \(alias).createdVia"
    }

    /// How many columns ``columns(_:kind:)`` selects: a query's own columns come after them.
    static let columnCount = 8

    /// A member or team (without members or groups) from a row selected with ``columns(_:kind:)``.
    static func resource(_ row: Row, kind: ResourceKind) throws -> SCIMResource {
        let id: String = row[1]
        return SCIMResource(
            kind: kind, id: id, attributes: try attributes(row[2], of: id),
            meta: ResourceMeta(
                created: StoredTime.date(row[3] as String), lastModified: StoredTime.date(row[4] as String),
                version: row[5]),
            memberCount: row[6], createdVia: ResourceOrigin(rawValue: row[7] as String))
    }

    static func attributes(_ json: String, of id: String) throws -> JSONObject {
        guard let object = (try? JSONParser.parse(json))?.objectValue else {
            throw SCIMError(status: 500, detail: "The stored attributes of resource \(id) are not a JSON object; run an integrity check")
        }
        return object
    }
}
