import Foundation
import Logging
import PostgresNIO
import RosterStore
import SCIM

extension PostgresStore {
    public func createTeam(
        organizationID: String, attributes: JSONObject, members: [MemberRef], actor: ChangeActor
    ) async throws -> TeamWriteResult {
        let record = try TeamRules.record(attributes)
        let now = timestamp()
        let id = ResourceID.make(at: now.date)
        let logger = logger
        return try await write { db in
            let (organizationRowid, _) = try await OrganizationRow.lock(db, id: organizationID, logger)
            let rowid = try await mappingUniqueness(of: record.displayName) {
                try await Self.insertTeam(db, id: id, organizationRowid: organizationRowid, record, via: actor, now: now.text, logger)
            }
            let delta = try await Self.applyMembership(
                [.add(members)], db: db, teamRowid: rowid, organizationRowid: organizationRowid, now: now.text, logger)
            let stored = try await Self.members(db, teamRowids: [rowid], logger)[rowid, default: []]
            let team = SCIMResource(
                kind: .group, id: id, attributes: attributes,
                meta: ResourceMeta(created: now.date, lastModified: now.date, version: 1),
                members: stored, memberCount: stored.count, createdVia: actor.origin)
            let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
            try await Self.record(
                events.teamWrite(created: true, before: nil, after: team, delta: delta), organizationRowid: organizationRowid,
                actor: actor, db, logger)
            return TeamWriteResult(team: team, skippedMemberIDs: delta.skipped)
        }
    }

    public func team(organizationID: String, id: String, includeMembers: Bool) async throws -> SCIMResource? {
        let logger = logger
        return try await read { db in
            guard case (let rowid, var team)? = try await ResourceRow.fetch(db, kind: .group, organizationID: organizationID, id: id, logger)
            else { return nil }
            if includeMembers { team.members = try await Self.members(db, teamRowids: [rowid], logger)[rowid, default: []] }
            return team
        }
    }

    public func readTeam<Rendered: Sendable>(
        organizationID: String, id: String, render: @Sendable (SCIMResource, any TeamMemberReader) throws -> Rendered
    ) async throws -> Rendered? {
        let logger = logger
        // The members are read in the team's snapshot, then handed to `render` from memory: a
        // PostgreSQL read streams over the network, which `render`'s synchronous reader cannot await.
        let loaded = try await read { db -> (SCIMResource, LoadedTeamMembers)? in
            guard let (rowid, team) = try await ResourceRow.fetch(db, kind: .group, organizationID: organizationID, id: id, logger)
            else { return nil }
            let members = try await Self.members(db, teamRowids: [rowid], logger)[rowid, default: []]
            return (team, LoadedTeamMembers(members: [team.id: members]))
        }
        guard let (team, members) = loaded else { return nil }
        return try render(team, members)
    }

    public func readTeams<Rendered: Sendable>(
        organizationID: String, query: ListQuery, render: @Sendable (ListPage, any TeamMemberReader) throws -> Rendered
    ) async throws -> Rendered {
        var withoutMembers = query
        withoutMembers.includeMembers = false
        let logger = logger
        let (page, members) = try await read { db -> (ListPage, LoadedTeamMembers) in
            let (total, rows) = try await self.listRows(db, kind: .group, organizationID: organizationID, query: withoutMembers)
            let byRowid = try await Self.members(db, teamRowids: rows.map(\.rowid), logger)
            var members: [String: [MemberRef]] = [:]
            for row in rows { members[row.resource.id] = byRowid[row.rowid, default: []] }
            return (ListPage(totalResults: total, resources: rows.map(\.resource)), LoadedTeamMembers(members: members))
        }
        return try render(page, members)
    }

    public func replaceTeam(
        organizationID: String, id: String, attributes: JSONObject, members: [MemberRef], expectedVersion: Int?, actor: ChangeActor
    ) async throws -> TeamWriteResult {
        let record = try TeamRules.record(attributes)
        let now = timestamp()
        let logger = logger
        return try await write { db in
            let (organizationRowid, rowid, current) = try await Self.lockTeam(db, organizationID: organizationID, id: id, logger)
            try VersionCheck.require(expectedVersion, of: current, noun: "Team")
            let delta = try await Self.setMembers(
                members, db: db, teamRowid: rowid, organizationRowid: organizationRowid, now: now.text, logger)
            var team = try await Self.updateTeam(
                db, rowid: rowid, current, to: attributes, record, delta: delta, organizationID: organizationID,
                organizationRowid: organizationRowid, actor: actor, now: now, logger)
            team.members = try await Self.members(db, teamRowids: [rowid], logger)[rowid, default: []]
            return TeamWriteResult(team: team, skippedMemberIDs: delta.skipped)
        }
    }

    public func modifyTeam(
        organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor,
        change: @escaping @Sendable (SCIMResource) throws -> PatchResult
    ) async throws -> TeamWriteResult {
        let now = timestamp()
        let logger = logger
        return try await write { db in
            let (organizationRowid, rowid, current) = try await Self.lockTeam(db, organizationID: organizationID, id: id, logger)
            try VersionCheck.require(expectedVersion, of: current, noun: "Team")
            let patch = try change(current)
            let record = try TeamRules.record(patch.attributes)
            let delta = try await Self.applyMembership(
                patch.membership, db: db, teamRowid: rowid, organizationRowid: organizationRowid, now: now.text, logger)
            let team = try await Self.updateTeam(
                db, rowid: rowid, current, to: patch.attributes, record, delta: delta, organizationID: organizationID,
                organizationRowid: organizationRowid, actor: actor, now: now, logger)
            return TeamWriteResult(team: team, skippedMemberIDs: delta.skipped)
        }
    }

    public func deleteTeam(organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor) async throws {
        let now = timestamp()
        let logger = logger
        try await write { db in
            let (organizationRowid, rowid, current) = try await Self.lockTeam(db, organizationID: organizationID, id: id, logger)
            try VersionCheck.require(expectedVersion, of: current, noun: "Team")
            // Memberships go with it (ON DELETE CASCADE); the members stay.
            try await db.run("DELETE FROM team WHERE rowid = \(rowid)", logger)
            let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
            try await Self.record([events.team(.teamDeleted, current)], organizationRowid: organizationRowid, actor: actor, db, logger)
        }
    }

    public func teams(organizationID: String, query: ListQuery) async throws -> ListPage {
        let logger = logger
        return try await read { db in
            let (total, rows) = try await self.listRows(db, kind: .group, organizationID: organizationID, query: query)
            var resources = rows.map(\.resource)
            if query.includeMembers {
                let members = try await Self.members(db, teamRowids: rows.map(\.rowid), logger)
                for (index, row) in rows.enumerated() { resources[index].members = members[row.rowid, default: []] }
            }
            return ListPage(totalResults: total, resources: resources)
        }
    }

    public func teamMembers(organizationID: String, teamID: String, offset: Int, limit: Int) async throws -> [MemberRef] {
        let logger = logger
        return try await read { db in
            guard let (rowid, _) = try await ResourceRow.fetch(db, kind: .group, organizationID: organizationID, id: teamID, logger) else {
                throw SCIMError.notFound("Team \(teamID) not found")
            }
            return try await db.rows(
                """
                SELECT mm.id, tm.display FROM teamMembership AS tm JOIN member AS mm ON mm.rowid = tm.memberRowid
                WHERE tm.teamRowid = \(rowid) ORDER BY tm.memberRowid LIMIT \(Int64(max(limit, 0))) OFFSET \(Int64(max(offset, 0)))
                """, logger
            ).map { MemberRef(value: try $0.get(0), display: try $0.get(1)) }
        }
    }

    // MARK: - Rows

    static func insertTeam(
        _ db: PostgresConnection, id: String, organizationRowid: Int64, _ record: TeamRecord, via actor: ChangeActor, now: String,
        _ logger: Logger
    ) async throws -> Int64 {
        guard let rowid = try await db.row(
            """
            INSERT INTO team (id, organizationRowid, displayName, displayNameKey, externalId, createdVia, createdAt, lastModified,
                version, attributes)
            VALUES (\(id), \(organizationRowid), \(record.displayName), \(record.displayNameKey), \(record.externalId),
                \(actor.origin.rawValue), \(now), \(now), 1, \(record.attributesJSON))
            RETURNING rowid
            """, logger)?.get(0, as: Int64.self)
        else {
            throw SCIMError(status: 500, detail: "The team insert returned no row")
        }
        return rowid
    }

    /// Writes the team's new attributes, and a new version and its events when ``TeamRules`` say
    /// the write changed it.
    private static func updateTeam(
        _ db: PostgresConnection, rowid: Int64, _ current: SCIMResource, to attributes: JSONObject, _ record: TeamRecord,
        delta: MembershipDelta, organizationID: String, organizationRowid: Int64, actor: ChangeActor,
        now: (date: Date, text: String), _ logger: Logger
    ) async throws -> SCIMResource {
        var updated = current
        guard TeamRules.isNewVersion(current, attributes: attributes, membershipChanged: delta.changed) else { return updated }
        if attributes != current.attributes {
            try await mappingUniqueness(of: record.displayName) {
                try await db.run(
                    """
                    UPDATE team SET displayName = \(record.displayName), displayNameKey = \(record.displayNameKey),
                        externalId = \(record.externalId), attributes = \(record.attributesJSON), lastModified = \(now.text),
                        version = version + 1
                    WHERE rowid = \(rowid)
                    """, logger)
            }
        } else {
            try await db.run("UPDATE team SET lastModified = \(now.text), version = version + 1 WHERE rowid = \(rowid)", logger)
        }
        updated.attributes = attributes
        updated.meta.lastModified = now.date
        updated.meta.version += 1
        if delta.changed {
            updated.memberCount = (try await db.row("SELECT memberCount FROM team WHERE rowid = \(rowid)", logger)?
                .get(0, as: Int64.self)).map(Int.init)
        }
        let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
        try await Self.record(
            events.teamWrite(created: false, before: current, after: updated, delta: delta), organizationRowid: organizationRowid,
            actor: actor, db, logger)
        return updated
    }

    /// Locks the organization (first, as every write does) and the team; returns the
    /// organization's rowid and the team's rowid and resource, or 404.
    static func lockTeam(
        _ db: PostgresConnection, organizationID: String, id: String, _ logger: Logger
    ) async throws -> (Int64, Int64, SCIMResource) {
        let organizationRowid: Int64
        do {
            organizationRowid = try await OrganizationRow.lock(db, id: organizationID, logger).rowid
        } catch let error as SCIMError where error.status == 404 {
            throw SCIMError.notFound("Team \(id) not found")
        }
        guard let (rowid, team) = try await ResourceRow.fetch(db, kind: .group, organizationRowid: organizationRowid, id: id, lock: true, logger)
        else {
            throw SCIMError.notFound("Team \(id) not found")
        }
        return (organizationRowid, rowid, team)
    }

    /// The members of teams in one query, by team rowid, each in member creation order.
    static func members(_ db: PostgresConnection, teamRowids: [Int64], _ logger: Logger) async throws -> [Int64: [MemberRef]] {
        guard !teamRowids.isEmpty else { return [:] }
        var members: [Int64: [MemberRef]] = [:]
        for row in try await db.rows(
            """
            SELECT tm.teamRowid, mm.id, tm.display FROM teamMembership AS tm JOIN member AS mm ON mm.rowid = tm.memberRowid
            WHERE tm.teamRowid = ANY(\(teamRowids)::bigint[]) ORDER BY tm.teamRowid, tm.memberRowid
            """, logger)
        {
            members[try row.get(0, as: Int64.self), default: []].append(MemberRef(value: try row.get(1), display: try row.get(2)))
        }
        return members
    }
}

/// The members of the teams one read loaded, by team id.
struct LoadedTeamMembers: TeamMemberReader, Sendable {
    let members: [String: [MemberRef]]

    func forEachMember(ofTeam id: String, _ visit: (MemberRef) throws -> Void) throws {
        for member in members[id] ?? [] { try visit(member) }
    }
}
