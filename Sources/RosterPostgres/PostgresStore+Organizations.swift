import Foundation
import PostgresNIO
import RosterStore
import SCIM

extension PostgresStore {
    public func createOrganization(
        name: String, plan: Plan, seatLimit: Int, phonePolicy: PhonePolicy, actor: ChangeActor
    ) async throws -> Organization {
        let trimmed = try OrganizationRules.name(name)
        let seatLimit = try OrganizationRules.seatLimit(seatLimit)
        let now = timestamp()
        let organization = Organization(
            id: ResourceID.make(at: now.date), name: trimmed, plan: plan, seatLimit: seatLimit, phonePolicy: phonePolicy,
            createdAt: now.date)
        let logger = logger
        try await write(events: false) { db in
            try await mappingUniqueness(of: trimmed) {
                try await db.run(
                    """
                    INSERT INTO organization (id, name, nameKey, plan, seatLimit, phonePolicy, createdAt)
                    VALUES (\(organization.id), \(trimmed), \(CaseFolding.key(trimmed)), \(plan.rawValue), \(Int64(seatLimit)),
                        \(phonePolicy.rawValue), \(now.text))
                    """, logger)
            }
            try await Self.appendAudit(AuditEntries.organizationCreated(organization, by: actor), db, logger)
        }
        return organization
    }

    public func organizations() async throws -> [Organization] {
        let logger = logger
        return try await read { db in
            try await db.rows(PostgresQuery(unsafeSQL: "SELECT \(OrganizationRow.columns) FROM organization ORDER BY nameKey"), logger)
                .map(OrganizationRow.organization)
        }
    }

    public func organization(id: String) async throws -> Organization? {
        let logger = logger
        return try await read { db in try await OrganizationRow.fetch(db, id: id, logger) }
    }

    public func updateOrganization(_ changed: Organization, actor: ChangeActor) async throws -> Organization {
        let organization = try OrganizationRules.validated(changed)
        let name = organization.name
        let now = timestamp()
        let logger = logger
        return try await write { db in
            let (organizationRowid, before) = try await OrganizationRow.lock(db, id: organization.id, logger)
            try await mappingUniqueness(of: name) {
                try await db.run(
                    """
                    UPDATE organization SET name = \(name), nameKey = \(CaseFolding.key(name)), plan = \(organization.plan.rawValue),
                        seatLimit = \(Int64(organization.seatLimit)), phonePolicy = \(organization.phonePolicy.rawValue)
                    WHERE rowid = \(organizationRowid)
                    """, logger)
            }
            let after = try await OrganizationRow.lock(db, id: organization.id, logger).organization
            guard after != before else { return after }
            let events = ChangeEvents(organizationID: after.id, actor: actor, time: now.date)
            try await Self.record([events.organizationUpdated(before: before, after: after)], organizationRowid: organizationRowid,
                actor: actor, db, logger)
            return after
        }
    }
}

/// Reading and locking `organization` rows.
enum OrganizationRow {
    static let columns = "id, name, plan, seatLimit, phonePolicy, activeMembers, createdAt"

    static func organization(_ row: PostgresRandomAccessRow) throws -> Organization {
        Organization(
            id: try row.get(0), name: try row.get(1), plan: Plan(rawValue: try row.get(2)), seatLimit: Int(try row.get(3, as: Int64.self)),
            phonePolicy: PhonePolicy(rawValue: try row.get(4)) ?? .strict, activeMembers: Int(try row.get(5, as: Int64.self)),
            createdAt: StoredTime.date(try row.get(6, as: String.self)))
    }

    static func fetch(_ db: PostgresConnection, id: String, _ logger: Logger) async throws -> Organization? {
        try await db.row(PostgresQuery(unsafeSQL: "SELECT \(columns) FROM organization WHERE id = $1", binds: binds(id)), logger)
            .map(organization)
    }

    /// Locks the organization's row for the rest of the transaction and returns its rowid and
    /// state, or 404. Every write to the organization's members, teams, memberships and feed
    /// takes this lock first: it serialises them across servers (see ``PostgresStore``).
    static func lock(_ db: PostgresConnection, id: String, _ logger: Logger) async throws -> (rowid: Int64, organization: Organization) {
        guard let row = try await db.row(
            PostgresQuery(unsafeSQL: "SELECT \(columns), rowid FROM organization WHERE id = $1 FOR UPDATE", binds: binds(id)), logger)
        else {
            throw SCIMError.notFound("Organization \(id) not found")
        }
        return (try row.get(7), try organization(row))
    }

    /// The rowid members and teams refer to the organization by.
    static func rowid(_ db: PostgresConnection, id: String, _ logger: Logger) async throws -> Int64? {
        try await db.row("SELECT rowid FROM organization WHERE id = \(id)", logger)?.get(0)
    }
}

/// Bindings of text values, for statements whose SQL is assembled from the store's own pieces.
func binds(_ values: String...) -> PostgresBindings {
    var bindings = PostgresBindings()
    for value in values { bindings.append(value) }
    return bindings
}
