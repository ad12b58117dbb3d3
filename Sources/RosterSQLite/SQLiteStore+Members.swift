import Foundation
import GRDB
import RosterStore
import SCIM

extension SQLiteStore {
    public func createMember(organizationID: String, attributes: JSONObject, actor: ChangeActor) async throws -> SCIMResource {
        let write = try MemberRules.create(attributes)
        let now = timestamp()
        let id = ResourceID.make(at: now.date)
        return try await groupCommit.write { db in
            let (organizationRowid, organization) = try OrganizationRow.requireWithRowid(db, id: organizationID)
            if write.takesSeat { try SeatLimit.requireFreeSeat(active: organization.activeMembers, limit: organization.seatLimit) }
            try mappingUniqueness(of: write.record.userName) {
                _ = try Self.insertMember(db, id: id, organizationRowid: organizationRowid, write.record, via: actor, now: now.text)
            }
            let member = SCIMResource(
                kind: .user, id: id, attributes: attributes,
                meta: ResourceMeta(created: now.date, lastModified: now.date, version: 1), groups: [],
                createdVia: actor.origin)
            let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
            try Self.record([events.member(write, after: member)], organizationRowid: organizationRowid, actor: actor, db)
            return member
        }
    }

    public func member(organizationID: String, id: String) async throws -> SCIMResource? {
        try await inline.read { db in
            guard case (let rowid, var member)? = try ResourceRow.fetch(db, kind: .user, organizationID: organizationID, id: id)
            else { return nil }
            member.groups = try Self.groups(db, memberRowid: rowid)
            return member
        }
    }

    public func storedMember(organizationID: String, id: String) async throws -> StoredMember? {
        try lookups.storedMember(organizationID: organizationID, id: id)
    }

    public func replaceMember(
        organizationID: String, id: String, attributes: JSONObject, expectedVersion: Int?, actor: ChangeActor
    ) async throws -> SCIMResource {
        let now = timestamp()
        return try await groupCommit.write { db in
            let (organizationRowid, rowid, current) = try Self.requireMember(db, organizationID: organizationID, id: id)
            try VersionCheck.require(expectedVersion, of: current, noun: "Member")
            return try Self.updateMember(
                db, rowid: rowid, current, to: attributes, organizationID: organizationID, organizationRowid: organizationRowid,
                actor: actor, now: now)
        }
    }

    public func modifyMember(
        organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor,
        change: @escaping @Sendable (SCIMResource) throws -> JSONObject
    ) async throws -> SCIMResource {
        let now = timestamp()
        return try await groupCommit.write { db in
            let (organizationRowid, rowid, found) = try Self.requireMember(db, organizationID: organizationID, id: id)
            var current = found
            try VersionCheck.require(expectedVersion, of: current, noun: "Member")
            current.groups = try Self.groups(db, memberRowid: rowid)
            return try Self.updateMember(
                db, rowid: rowid, current, to: try change(current), organizationID: organizationID,
                organizationRowid: organizationRowid, actor: actor, now: now)
        }
    }

    public func deleteMember(organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor) async throws {
        let now = timestamp()
        try await groupCommit.write { db in
            let (organizationRowid, rowid, found) = try Self.requireMember(db, organizationID: organizationID, id: id)
            var current = found
            try VersionCheck.require(expectedVersion, of: current, noun: "Member")
            current.groups = try Self.groups(db, memberRowid: rowid)
            let teams = MemberRules.teamsChangedByDeleting(current)
            if !teams.isEmpty {
                try db.cachedStatement(sql: """
                    UPDATE team SET version = version + 1, lastModified = ?
                    WHERE id IN (SELECT value FROM json_each(?)) AND organizationRowid = ?
                    """
                ).execute(arguments: [now.text, JSONWriter().string(.array(teams.map { .string($0) })), organizationRowid])
            }
            // Memberships and email rows go with it (ON DELETE CASCADE); triggers fix the counters.
            try db.cachedStatement(sql: "DELETE FROM member WHERE rowid = ?").execute(arguments: [rowid])
            let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
            try Self.record([events.memberDeleted(current)], organizationRowid: organizationRowid, actor: actor, db)
        }
    }

    public func members(organizationID: String, query: ListQuery) async throws -> ListPage {
        try await memberPage(organizationID: organizationID, query: query) { total, rows, groups in
            var resources = try rows.map { try ResourceRow.resource($0, kind: .user) }
            for (index, row) in rows.enumerated() { resources[index].groups = groups[row[0], default: []] }
            return ListPage(totalResults: total, resources: resources)
        }
    }

    public func storedMembers(organizationID: String, query: ListQuery) async throws -> StoredMemberPage {
        if let userName = Self.userNameLookup(query.filter) {
            // Okta's look-up before every create: one probe of the unique (organization, userName key) index.
            let found = try lookups.storedMember(organizationID: organizationID, userNameKey: CaseFolding.key(userName))
            let onPage = query.startIndex <= 1 && query.count > 0 ? found.map { [$0] } : nil
            return StoredMemberPage(totalResults: found == nil ? 0 : 1, resources: onPage ?? [])
        }
        return try await memberPage(organizationID: organizationID, query: query) { total, rows, groups in
            StoredMemberPage(
                totalResults: total,
                resources: rows.map { ResourceRow.storedMember($0).with(groups: groups[$0[0], default: []]) })
        }
    }

    /// A page of member rows with their teams by member rowid, made into `T` inside the read.
    /// Only the lookups bounded by a unique index run inline; a filter that scans could hold the
    /// calling thread for seconds.
    private func memberPage<T: Sendable>(
        organizationID: String, query: ListQuery, _ make: @escaping @Sendable (Int, [Row], [Int64: [GroupRef]]) throws -> T
    ) async throws -> T {
        let read: @Sendable (Database) throws -> T = { db in
            let (total, rows) = try self.listRows(db, kind: .user, organizationID: organizationID, query: query)
            return try make(total, rows, try Self.groups(db, memberRowids: rows.map { $0[0] }))
        }
        return Self.isIndexedLookup(query.filter) ? try await inline.read(read) : try await pool.read(read)
    }

    /// The userName a `userName eq "…"` filter looks up (compared without regard to case, as
    /// RFC 7643 defines `userName`); nil for any other filter.
    static func userNameLookup(_ filter: Filter?) -> String? {
        guard case ("username", .string(let userName))? = coreEquality(filter) else { return nil }
        return userName
    }

    /// Whether a filter is one of the lookups provisioning clients make before every write
    /// (`userName eq "…"`, `externalId eq "…"`, `id eq "…"`): one probe of a member index.
    static func isIndexedLookup(_ filter: Filter?) -> Bool {
        guard let (attribute, _) = coreEquality(filter) else { return false }
        return ["username", "externalid", "id"].contains(attribute)
    }

    /// The attribute (lowercased) and value of an `eq` filter on a top-level core User attribute.
    private static func coreEquality(_ filter: Filter?) -> (attribute: String, value: FilterValue)? {
        guard case .compare(let path, .eq, let value)? = filter, path.subAttribute == nil,
            path.schema == nil || path.schema == CoreSchemas.user.id
        else { return nil }
        return (path.attribute.lowercased(), value)
    }

    public func members(organizationID: String, ids: [String]) async throws -> [SCIMResource] {
        guard !ids.isEmpty else { return [] }
        let list = JSONWriter().string(.array(ids.map { .string($0) }))
        return try await pool.read { db in
            guard let organizationRowid = try OrganizationRow.rowid(db, id: organizationID) else { return [] }
            let statement = try db.cachedStatement(sql: Self.membersByIDsSQL)
            return try Row.fetchAll(statement, arguments: [list, organizationRowid])
                .map { try ResourceRow.resource($0, kind: .user) }
        }
    }

    /// ``members(organizationID:ids:)``: arguments are the ids as a JSON array and the organization's rowid.
    /// `+` keeps the planner on the id index; the organization's index would visit all its members.
    static let membersByIDsSQL = """
        SELECT \(ResourceRow.columns("m", kind: .user)) FROM member AS m
        WHERE m.id IN (SELECT value FROM json_each(?)) AND +m.organizationRowid = ?
        """

    // MARK: - Rows

    /// Inserts a member row and its email rows; returns the rowid. Shared with seeding so that
    /// generated members get exactly the columns a SCIM create would.
    static func insertMember(
        _ db: Database, id: String, organizationRowid: Int64, _ columns: MemberRecord, via actor: ChangeActor, now: String
    ) throws -> Int64 {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO member (id, organizationRowid, userName, userNameKey, externalId, displayName, displayNameKey, active,
                phoneFlagged, createdVia, createdAt, lastModified, version, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
            """)
        try statement.execute(arguments: [
            id, organizationRowid, columns.userName, columns.userNameKey, columns.externalId, columns.displayName,
            columns.displayNameKey, columns.active, columns.phoneFlagged, actor.createdVia, now, now, columns.attributesJSON,
        ])
        let rowid = db.lastInsertedRowID
        try insertEmails(db, memberRowid: rowid, organizationRowid: organizationRowid, columns.emails)
        return rowid
    }

    private static func insertEmails(_ db: Database, memberRowid: Int64, organizationRowid: Int64, _ emails: [MemberRecord.Email]) throws {
        guard !emails.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO memberEmail (memberRowid, position, organizationRowid, valueKey, typeKey, isPrimary) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (position, email) in emails.enumerated() {
            try statement.execute(arguments: [memberRowid, position, organizationRowid, email.valueKey, email.typeKey, email.isPrimary])
        }
    }

    /// Writes new attributes over `current` as ``MemberRules`` decide: nothing when they are
    /// unchanged, otherwise a new version, its event, and a seat check when it reactivates.
    private static func updateMember(
        _ db: Database, rowid: Int64, _ current: SCIMResource, to attributes: JSONObject, organizationID: String,
        organizationRowid: Int64, actor: ChangeActor, now: (date: Date, text: String)
    ) throws -> SCIMResource {
        var updated = current
        updated.groups = try current.groups ?? groups(db, memberRowid: rowid)
        guard let write = try MemberRules.update(current, to: attributes) else { return updated }
        if write.takesSeat {
            let organization = try OrganizationRow.require(db, id: organizationID)
            try SeatLimit.requireFreeSeat(active: organization.activeMembers, limit: organization.seatLimit)
        }
        let record = write.record
        try mappingUniqueness(of: record.userName) {
            try db.cachedStatement(sql: """
                UPDATE member SET userName = ?, userNameKey = ?, externalId = ?, displayName = ?, displayNameKey = ?,
                    active = ?, phoneFlagged = ?, lastModified = ?, version = version + 1, attributes = ?
                WHERE rowid = ?
                """
            ).execute(arguments: [
                record.userName, record.userNameKey, record.externalId, record.displayName, record.displayNameKey,
                record.active, record.phoneFlagged, now.text, record.attributesJSON, rowid,
            ])
        }
        try db.cachedStatement(sql: "DELETE FROM memberEmail WHERE memberRowid = ?").execute(arguments: [rowid])
        try insertEmails(db, memberRowid: rowid, organizationRowid: organizationRowid, record.emails)
        updated.attributes = attributes
        updated.meta.lastModified = now.date
        updated.meta.version += 1
        let events = ChangeEvents(organizationID: organizationID, actor: actor, time: now.date)
        try Self.record([events.member(write, after: updated)], organizationRowid: organizationRowid, actor: actor, db)
        return updated
    }

    /// The member's rowid and resource (without groups), if it is in the organization.
    static func fetchMember(_ db: Database, organizationRowid: Int64, id: String) throws -> (Int64, SCIMResource)? {
        try ResourceRow.fetch(db, kind: .user, organizationRowid: organizationRowid, id: id)
    }

    /// The organization's rowid and the member's rowid and resource, or 404: an id of another
    /// organization, unknown or malformed, is simply not found.
    static func requireMember(_ db: Database, organizationID: String, id: String) throws -> (Int64, Int64, SCIMResource) {
        guard let organizationRowid = try OrganizationRow.rowid(db, id: organizationID),
            let (rowid, member) = try fetchMember(db, organizationRowid: organizationRowid, id: id)
        else {
            throw SCIMError.notFound("Member \(id) not found")
        }
        return (organizationRowid, rowid, member)
    }

    /// The teams a member belongs to, in team creation order.
    static func groups(_ db: Database, memberRowid: Int64) throws -> [GroupRef] {
        let statement = try db.cachedStatement(sql: groupsOfMemberSQL)
        return try Row.fetchAll(statement, arguments: [memberRowid]).map { GroupRef(value: $0[0], display: $0[1]) }
    }

    /// The id and name of each team of the member with rowid `?`, in team creation order.
    ///
    /// Ordered by `tm.teamRowid` (the same value as `tt.rowid`), which the covering index
    /// `teamMembership_member (memberRowid, teamRowid)` already yields in order: ordered by
    /// `tt.rowid`, SQLite built a temporary B-tree to sort every lookup's teams.
    static let groupsOfMemberSQL = """
        SELECT tt.id, tt.displayName FROM teamMembership AS tm JOIN team AS tt ON tt.rowid = tm.teamRowid
        WHERE tm.memberRowid = ? ORDER BY tm.teamRowid
        """

    /// Member rowid, team id and name of each team of the members whose rowids are the JSON
    /// array `?`, by member, then in team creation order (the index's order, as above).
    static let groupsOfMembersSQL = """
        SELECT tm.memberRowid, tt.id, tt.displayName FROM teamMembership AS tm JOIN team AS tt ON tt.rowid = tm.teamRowid
        WHERE tm.memberRowid IN (SELECT value FROM json_each(?)) ORDER BY tm.memberRowid, tm.teamRowid
        """

    /// The teams of several members (a list page) in one query, by member rowid.
    static func groups(_ db: Database, memberRowids: [Int64]) throws -> [Int64: [GroupRef]] {
        guard !memberRowids.isEmpty else { return [:] }
        let statement = try db.cachedStatement(sql: groupsOfMembersSQL)
        var groups: [Int64: [GroupRef]] = [:]
        for row in try Row.fetchAll(statement, arguments: [jsonArray(memberRowids)]) {
            groups[row[0], default: []].append(GroupRef(value: row[1], display: row[2]))
        }
        return groups
    }

    /// Rowids as a JSON array, bound as one value and read back with `json_each`, so that one
    /// cached statement serves any number of ids.
    static func jsonArray(_ rowids: [Int64]) -> String {
        "[" + rowids.map(String.init).joined(separator: ",") + "]"
    }
}

extension ChangeActor {
    /// `createdVia`: who created a row, to badge resources a provisioning client manages.
    var createdVia: String {
        origin.rawValue
    }
}
