import Foundation
import GRDB
import RosterStore
import SCIM

extension SQLiteStore {
    public func createOrganization(name: String, plan: Plan, seatLimit: Int, phonePolicy: PhonePolicy) async throws -> Organization {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SCIMError.invalidValue("An organization needs a name") }
        guard seatLimit >= 0 else { throw SCIMError.invalidValue("The seat limit must be 0 or more, not \(seatLimit)") }
        let now = timestamp()
        let organization = Organization(
            id: ResourceID.make(at: now.date), name: trimmed, plan: plan, seatLimit: seatLimit, phonePolicy: phonePolicy,
            createdAt: now.date)
        try await pool.write { db in
            try mappingUniqueness(of: trimmed) {
                try db.execute(
                    sql: """
                        INSERT INTO organization (id, name, nameKey, plan, seatLimit, phonePolicy, createdAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        organization.id, trimmed, CaseFolding.key(trimmed), plan.rawValue, seatLimit, phonePolicy.rawValue,
                        now.text,
                    ])
            }
        }
        return organization
    }

    public func organizations() async throws -> [Organization] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(OrganizationRow.columns) FROM organization ORDER BY nameKey")
                .map { OrganizationRow.organization($0) }
        }
    }

    public func organization(id: String) async throws -> Organization? {
        try await pool.read { db in try OrganizationRow.fetch(db, id: id) }
    }

    public func updateOrganization(_ organization: Organization) async throws -> Organization {
        let name = organization.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw SCIMError.invalidValue("An organization needs a name") }
        guard organization.seatLimit >= 0 else {
            throw SCIMError.invalidValue("The seat limit must be 0 or more, not \(organization.seatLimit)")
        }
        return try await pool.write { db in
            try mappingUniqueness(of: name) {
                try db.execute(
                    sql: "UPDATE organization SET name = ?, nameKey = ?, plan = ?, seatLimit = ?, phonePolicy = ? WHERE id = ?",
                    arguments: [
                        name, CaseFolding.key(name), organization.plan.rawValue, organization.seatLimit,
                        organization.phonePolicy.rawValue, organization.id,
                    ])
            }
            return try OrganizationRow.require(db, id: organization.id)
        }
    }
}
