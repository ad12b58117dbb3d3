import Foundation
import GRDB
import RosterStore
import SCIM

extension SQLiteStore {
    public func createOrganization(
        name: String, plan: Plan, seatLimit: Int, phonePolicy: PhonePolicy, actor: ChangeActor
    ) async throws -> Organization {
        let trimmed = try OrganizationRules.name(name)
        let seatLimit = try OrganizationRules.seatLimit(seatLimit)
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
            try Self.appendAudit(AuditEntries.organizationCreated(organization, by: actor), db)
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

    public func updateOrganization(_ changed: Organization, actor: ChangeActor) async throws -> Organization {
        let organization = try OrganizationRules.validated(changed)
        let name = organization.name
        let now = timestamp()
        return try await pool.write { db in
            let (organizationRowid, before) = try OrganizationRow.requireWithRowid(db, id: organization.id)
            try mappingUniqueness(of: name) {
                try db.execute(
                    sql: "UPDATE organization SET name = ?, nameKey = ?, plan = ?, seatLimit = ?, phonePolicy = ? WHERE id = ?",
                    arguments: [
                        name, CaseFolding.key(name), organization.plan.rawValue, organization.seatLimit,
                        organization.phonePolicy.rawValue, organization.id,
                    ])
            }
            let after = try OrganizationRow.require(db, id: organization.id)
            guard after != before else { return after }
            let events = ChangeEvents(organizationID: after.id, actor: actor, time: now.date)
            try Self.record([events.organizationUpdated(before: before, after: after)], organizationRowid: organizationRowid, actor: actor, db)
            return after
        }
    }
}
