import Foundation
import GRDB
import RosterStore
import SCIM

/// Bulk loading of generated members and teams, for benchmarks and demos at scale (1,000,000
/// members, a 100,000-member team). Rows get exactly the columns a SCIM create gives them
/// (``MemberRecord``), written in batched transactions with prepared statements.
extension SQLiteStore {
    /// Inserts `count` members numbered `startIndex…`: member `n` has userName
    /// ``seedUserName(_:)`` (`user0000123@example.com`), externalId `seed0000123`, a name,
    /// a display name, one work email, and is active.
    ///
    /// Each batch of `batchSize` members is one transaction; a failure leaves earlier batches in place.
    /// - Throws: 404 for an unknown organization; 403 if the members would pass its seat limit;
    ///   409 if a generated userName is taken (seeding the same numbers twice).
    public func seedMembers(organizationID: String, count: Int, startIndex: Int = 1, batchSize: Int = 10_000) async throws {
        guard count > 0 else { return }
        let (organizationRowid, organization) = try await pool.read { db in try OrganizationRow.requireWithRowid(db, id: organizationID) }
        guard organization.activeMembers + count <= organization.seatLimit else {
            throw SCIMError.forbidden(
                "Seeding \(count) active members would pass the seat limit (\(organization.activeMembers) of "
                    + "\(organization.seatLimit) seats in use): raise the plan's seat limit first")
        }
        var next = startIndex
        let end = startIndex + count
        while next < end {
            let batch = next..<min(next + max(batchSize, 1), end)
            let now = timestamp().text
            try await pool.write { db in
                for n in batch {
                    let columns = try MemberRecord(Self.seedAttributes(n))
                    try mappingUniqueness(of: columns.userName) {
                        _ = try Self.insertMember(
                            db, id: ResourceID.make(), organizationRowid: organizationRowid, columns,
                            via: .console(operator: "seed"), now: now)
                    }
                }
            }
            next = batch.upperBound
        }
    }

    /// Creates a team holding the organization's first `memberCount` members (in creation order),
    /// in one transaction, each membership's display being the member's userName as Okta sends it.
    /// Returns the team without its members.
    public func seedTeam(organizationID: String, displayName: String, memberCount: Int) async throws -> SCIMResource {
        let attributes = JSONObject([("displayName", .string(displayName))])
        let columns = try TeamRecord(attributes)
        let now = timestamp()
        let id = ResourceID.make(at: now.date)
        return try await pool.write { db in
            let (organizationRowid, _) = try OrganizationRow.requireWithRowid(db, id: organizationID)
            let rowid = try mappingUniqueness(of: displayName) {
                try Self.insertTeam(
                    db, id: id, organizationRowid: organizationRowid, columns, via: .console(operator: "seed"), now: now.text)
            }
            try db.execute(
                sql: """
                    INSERT INTO teamMembership (teamRowid, memberRowid, addedAt, display)
                    SELECT ?, rowid, ?, userName FROM member WHERE organizationRowid = ? ORDER BY rowid LIMIT ?
                    """,
                arguments: [rowid, now.text, organizationRowid, max(memberCount, 0)])
            return SCIMResource(
                kind: .group, id: id, attributes: attributes, meta: ResourceMeta(created: now.date, lastModified: now.date, version: 1),
                createdVia: .console)
        }
    }

    /// The userName of seeded member `n`: `user0000123@example.com`.
    public static func seedUserName(_ n: Int) -> String {
        "user\(seedNumber(n))@example.com"
    }

    static func seedAttributes(_ n: Int) -> JSONObject {
        let number = seedNumber(n)
        let userName = seedUserName(n)
        return JSONObject([
            ("userName", .string(userName)),
            ("externalId", .string("seed\(number)")),
            ("name", ["givenName": "User", "familyName": .string(number)]),
            ("displayName", .string("User \(number)")),
            ("emails", [["value": .string(userName), "type": "work", "primary": true]]),
            ("active", true),
        ])
    }

    private static func seedNumber(_ n: Int) -> String {
        let digits = String(n)
        return digits.count >= 7 ? digits : String(repeating: "0", count: 7 - digits.count) + digits
    }
}
