import GRDB
import RosterStore
import SCIM

/// Team membership changes, applied inside the caller's write transaction at O(changed members):
/// adding one member to a 100,000-member team touches one row, never the whole list.
extension SQLiteStore {
    /// Whether a step changed the membership, and the member ids skipped because no member of
    /// the organization has them (reported, never an error: Okta does not retry a 400).
    struct MembershipOutcome {
        var changed = false
        var skipped: [String] = []
        private var skippedSet: Set<String> = []

        mutating func skip(_ id: String) {
            if skippedSet.insert(id).inserted { skipped.append(id) }
        }
    }

    /// Applies `steps` in order.
    static func applyMembership(
        _ steps: [MembershipChange], db: Database, teamRowid: Int64, organizationRowid: Int64, now: String
    ) throws -> MembershipOutcome {
        var outcome = MembershipOutcome()
        for step in steps {
            switch step {
            case .add(let members):
                // One row either way: a new member is inserted; one already in the team gets the new
                // display if one was sent and differs (otherwise nothing is written, and the team's
                // version stays).
                let upsert = try db.cachedStatement(sql: """
                    INSERT INTO teamMembership (teamRowid, memberRowid, addedAt, display) VALUES (?, ?, ?, ?)
                    ON CONFLICT (teamRowid, memberRowid) DO UPDATE SET display = excluded.display
                    WHERE excluded.display IS NOT NULL AND teamMembership.display IS NOT excluded.display
                    """)
                for member in members {
                    guard let memberRowid = try memberRowid(db, organizationRowid: organizationRowid, id: member.value) else {
                        outcome.skip(member.value)
                        continue
                    }
                    try upsert.execute(arguments: [teamRowid, memberRowid, now, member.display])
                    if db.changesCount > 0 { outcome.changed = true }
                }
            case .remove(let ids):
                try remove(ids, db: db, teamRowid: teamRowid, organizationRowid: organizationRowid, outcome: &outcome)
            case .removeAll:
                try db.cachedStatement(sql: "DELETE FROM teamMembership WHERE teamRowid = ?").execute(arguments: [teamRowid])
                if db.changesCount > 0 { outcome.changed = true }
            case .removeMatching(let filter):
                if let ids = filter.memberIDs {
                    try remove(ids, db: db, teamRowid: teamRowid, organizationRowid: organizationRowid, outcome: &outcome)
                    continue
                }
                // Evaluated in SQL over the team's own memberships: O(team size), no rows loaded.
                let condition = try FilterSQL(kind: .group, organizationRowid: organizationRowid).teamMemberCondition(filter)
                let delete = SQLFragment.format(
                    """
                    DELETE FROM teamMembership WHERE teamRowid = %@ AND memberRowid IN (
                        SELECT mm.rowid FROM teamMembership AS tm JOIN member AS mm ON mm.rowid = tm.memberRowid
                        WHERE tm.teamRowid = %@ AND %@)
                    """, .value(teamRowid), .value(teamRowid), condition)
                try db.makeStatement(sql: delete.sql).execute(arguments: delete.statementArguments)
                if db.changesCount > 0 { outcome.changed = true }
            }
        }
        return outcome
    }

    private static func remove(
        _ ids: [String], db: Database, teamRowid: Int64, organizationRowid: Int64, outcome: inout MembershipOutcome
    ) throws {
        let delete = try db.cachedStatement(sql: "DELETE FROM teamMembership WHERE teamRowid = ? AND memberRowid = ?")
        for id in ids {
            guard let memberRowid = try memberRowid(db, organizationRowid: organizationRowid, id: id) else {
                outcome.skip(id)
                continue
            }
            try delete.execute(arguments: [teamRowid, memberRowid])
            if db.changesCount > 0 { outcome.changed = true }
        }
    }

    /// Makes the team's members exactly `members` (a PUT), each with exactly the display it
    /// carries, writing only the difference. A repeated id keeps its last non-nil display.
    static func setMembers(
        _ members: [MemberRef], db: Database, teamRowid: Int64, organizationRowid: Int64, now: String
    ) throws -> MembershipOutcome {
        var outcome = MembershipOutcome()
        var wanted: [Int64: String?] = [:]
        for member in members {
            guard let memberRowid = try memberRowid(db, organizationRowid: organizationRowid, id: member.value) else {
                outcome.skip(member.value)
                continue
            }
            let earlier = wanted[memberRowid] ?? nil
            // `updateValue`, not a subscript assignment: assigning a nil display would drop the key.
            wanted.updateValue(member.display ?? earlier, forKey: memberRowid)
        }
        var current: [Int64: String?] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT memberRowid, display FROM teamMembership WHERE teamRowid = ?"), arguments: [teamRowid])
        while let row = try rows.next() { current.updateValue(row[1], forKey: row[0]) }

        let delete = try db.cachedStatement(sql: "DELETE FROM teamMembership WHERE teamRowid = ? AND memberRowid = ?")
        for memberRowid in current.keys where wanted[memberRowid] == nil {
            try delete.execute(arguments: [teamRowid, memberRowid])
            outcome.changed = true
        }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO teamMembership (teamRowid, memberRowid, addedAt, display) VALUES (?, ?, ?, ?)")
        let update = try db.cachedStatement(sql: "UPDATE teamMembership SET display = ? WHERE teamRowid = ? AND memberRowid = ?")
        for (memberRowid, display) in wanted.sorted(by: { $0.key < $1.key }) {
            switch current[memberRowid] {
            case nil:
                try insert.execute(arguments: [teamRowid, memberRowid, now, display])
            case let stored? where stored != display:
                try update.execute(arguments: [display, teamRowid, memberRowid])
            default:
                continue
            }
            outcome.changed = true
        }
        return outcome
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
