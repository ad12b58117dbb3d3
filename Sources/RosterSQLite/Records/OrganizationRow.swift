import GRDB
import RosterStore
import SCIM

/// Reading and writing `organization` rows.
enum OrganizationRow {
    static let columns = columns(nil)

    /// The columns ``organization(_:offset:)`` reads, qualified by `alias` when given.
    static func columns(_ alias: String?) -> String {
        ["id", "name", "plan", "seatLimit", "phonePolicy", "activeMembers", "createdAt"]
            .map { column in (alias.map { "\($0)." } ?? "") + column }.joined(separator: ", ")
    }

    /// An organization from a row selected with ``columns`` (starting at `offset`).
    static func organization(_ row: Row, offset: Int = 0) -> Organization {
        Organization(
            id: row[offset], name: row[offset + 1], plan: Plan(rawValue: row[offset + 2]), seatLimit: row[offset + 3],
            phonePolicy: PhonePolicy(rawValue: row[offset + 4]) ?? .strict, activeMembers: row[offset + 5],
            createdAt: StoredTime.date(row[offset + 6] as String))
    }

    static func fetch(_ db: Database, id: String) throws -> Organization? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM organization WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map { organization($0) }
    }

    /// The organization, or 404 naming it.
    static func require(_ db: Database, id: String) throws -> Organization {
        try requireWithRowid(db, id: id).organization
    }

    /// The organization and the rowid its members and teams refer to it by, or 404 naming it.
    static func requireWithRowid(_ db: Database, id: String) throws -> (rowid: Int64, organization: Organization) {
        let statement = try db.cachedStatement(sql: "SELECT \(columns), rowid FROM organization WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else {
            throw SCIMError.notFound("Organization \(id) not found")
        }
        return (row[7], organization(row))
    }

    /// The rowid members and teams refer to the organization by.
    static func rowid(_ db: Database, id: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM organization WHERE id = ?"), arguments: [id])
    }
}
