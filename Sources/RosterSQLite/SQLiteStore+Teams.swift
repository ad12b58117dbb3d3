import Foundation
import GRDB
import RosterStore
import SCIM

extension SQLiteStore {
    public func createTeam(
        organizationID: String, attributes: JSONObject, members: [MemberRef], actor: ChangeActor
    ) async throws -> TeamWriteResult {
        let record = try TeamRules.record(attributes)
        let now = timestamp()
        let id = ResourceID.make(at: now.date)
        return try await groupCommit.write { db in
            let (organizationRowid, _) = try OrganizationRow.requireWithRowid(db, id: organizationID)
            let rowid = try mappingUniqueness(of: record.displayName) {
                try Self.insertTeam(db, id: id, organizationRowid: organizationRowid, record, via: actor, now: now.text)
            }
            let delta = try Self.applyMembership(
                [.add(members)], db: db, teamRowid: rowid, organizationRowid: organizationRowid, now: now.text)
            let stored = try Self.members(db, teamRowid: rowid)
            let team = SCIMResource(
                kind: .group, id: id, attributes: attributes,
                meta: ResourceMeta(created: now.date, lastModified: now.date, version: 1),
                members: stored, memberCount: stored.count, createdVia: actor.origin)
            let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
            try Self.record(
                events.teamWrite(created: true, before: nil, after: team, delta: delta), organizationRowid: organizationRowid,
                actor: actor, db)
            return TeamWriteResult(team: team, skippedMemberIDs: delta.skipped)
        }
    }

    public func team(organizationID: String, id: String, includeMembers: Bool) async throws -> SCIMResource? {
        try await pool.read { db in
            guard case (let rowid, var team)? = try ResourceRow.fetch(db, kind: .group, organizationID: organizationID, id: id)
            else { return nil }
            if includeMembers { team.members = try Self.members(db, teamRowid: rowid) }
            return team
        }
    }

    public func readTeam<Rendered: Sendable>(
        organizationID: String, id: String, render: @Sendable (SCIMResource, any TeamMemberReader) throws -> Rendered
    ) async throws -> Rendered? {
        try await pool.read { db in
            guard let (rowid, team) = try ResourceRow.fetch(db, kind: .group, organizationID: organizationID, id: id)
            else { return nil }
            return try render(team, TeamMemberRows(db: db, rowids: [team.id: rowid]))
        }
    }

    public func readTeams<Rendered: Sendable>(
        organizationID: String, query: ListQuery, render: @Sendable (ListPage, any TeamMemberReader) throws -> Rendered
    ) async throws -> Rendered {
        try await pool.read { db in
            let (total, rows) = try self.listRows(db, kind: .group, organizationID: organizationID, query: query)
            let resources = try rows.map { try ResourceRow.resource($0, kind: .group) }
            var rowids: [String: Int64] = [:]
            for (resource, row) in zip(resources, rows) { rowids[resource.id] = row[0] }
            return try render(ListPage(totalResults: total, resources: resources), TeamMemberRows(db: db, rowids: rowids))
        }
    }

    public func replaceTeam(
        organizationID: String, id: String, attributes: JSONObject, members: [MemberRef], expectedVersion: Int?, actor: ChangeActor
    ) async throws -> TeamWriteResult {
        let record = try TeamRules.record(attributes)
        let now = timestamp()
        return try await groupCommit.write { db in
            let (organizationRowid, rowid, current) = try Self.requireTeam(db, organizationID: organizationID, id: id)
            try VersionCheck.require(expectedVersion, of: current, noun: "Team")
            let delta = try Self.setMembers(members, db: db, teamRowid: rowid, organizationRowid: organizationRowid, now: now.text)
            var team = try Self.updateTeam(
                db, rowid: rowid, current, to: attributes, record, delta: delta, organizationID: organizationID,
                organizationRowid: organizationRowid, actor: actor, now: now)
            team.members = try Self.members(db, teamRowid: rowid)
            return TeamWriteResult(team: team, skippedMemberIDs: delta.skipped)
        }
    }

    public func modifyTeam(
        organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor,
        change: @escaping @Sendable (SCIMResource) throws -> PatchResult
    ) async throws -> TeamWriteResult {
        let now = timestamp()
        return try await groupCommit.write { db in
            let (organizationRowid, rowid, current) = try Self.requireTeam(db, organizationID: organizationID, id: id)
            try VersionCheck.require(expectedVersion, of: current, noun: "Team")
            let patch = try change(current)
            let record = try TeamRules.record(patch.attributes)
            let delta = try Self.applyMembership(
                patch.membership, db: db, teamRowid: rowid, organizationRowid: organizationRowid, now: now.text)
            let team = try Self.updateTeam(
                db, rowid: rowid, current, to: patch.attributes, record, delta: delta, organizationID: organizationID,
                organizationRowid: organizationRowid, actor: actor, now: now)
            return TeamWriteResult(team: team, skippedMemberIDs: delta.skipped)
        }
    }

    public func deleteTeam(organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor) async throws {
        let now = timestamp()
        try await groupCommit.write { db in
            let (organizationRowid, rowid, current) = try Self.requireTeam(db, organizationID: organizationID, id: id)
            try VersionCheck.require(expectedVersion, of: current, noun: "Team")
            // Memberships go with it (ON DELETE CASCADE); the members stay.
            try db.cachedStatement(sql: "DELETE FROM team WHERE rowid = ?").execute(arguments: [rowid])
            let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
            try Self.record([events.team(.teamDeleted, current)], organizationRowid: organizationRowid, actor: actor, db)
        }
    }

    public func teams(organizationID: String, query: ListQuery) async throws -> ListPage {
        try await pool.read { db in
            let (total, rows) = try self.listRows(db, kind: .group, organizationID: organizationID, query: query)
            var resources = try rows.map { try ResourceRow.resource($0, kind: .group) }
            if query.includeMembers {
                let members = try Self.members(db, teamRowids: rows.map { $0[0] })
                for (index, row) in rows.enumerated() { resources[index].members = members[row[0], default: []] }
            }
            return ListPage(totalResults: total, resources: resources)
        }
    }

    public func teamMembers(organizationID: String, teamID: String, offset: Int, limit: Int) async throws -> [MemberRef] {
        try await pool.read { db in
            let (_, rowid, _) = try Self.requireTeam(db, organizationID: organizationID, id: teamID)
            let statement = try db.cachedStatement(sql: """
                SELECT mm.id, tm.display FROM teamMembership AS tm
                JOIN member AS mm ON mm.rowid = tm.memberRowid
                WHERE tm.teamRowid = ? ORDER BY tm.memberRowid LIMIT ? OFFSET ?
                """)
            return try Row.fetchAll(statement, arguments: [rowid, max(limit, 0), max(offset, 0)])
                .map { MemberRef(value: $0[0], display: $0[1]) }
        }
    }

    // MARK: - Rows

    static func insertTeam(
        _ db: Database, id: String, organizationRowid: Int64, _ record: TeamRecord, via actor: ChangeActor, now: String
    ) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO team (id, organizationRowid, displayName, displayNameKey, externalId, createdVia, createdAt, lastModified,
                version, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
            """
        ).execute(arguments: [
            id, organizationRowid, record.displayName, record.displayNameKey, record.externalId, actor.createdVia, now, now,
            record.attributesJSON,
        ])
        return db.lastInsertedRowID
    }

    /// Writes the team's new attributes, and a new version and its events when ``TeamRules`` say
    /// the write changed it.
    private static func updateTeam(
        _ db: Database, rowid: Int64, _ current: SCIMResource, to attributes: JSONObject, _ record: TeamRecord,
        delta: MembershipDelta, organizationID: String, organizationRowid: Int64, actor: ChangeActor,
        now: (date: Date, text: String)
    ) throws -> SCIMResource {
        var updated = current
        guard TeamRules.isNewVersion(current, attributes: attributes, membershipChanged: delta.changed) else { return updated }
        if attributes != current.attributes {
            try mappingUniqueness(of: record.displayName) {
                try db.cachedStatement(sql: """
                    UPDATE team SET displayName = ?, displayNameKey = ?, externalId = ?, attributes = ?, lastModified = ?,
                        version = version + 1
                    WHERE rowid = ?
                    """
                ).execute(arguments: [
                    record.displayName, record.displayNameKey, record.externalId, record.attributesJSON, now.text, rowid,
                ])
            }
        } else {
            try db.cachedStatement(sql: "UPDATE team SET lastModified = ?, version = version + 1 WHERE rowid = ?")
                .execute(arguments: [now.text, rowid])
        }
        updated.attributes = attributes
        updated.meta.lastModified = now.date
        updated.meta.version += 1
        if delta.changed {
            updated.memberCount = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT memberCount FROM team WHERE rowid = ?"), arguments: [rowid])
        }
        let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
        try Self.record(
            events.teamWrite(created: false, before: current, after: updated, delta: delta), organizationRowid: organizationRowid,
            actor: actor, db)
        return updated
    }

    /// The team's rowid and resource (without members), if it is in the organization.
    static func fetchTeam(_ db: Database, organizationRowid: Int64, id: String) throws -> (Int64, SCIMResource)? {
        try ResourceRow.fetch(db, kind: .group, organizationRowid: organizationRowid, id: id)
    }

    /// The organization's rowid and the team's rowid and resource, or 404.
    static func requireTeam(_ db: Database, organizationID: String, id: String) throws -> (Int64, Int64, SCIMResource) {
        guard let organizationRowid = try OrganizationRow.rowid(db, id: organizationID),
            let (rowid, team) = try fetchTeam(db, organizationRowid: organizationRowid, id: id)
        else {
            throw SCIMError.notFound("Team \(id) not found")
        }
        return (organizationRowid, rowid, team)
    }

    /// All members of a team in one query, in the order they were created.
    static func members(_ db: Database, teamRowid: Int64) throws -> [MemberRef] {
        var members: [MemberRef] = []
        try forEachMember(db, teamRowid: teamRowid) { members.append($0) }
        return members
    }

    /// Each member of a team, in the order they were created, one row at a time.
    static func forEachMember(_ db: Database, teamRowid: Int64, _ visit: (MemberRef) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT mm.id, tm.display FROM teamMembership AS tm
            JOIN member AS mm ON mm.rowid = tm.memberRowid
            WHERE tm.teamRowid = ? ORDER BY tm.memberRowid
            """)
        let rows = try Row.fetchCursor(statement, arguments: [teamRowid])
        while let row = try rows.next() { try visit(MemberRef(value: row[0], display: row[1])) }
    }

    /// The members of several teams (a list page) in one query, by team rowid.
    static func members(_ db: Database, teamRowids: [Int64]) throws -> [Int64: [MemberRef]] {
        guard !teamRowids.isEmpty else { return [:] }
        let statement = try db.cachedStatement(sql: """
            SELECT tm.teamRowid, mm.id, tm.display FROM teamMembership AS tm
            JOIN member AS mm ON mm.rowid = tm.memberRowid
            WHERE tm.teamRowid IN (SELECT value FROM json_each(?)) ORDER BY tm.teamRowid, tm.memberRowid
            """)
        var members: [Int64: [MemberRef]] = [:]
        for row in try Row.fetchAll(statement, arguments: [jsonArray(teamRowids)]) {
            members[row[0], default: []].append(MemberRef(value: row[1], display: row[2]))
        }
        return members
    }
}

/// The members of the teams one read loaded, read from that read's connection.
private struct TeamMemberRows: TeamMemberReader {
    let db: Database
    /// The loaded teams' rowids by id.
    let rowids: [String: Int64]

    func forEachMember(ofTeam id: String, _ visit: (MemberRef) throws -> Void) throws {
        guard let rowid = rowids[id] else { return }
        try SQLiteStore.forEachMember(db, teamRowid: rowid, visit)
    }
}
