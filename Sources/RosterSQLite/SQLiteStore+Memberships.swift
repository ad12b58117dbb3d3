import GRDB
import RosterStore
import SCIM

/// Team membership changes, applied inside the caller's write transaction at O(changed members):
/// adding one member to a 100,000-member team touches one row, never the whole list.
extension SQLiteStore {
    /// Applies `steps` in order, recording in the delta every membership row it inserted or
    /// deleted (for the change feed) and the ids no member of the organization has.
    static func applyMembership(
        _ steps: [MembershipChange], db: Database, teamRowid: Int64, organizationRowid: Int64, now: String
    ) throws -> MembershipDelta {
        var delta = MembershipDelta()
        for step in steps {
            switch step {
            case .add(let members):
                // One row either way: a new member is inserted; one already in the team gets the new
                // display if one was sent and differs (otherwise nothing is written, and the team's
                // version stays).
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO teamMembership (teamRowid, memberRowid, addedAt, display) VALUES (?, ?, ?, ?)
                    ON CONFLICT (teamRowid, memberRowid) DO NOTHING
                    """)
                let redisplay = try db.cachedStatement(sql: """
                    UPDATE teamMembership SET display = ? WHERE teamRowid = ? AND memberRowid = ? AND display IS NOT ?
                    """)
                for member in members {
                    guard let (memberRowid, summary) = try memberSummary(db, organizationRowid: organizationRowid, id: member.value)
                    else {
                        delta.skip(member.value)
                        continue
                    }
                    try insert.execute(arguments: [teamRowid, memberRowid, now, member.display])
                    if db.changesCount > 0 {
                        delta.steps.append(.added(summary))
                    } else if let display = member.display {
                        try redisplay.execute(arguments: [display, teamRowid, memberRowid, display])
                        if db.changesCount > 0 { delta.displayChanged = true }
                    }
                }
            case .remove(let ids):
                try remove(ids, db: db, teamRowid: teamRowid, organizationRowid: organizationRowid, delta: &delta)
            case .removeAll:
                let members = try summaries(db, sql: """
                    SELECT mm.rowid, mm.id, mm.userName, mm.externalId FROM teamMembership AS tm
                    JOIN member AS mm ON mm.rowid = tm.memberRowid WHERE tm.teamRowid = ? ORDER BY tm.memberRowid
                    """, arguments: [teamRowid])
                try db.cachedStatement(sql: "DELETE FROM teamMembership WHERE teamRowid = ?").execute(arguments: [teamRowid])
                delta.steps += members.map { .removed($0.summary) }
            case .removeMatching(let filter):
                if let ids = filter.memberIDs {
                    try remove(ids, db: db, teamRowid: teamRowid, organizationRowid: organizationRowid, delta: &delta)
                    continue
                }
                // Evaluated in SQL over the team's own memberships: O(team size).
                let condition = try FilterSQL(kind: .group, organizationRowid: organizationRowid).teamMemberCondition(filter)
                let select = SQLFragment.format(
                    """
                    SELECT mm.rowid, mm.id, mm.userName, mm.externalId FROM teamMembership AS tm
                    JOIN member AS mm ON mm.rowid = tm.memberRowid
                    WHERE tm.teamRowid = %@ AND %@ ORDER BY tm.memberRowid
                    """, .value(teamRowid), condition)
                let matching = try summaries(db, statement: db.makeStatement(sql: select.sql), arguments: select.statementArguments)
                let delete = try db.cachedStatement(sql: "DELETE FROM teamMembership WHERE teamRowid = ? AND memberRowid = ?")
                for member in matching {
                    try delete.execute(arguments: [teamRowid, member.rowid])
                    delta.steps.append(.removed(member.summary))
                }
            }
        }
        return delta
    }

    private static func remove(
        _ ids: [String], db: Database, teamRowid: Int64, organizationRowid: Int64, delta: inout MembershipDelta
    ) throws {
        let delete = try db.cachedStatement(sql: "DELETE FROM teamMembership WHERE teamRowid = ? AND memberRowid = ?")
        for id in ids {
            guard let (memberRowid, summary) = try memberSummary(db, organizationRowid: organizationRowid, id: id) else {
                delta.skip(id)
                continue
            }
            try delete.execute(arguments: [teamRowid, memberRowid])
            if db.changesCount > 0 { delta.steps.append(.removed(summary)) }
        }
    }

    /// Makes the team's members exactly `members` (a PUT), each with exactly the display it
    /// carries, writing only the difference. A repeated id keeps its last non-nil display.
    static func setMembers(
        _ members: [MemberRef], db: Database, teamRowid: Int64, organizationRowid: Int64, now: String
    ) throws -> MembershipDelta {
        var delta = MembershipDelta()
        var wanted: [Int64: (summary: MemberSummary, display: String?)] = [:]
        for member in members {
            guard let (memberRowid, summary) = try memberSummary(db, organizationRowid: organizationRowid, id: member.value) else {
                delta.skip(member.value)
                continue
            }
            wanted[memberRowid] = (summary, member.display ?? wanted[memberRowid]?.display)
        }
        var current: [Int64: String?] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT memberRowid, display FROM teamMembership WHERE teamRowid = ?"), arguments: [teamRowid])
        while let row = try rows.next() { current.updateValue(row[1], forKey: row[0]) }

        let leaving = current.keys.filter { wanted[$0] == nil }.sorted()
        if !leaving.isEmpty {
            let gone = try summaries(db, sql: """
                SELECT rowid, id, userName, externalId FROM member WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid
                """, arguments: [jsonArray(leaving)])
            let delete = try db.cachedStatement(sql: "DELETE FROM teamMembership WHERE teamRowid = ? AND memberRowid = ?")
            for member in gone {
                try delete.execute(arguments: [teamRowid, member.rowid])
                delta.steps.append(.removed(member.summary))
            }
        }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO teamMembership (teamRowid, memberRowid, addedAt, display) VALUES (?, ?, ?, ?)")
        let update = try db.cachedStatement(sql: "UPDATE teamMembership SET display = ? WHERE teamRowid = ? AND memberRowid = ?")
        for (memberRowid, member) in wanted.sorted(by: { $0.key < $1.key }) {
            switch current[memberRowid] {
            case nil:
                try insert.execute(arguments: [teamRowid, memberRowid, now, member.display])
                delta.steps.append(.added(member.summary))
            case let stored? where stored != member.display:
                try update.execute(arguments: [member.display, teamRowid, memberRowid])
                delta.displayChanged = true
            default:
                continue
            }
        }
        return delta
    }

    /// The rowid and summary of a member of the organization.
    static func memberSummary(_ db: Database, organizationRowid: Int64, id: String) throws -> (Int64, MemberSummary)? {
        let statement = try db.cachedStatement(
            sql: "SELECT rowid, id, userName, externalId FROM member WHERE id = ? AND organizationRowid = ?")
        return try summaries(db, statement: statement, arguments: [id, organizationRowid]).first.map { ($0.rowid, $0.summary) }
    }

    private static func summaries(_ db: Database, sql: String, arguments: StatementArguments) throws -> [(rowid: Int64, summary: MemberSummary)] {
        try summaries(db, statement: db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Members from rows of `rowid, id, userName, externalId`.
    private static func summaries(
        _ db: Database, statement: Statement, arguments: StatementArguments
    ) throws -> [(rowid: Int64, summary: MemberSummary)] {
        try Row.fetchAll(statement, arguments: arguments).map { row in
            (row[0], MemberSummary(id: row[1], userName: row[2], externalId: row[3]))
        }
    }
}

extension Filter {
    /// The ids of a `members[…]` filter that only lists members by id (`value eq "a"`, or several
    /// joined by `or`), which is removed by id rather than by scanning the team.
    var memberIDs: [String]? {
        switch self {
        case .compare(let path, .eq, .string(let id)) where path.schema == nil && path.subAttribute == nil
            && path.attribute.caseInsensitiveEquals("value"):
            return [id]
        case .or(let left, let right):
            guard let l = left.memberIDs, let r = right.memberIDs else { return nil }
            return l + r
        default:
            return nil
        }
    }
}
