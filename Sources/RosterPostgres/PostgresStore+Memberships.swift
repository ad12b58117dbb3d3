import Foundation
import Logging
import PostgresNIO
import RosterStore
import SCIM

/// Team membership changes, applied inside the caller's write transaction at O(changed members)
/// as row inserts and deletes. The caller holds the organization's row lock (and the team's), so
/// no other server changes the team or deletes one of the members named while the delta is
/// computed and applied: a member that is gone is skipped, never a foreign-key failure.
extension PostgresStore {
    /// Applies `steps` in order, recording in the delta every membership row it inserted or
    /// deleted (for the change feed) and the ids no member of the organization has.
    static func applyMembership(
        _ steps: [MembershipChange], db: PostgresConnection, teamRowid: Int64, organizationRowid: Int64, now: String, _ logger: Logger
    ) async throws -> MembershipDelta {
        var delta = MembershipDelta()
        for step in steps {
            switch step {
            case .add(let members):
                let found = try await summaries(db, organizationRowid: organizationRowid, ids: members.map(\.value), logger)
                for member in members {
                    guard let (memberRowid, summary) = found[member.value] else {
                        delta.skip(member.value)
                        continue
                    }
                    // A new member is inserted; one already in the team gets the new display if
                    // one was sent and differs (otherwise nothing is written, and the version stays).
                    let inserted = try await db.rows(
                        """
                        INSERT INTO teamMembership (teamRowid, memberRowid, addedAt, display)
                        VALUES (\(teamRowid), \(memberRowid), \(now), \(member.display))
                        ON CONFLICT (teamRowid, memberRowid) DO NOTHING RETURNING 1
                        """, logger)
                    if !inserted.isEmpty {
                        delta.steps.append(.added(summary))
                    } else if let display = member.display {
                        let changed = try await db.rows(
                            """
                            UPDATE teamMembership SET display = \(display)
                            WHERE teamRowid = \(teamRowid) AND memberRowid = \(memberRowid) AND display IS DISTINCT FROM \(display)
                            RETURNING 1
                            """, logger)
                        if !changed.isEmpty { delta.displayChanged = true }
                    }
                }
            case .remove(let ids):
                try await remove(ids, db: db, teamRowid: teamRowid, organizationRowid: organizationRowid, delta: &delta, logger)
            case .removeAll:
                let gone = try await db.rows(
                    """
                    SELECT mm.rowid, mm.id, mm.userName, mm.externalId FROM teamMembership AS tm
                    JOIN member AS mm ON mm.rowid = tm.memberRowid WHERE tm.teamRowid = \(teamRowid) ORDER BY tm.memberRowid
                    """, logger)
                try await db.run("DELETE FROM teamMembership WHERE teamRowid = \(teamRowid)", logger)
                delta.steps += try gone.map { .removed(try summary($0).summary) }
            case .removeMatching(let filter):
                if let ids = filter.memberIDs {
                    try await remove(ids, db: db, teamRowid: teamRowid, organizationRowid: organizationRowid, delta: &delta, logger)
                    continue
                }
                // Evaluated over the team's own memberships: O(team size).
                let rows = try await db.rows(
                    """
                    SELECT mm.rowid, mm.id, mm.userName, mm.externalId, tm.display FROM teamMembership AS tm
                    JOIN member AS mm ON mm.rowid = tm.memberRowid WHERE tm.teamRowid = \(teamRowid) ORDER BY tm.memberRowid
                    """, logger)
                let members = ListFilter.membersDefinition
                let filter = try ListFilter(kind: .group).checked(filter, elementsOf: members)
                let definitions = members.subAttributes
                var matching: [Int64] = []
                for row in rows {
                    var element = JSONObject([("value", .string(try row.get(1))), ("type", "User")])
                    if let display = try row.get(4, as: String?.self) { element["display"] = .string(display) }
                    guard FilterEvaluator.matches(filter, element, attributes: definitions) else { continue }
                    matching.append(try row.get(0))
                    delta.steps.append(.removed(try summary(row).summary))
                }
                if !matching.isEmpty {
                    try await db.run(
                        "DELETE FROM teamMembership WHERE teamRowid = \(teamRowid) AND memberRowid = ANY(\(matching)::bigint[])", logger)
                }
            }
        }
        return delta
    }

    private static func remove(
        _ ids: [String], db: PostgresConnection, teamRowid: Int64, organizationRowid: Int64, delta: inout MembershipDelta,
        _ logger: Logger
    ) async throws {
        let found = try await summaries(db, organizationRowid: organizationRowid, ids: ids, logger)
        for id in ids {
            guard let (memberRowid, summary) = found[id] else {
                delta.skip(id)
                continue
            }
            let deleted = try await db.rows(
                "DELETE FROM teamMembership WHERE teamRowid = \(teamRowid) AND memberRowid = \(memberRowid) RETURNING 1", logger)
            if !deleted.isEmpty { delta.steps.append(.removed(summary)) }
        }
    }

    /// Makes the team's members exactly `members` (a PUT), each with exactly the display it
    /// carries, writing only the difference. A repeated id keeps its last non-nil display.
    static func setMembers(
        _ members: [MemberRef], db: PostgresConnection, teamRowid: Int64, organizationRowid: Int64, now: String, _ logger: Logger
    ) async throws -> MembershipDelta {
        var delta = MembershipDelta()
        let found = try await summaries(db, organizationRowid: organizationRowid, ids: members.map(\.value), logger)
        var wanted: [Int64: (summary: MemberSummary, display: String?)] = [:]
        for member in members {
            guard let (memberRowid, summary) = found[member.value] else {
                delta.skip(member.value)
                continue
            }
            wanted[memberRowid] = (summary, member.display ?? wanted[memberRowid]?.display)
        }
        var current: [Int64: String?] = [:]
        for row in try await db.rows("SELECT memberRowid, display FROM teamMembership WHERE teamRowid = \(teamRowid)", logger) {
            current.updateValue(try row.get(1, as: String?.self), forKey: try row.get(0, as: Int64.self))
        }
        let leaving = current.keys.filter { wanted[$0] == nil }.sorted()
        if !leaving.isEmpty {
            let gone = try await db.rows(
                """
                DELETE FROM teamMembership AS tm USING member AS mm
                WHERE tm.teamRowid = \(teamRowid) AND tm.memberRowid = ANY(\(leaving)::bigint[]) AND mm.rowid = tm.memberRowid
                RETURNING mm.rowid, mm.id, mm.userName, mm.externalId
                """, logger)
            delta.steps += try gone.map { try summary($0) }.sorted { $0.rowid < $1.rowid }.map { .removed($0.summary) }
        }
        for (memberRowid, member) in wanted.sorted(by: { $0.key < $1.key }) {
            switch current[memberRowid] {
            case nil:
                try await db.run(
                    """
                    INSERT INTO teamMembership (teamRowid, memberRowid, addedAt, display)
                    VALUES (\(teamRowid), \(memberRowid), \(now), \(member.display))
                    """, logger)
                delta.steps.append(.added(member.summary))
            case let stored? where stored != member.display:
                try await db.run(
                    "UPDATE teamMembership SET display = \(member.display) WHERE teamRowid = \(teamRowid) AND memberRowid = \(memberRowid)",
                    logger)
                delta.displayChanged = true
            default:
                continue
            }
        }
        return delta
    }

    /// The rowid and summary of each of the organization's members among `ids`, by id.
    static func summaries(
        _ db: PostgresConnection, organizationRowid: Int64, ids: [String], _ logger: Logger
    ) async throws -> [String: (Int64, MemberSummary)] {
        guard !ids.isEmpty else { return [:] }
        var found: [String: (Int64, MemberSummary)] = [:]
        for row in try await db.rows(
            """
            SELECT rowid, id, userName, externalId FROM member WHERE id = ANY(\(ids)::text[]) AND organizationRowid = \(organizationRowid)
            """, logger)
        {
            let (rowid, summary) = try summary(row)
            found[summary.id] = (rowid, summary)
        }
        return found
    }

    /// A member from a row of `rowid, id, userName, externalId`.
    static func summary(_ row: PostgresRandomAccessRow) throws -> (rowid: Int64, summary: MemberSummary) {
        (try row.get(0), MemberSummary(id: try row.get(1), userName: try row.get(2), externalId: try row.get(3)))
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
