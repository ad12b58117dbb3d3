import Foundation
import Logging
import PostgresNIO
import RosterStore
import SCIM

extension PostgresStore {
    public func createMember(organizationID: String, attributes: JSONObject, actor: ChangeActor) async throws -> SCIMResource {
        let write = try MemberRules.create(attributes)
        let now = timestamp()
        let id = ResourceID.make(at: now.date)
        let logger = logger
        return try await self.write { db in
            // The lock makes the seat check exact across servers: no other write of this
            // organization can change its active count until this one commits.
            let (organizationRowid, organization) = try await OrganizationRow.lock(db, id: organizationID, logger)
            if write.takesSeat { try SeatLimit.requireFreeSeat(active: organization.activeMembers, limit: organization.seatLimit) }
            try await mappingUniqueness(of: write.record.userName) {
                _ = try await Self.insertMember(db, id: id, organizationRowid: organizationRowid, write.record, via: actor, now: now.text, logger)
            }
            let member = SCIMResource(
                kind: .user, id: id, attributes: attributes,
                meta: ResourceMeta(created: now.date, lastModified: now.date, version: 1), groups: [],
                createdVia: actor.origin)
            let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
            try await Self.record([events.member(write, after: member)], organizationRowid: organizationRowid, actor: actor, db, logger)
            return member
        }
    }

    public func member(organizationID: String, id: String) async throws -> SCIMResource? {
        let logger = logger
        return try await read { db in
            guard case (let rowid, var member)? = try await ResourceRow.fetch(db, kind: .user, organizationID: organizationID, id: id, logger)
            else { return nil }
            member.groups = try await Self.groups(db, memberRowids: [rowid], logger)[rowid, default: []]
            return member
        }
    }

    public func replaceMember(
        organizationID: String, id: String, attributes: JSONObject, expectedVersion: Int?, actor: ChangeActor
    ) async throws -> SCIMResource {
        let now = timestamp()
        let logger = logger
        return try await write { db in
            let (organization, rowid, current) = try await Self.lockMember(db, organizationID: organizationID, id: id, logger)
            try VersionCheck.require(expectedVersion, of: current, noun: "Member")
            return try await Self.updateMember(
                db, rowid: rowid, current, to: attributes, organizationID: organizationID, organization: organization, actor: actor,
                now: now, logger)
        }
    }

    public func modifyMember(
        organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor,
        change: @escaping @Sendable (SCIMResource) throws -> JSONObject
    ) async throws -> SCIMResource {
        let now = timestamp()
        let logger = logger
        return try await write { db in
            let (organization, rowid, found) = try await Self.lockMember(db, organizationID: organizationID, id: id, logger)
            var current = found
            try VersionCheck.require(expectedVersion, of: current, noun: "Member")
            current.groups = try await Self.groups(db, memberRowids: [rowid], logger)[rowid, default: []]
            return try await Self.updateMember(
                db, rowid: rowid, current, to: try change(current), organizationID: organizationID, organization: organization,
                actor: actor, now: now, logger)
        }
    }

    public func deleteMember(organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor) async throws {
        let now = timestamp()
        let logger = logger
        try await write { db in
            let (organization, rowid, found) = try await Self.lockMember(db, organizationID: organizationID, id: id, logger)
            var current = found
            try VersionCheck.require(expectedVersion, of: current, noun: "Member")
            current.groups = try await Self.groups(db, memberRowids: [rowid], logger)[rowid, default: []]
            let teams = MemberRules.teamsChangedByDeleting(current)
            if !teams.isEmpty {
                try await db.run(
                    """
                    UPDATE team SET version = version + 1, lastModified = \(now.text)
                    WHERE id = ANY(\(teams)::text[]) AND organizationRowid = \(organization.rowid)
                    """, logger)
            }
            // Memberships and email rows go with it (ON DELETE CASCADE); triggers fix the counters.
            try await db.run("DELETE FROM member WHERE rowid = \(rowid)", logger)
            let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
            try await Self.record([events.memberDeleted(current)], organizationRowid: organization.rowid, actor: actor, db, logger)
        }
    }

    public func members(organizationID: String, ids: [String]) async throws -> [SCIMResource] {
        guard !ids.isEmpty else { return [] }
        let logger = logger
        return try await read { db in
            try await db.rows(
                """
                SELECT \(unescaped: ResourceRow.columns("m", kind: .user)) FROM member AS m JOIN organization AS o ON o.rowid = m.organizationRowid
                WHERE m.id = ANY(\(ids)::text[]) AND o.id = \(organizationID)
                """, logger
            ).map { try ResourceRow.resource($0, kind: .user) }
        }
    }

    // MARK: - Rows

    /// Inserts a member row and its email rows; returns the rowid.
    static func insertMember(
        _ db: PostgresConnection, id: String, organizationRowid: Int64, _ columns: MemberRecord, via actor: ChangeActor, now: String,
        _ logger: Logger
    ) async throws -> Int64 {
        guard let rowid = try await db.row(
            """
            INSERT INTO member (id, organizationRowid, userName, userNameKey, externalId, displayName, displayNameKey, active,
                phoneFlagged, createdVia, createdAt, lastModified, version, attributes)
            VALUES (\(id), \(organizationRowid), \(columns.userName), \(columns.userNameKey), \(columns.externalId),
                \(columns.displayName), \(columns.displayNameKey), \(columns.active), \(columns.phoneFlagged), \(actor.origin.rawValue),
                \(now), \(now), 1, \(columns.attributesJSON))
            RETURNING rowid
            """, logger)?.get(0, as: Int64.self)
        else {
            throw SCIMError(status: 500, detail: "The member insert returned no row")
        }
        try await insertEmails(db, memberRowid: rowid, organizationRowid: organizationRowid, columns.emails, logger)
        return rowid
    }

    private static func insertEmails(
        _ db: PostgresConnection, memberRowid: Int64, organizationRowid: Int64, _ emails: [MemberRecord.Email], _ logger: Logger
    ) async throws {
        guard !emails.isEmpty else { return }
        // Text arrays cannot hold a NULL through these bindings: an absent type travels as a flag.
        try await db.run(
            """
            INSERT INTO memberEmail (memberRowid, position, organizationRowid, valueKey, typeKey, isPrimary)
            SELECT \(memberRowid), p.n - 1, \(organizationRowid), p.v, CASE WHEN p.hasType THEN p.t END, p.pr
            FROM unnest(\(emails.map(\.valueKey))::text[], \(emails.map { $0.typeKey ?? "" })::text[],
                \(emails.map { $0.typeKey != nil })::boolean[], \(emails.map(\.isPrimary))::boolean[])
                WITH ORDINALITY AS p(v, t, hasType, pr, n)
            """, logger)
    }

    /// Writes new attributes over `current` as ``MemberRules`` decide: nothing when they are
    /// unchanged, otherwise a new version, its event, and a seat check when it reactivates.
    private static func updateMember(
        _ db: PostgresConnection, rowid: Int64, _ current: SCIMResource, to attributes: JSONObject, organizationID: String,
        organization: (rowid: Int64, organization: Organization), actor: ChangeActor, now: (date: Date, text: String), _ logger: Logger
    ) async throws -> SCIMResource {
        var updated = current
        if updated.groups == nil { updated.groups = try await groups(db, memberRowids: [rowid], logger)[rowid, default: []] }
        guard let write = try MemberRules.update(current, to: attributes) else { return updated }
        if write.takesSeat {
            try SeatLimit.requireFreeSeat(active: organization.organization.activeMembers, limit: organization.organization.seatLimit)
        }
        let record = write.record
        try await mappingUniqueness(of: record.userName) {
            try await db.run(
                """
                UPDATE member SET userName = \(record.userName), userNameKey = \(record.userNameKey), externalId = \(record.externalId),
                    displayName = \(record.displayName), displayNameKey = \(record.displayNameKey), active = \(record.active),
                    phoneFlagged = \(record.phoneFlagged), lastModified = \(now.text), version = version + 1,
                    attributes = \(record.attributesJSON)
                WHERE rowid = \(rowid)
                """, logger)
        }
        try await db.run("DELETE FROM memberEmail WHERE memberRowid = \(rowid)", logger)
        try await insertEmails(db, memberRowid: rowid, organizationRowid: organization.rowid, record.emails, logger)
        updated.attributes = attributes
        updated.meta.lastModified = now.date
        updated.meta.version += 1
        let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
        try await Self.record([events.member(write, after: updated)], organizationRowid: organization.rowid, actor: actor, db, logger)
        return updated
    }

    /// Locks the organization (first, as every write does) and the member; returns both, or 404:
    /// an id of another organization, unknown or malformed, is simply not found.
    static func lockMember(
        _ db: PostgresConnection, organizationID: String, id: String, _ logger: Logger
    ) async throws -> ((rowid: Int64, organization: Organization), Int64, SCIMResource) {
        let organization: (rowid: Int64, organization: Organization)
        do {
            organization = try await OrganizationRow.lock(db, id: organizationID, logger)
        } catch let error as SCIMError where error.status == 404 {
            throw SCIMError.notFound("Member \(id) not found")
        }
        guard let (rowid, member) = try await ResourceRow.fetch(
            db, kind: .user, organizationRowid: organization.rowid, id: id, lock: true, logger)
        else {
            throw SCIMError.notFound("Member \(id) not found")
        }
        return (organization, rowid, member)
    }

    /// The teams of members in one query, by member rowid, each in team creation order.
    static func groups(_ db: PostgresConnection, memberRowids: [Int64], _ logger: Logger) async throws -> [Int64: [GroupRef]] {
        guard !memberRowids.isEmpty else { return [:] }
        var groups: [Int64: [GroupRef]] = [:]
        for row in try await db.rows(
            """
            SELECT tm.memberRowid, tt.id, tt.displayName FROM teamMembership AS tm JOIN team AS tt ON tt.rowid = tm.teamRowid
            WHERE tm.memberRowid = ANY(\(memberRowids)::bigint[]) ORDER BY tm.memberRowid, tm.teamRowid
            """, logger)
        {
            groups[try row.get(0, as: Int64.self), default: []].append(GroupRef(value: try row.get(1), display: try row.get(2)))
        }
        return groups
    }
}
