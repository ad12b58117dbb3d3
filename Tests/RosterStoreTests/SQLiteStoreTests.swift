import Foundation
import GRDB
@testable import RosterSQLite
import RosterStore
import SCIM
import Testing

/// What only the SQLite store promises: its file, its counters, its concurrency and its cursors.
@Suite struct SQLiteStoreTests {
    /// The counters the triggers keep, next to what counting the rows gives.
    private func counters(_ store: SQLiteStore, _ organizationID: String) throws -> (kept: [Int], counted: [Int]) {
        try store.pool.read { db in
            let kept = try Row.fetchOne(
                db, sql: "SELECT activeMembers, memberCount, teamCount FROM organization WHERE id = ?", arguments: [organizationID])!
            let counted = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM member JOIN organization AS o ON o.rowid = organizationRowid WHERE o.id = ?1 AND active),
                           (SELECT count(*) FROM member JOIN organization AS o ON o.rowid = organizationRowid WHERE o.id = ?1),
                           (SELECT count(*) FROM team JOIN organization AS o ON o.rowid = organizationRowid WHERE o.id = ?1)
                    """, arguments: [organizationID])!
            let teamsKept = try Int.fetchAll(db, sql: "SELECT memberCount FROM team ORDER BY rowid")
            let teamsCounted = try Int.fetchAll(
                db, sql: "SELECT (SELECT count(*) FROM teamMembership WHERE teamRowid = team.rowid) FROM team ORDER BY rowid")
            return ([kept[0], kept[1], kept[2]] + teamsKept, [counted[0], counted[1], counted[2]] + teamsCounted)
        }
    }

    @Test func triggersKeepTheCountersExactAndTheFileIsSound() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store)
        var created: [String] = []
        for n in 0..<10 {
            created.append(
                try await store.createMember(organizationID: org.id, attributes: userAttributes("u\(n)@x.com", active: n % 3 != 0), actor: okta).id)
        }
        let ids = created
        let logins = ids.enumerated().map { n, id in MemberRef(value: id, display: "u\(n)@x.com") }
        let red = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Red"), members: logins, actor: okta)
        _ = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Blue"), members: memberRefs(Array(ids.prefix(4))), actor: okta)
        _ = try await store.replaceMember(
            organizationID: org.id, id: ids[1], attributes: userAttributes("u1@x.com", active: false), expectedVersion: nil, actor: okta)
        try await store.deleteMember(organizationID: org.id, id: ids[2], expectedVersion: nil, actor: okta)
        try await store.deleteMember(organizationID: org.id, id: ids[3], expectedVersion: nil, actor: okta)
        _ = try await store.modifyTeam(organizationID: org.id, id: red.team.id, expectedVersion: nil, actor: okta) { current in
            PatchResult(attributes: current.attributes, membership: [.remove([ids[5]]), .removeMatching(try filter("display sw \"u9\""))])
        }
        let (kept, counted) = try counters(store, org.id)
        #expect(kept == counted)
        #expect(kept == [4, 8, 2, 6, 2])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func concurrentMembershipChangesAreNeverLost() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store)
        try await store.seedMembers(organizationID: org.id, count: 50)
        let ids = try await store.members(organizationID: org.id, query: ListQuery(count: 50)).resources.map(\.id)
        let team = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Everyone"), members: [], actor: okta)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                group.addTask {
                    _ = try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: nil, actor: okta) { current in
                        PatchResult(attributes: current.attributes, membership: [.add(memberRefs([id]))])
                    }
                }
            }
            try await group.waitForAll()
        }
        let members = try #require(try await store.team(organizationID: org.id, id: team.team.id, includeMembers: true)?.members)
        #expect(Set(members.map(\.value)) == Set(ids))
        #expect(try await store.team(organizationID: org.id, id: team.team.id, includeMembers: false)?.meta.version == 51)
    }

    @Test func aContinuingPageSeeksAndAnotherProcessesWriteInvalidatesTheCursor() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roster-cursor-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let server = try SQLiteStore.open(path: path)
        // A second connection pool stands in for the console process attached to the same file.
        let console = try SQLiteStore.open(path: path)
        let org = try await makeOrganization(server, seats: 1_000)
        try await server.seedMembers(organizationID: org.id, count: 30)

        let first = try await server.members(organizationID: org.id, query: ListQuery(startIndex: 1, count: 10))
        let generation = try await server.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT generation FROM organization WHERE id = ?", arguments: [org.id])!
        }
        let key = CursorCache.Query(kind: .user, organizationID: org.id, filter: nil, sortBy: nil, descending: false)
        let cursor = try #require(server.cursors.cursor(key, startIndex: 11, generation: generation))
        #expect(cursor.rowid == first.resources.count.asInt64)

        // The other process deletes member 5: the cached position is stale, and page 2 must be
        // what OFFSET gives on the new data, not what the old cursor would.
        try await console.deleteMember(organizationID: org.id, id: first.resources[4].id, expectedVersion: nil, actor: okta)
        let second = try await server.members(organizationID: org.id, query: ListQuery(startIndex: 11, count: 10))
        #expect(second.totalResults == 29)
        #expect(second.resources.first?.userName == SQLiteStore.seedUserName(12))
    }

    /// `GET /Users/{id}` reads on connections of its own (`MemberLookups`): many at once each get
    /// one, and every read sees the writes committed before it, teams included.
    @Test func memberLookupsRunConcurrentlyAndSeeEveryCommittedWrite() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 1_000)
        let actor = okta
        var ids: [String] = []
        for index in 0..<20 {
            ids.append(try await store.createMember(
                organizationID: org.id, attributes: userAttributes("user\(index)@x.com"), actor: actor).id)
        }
        let team = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("Sales"), members: memberRefs([ids[0]]), actor: actor).team
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<10 {
                for (index, id) in ids.enumerated() {
                    group.addTask {
                        let found = try #require(try await store.storedMember(organizationID: org.id, id: id))
                        #expect(found.userName == "user\(index)@x.com" && found.version >= 1, "round \(round)")
                    }
                }
            }
            try await group.waitForAll()
        }
        _ = try await store.replaceTeam(
            organizationID: org.id, id: team.id, attributes: teamAttributes("Sales"), members: memberRefs([ids[1]]),
            expectedVersion: nil, actor: actor)
        _ = try await store.replaceMember(
            organizationID: org.id, id: ids[1], attributes: userAttributes("renamed@x.com"), expectedVersion: nil,
            actor: actor)
        let renamed = try #require(try await store.storedMember(organizationID: org.id, id: ids[1]))
        #expect(renamed.userName == "renamed@x.com" && renamed.version == 2 && renamed.groups.map(\.value) == [team.id])
        #expect(try await store.storedMember(organizationID: org.id, id: ids[0])?.groups == [])
    }

    /// Lookups reuse their read snapshot (`MemberLookups`), yet a write this store acknowledged is
    /// in the very next lookup: each round reads, writes, and reads again well within the
    /// snapshot's lifetime.
    @Test func aLookupRightAfterAnAcknowledgedWriteSeesIt() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 10)
        let id = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta).id
        for round in 1...20 {
            let before = try #require(try await store.storedMember(organizationID: org.id, id: id))
            #expect(before.version == round, "round \(round)")
            _ = try await store.replaceMember(
                organizationID: org.id, id: id, attributes: userAttributes("a\(round)@x.com"), expectedVersion: nil, actor: okta)
            let after = try #require(try await store.storedMember(organizationID: org.id, id: id))
            #expect(after.version == round + 1 && after.userName == "a\(round)@x.com", "round \(round)")
            let byUserName = try await store.storedMembers(
                organizationID: org.id, query: ListQuery(filter: try FilterParser.parse(#"userName eq "a\#(round)@x.com""#)))
            #expect(byUserName.resources.map(\.version) == [round + 1], "round \(round)")
        }
    }

    /// A write by another process (here a second pool on the same file, whose commits this store
    /// does not count) is seen once the snapshot lifetime has passed.
    @Test func aWriteByAnotherProcessIsSeenWithinTheSnapshotLifetime() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 10)
        let id = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta).id
        let other = try SQLiteStore.open(path: store.pool.path)
        #expect(try await store.storedMember(organizationID: org.id, id: id)?.version == 1)
        _ = try await other.replaceMember(
            organizationID: org.id, id: id, attributes: userAttributes("b@x.com"), expectedVersion: nil, actor: okta)
        try await Task.sleep(for: MemberLookups.snapshotLifetime * 3)
        let seen = try #require(try await store.storedMember(organizationID: org.id, id: id))
        #expect(seen.version == 2 && seen.userName == "b@x.com")
    }

    /// The commit counter behind the lookups' snapshots replaces SQLite's WAL hook: it counts
    /// every commit, and the WAL is still checkpointed and reused as SQLite's own hook would
    /// (without it, these writes leave a WAL of ~30 MB).
    @Test func everyCommitIsCountedAndTheWALStillCheckpoints() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 100_000)
        let before = store.lookups.commits.current
        for round in 0..<150 { try await store.seedMembers(organizationID: org.id, count: 100, startIndex: 1 + round * 100) }
        #expect(store.lookups.commits.current >= before + 150)
        let wal = try #require(try FileManager.default.attributesOfItem(atPath: store.pool.path + "-wal")[.size] as? Int)
        #expect(wal < 8 << 20, "WAL of \(wal) bytes")
    }

    /// Idle lookup connections give their snapshots up: a snapshot still held would keep a
    /// truncating checkpoint from completing (SQLite answers busy once the 5 s wait is over).
    @Test func idleLookupsHoldNoSnapshotThatPinsTheWAL() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 100)
        var ids: [String] = []
        for index in 0..<10 {
            ids.append(try await store.createMember(
                organizationID: org.id, attributes: userAttributes("u\(index)@x.com"), actor: okta).id)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids { group.addTask { _ = try await store.storedMember(organizationID: org.id, id: id) } }
            try await group.waitForAll()
        }
        _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("late@x.com"), actor: okta)
        try await store.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        let wal = try FileManager.default.attributesOfItem(atPath: store.pool.path + "-wal")[.size] as? Int
        #expect(wal == 0)
    }

    /// Writes that arrive together share a transaction (`GroupCommit`); one that fails is rolled
    /// back alone, and every caller hears of its own outcome only after the commit.
    @Test func groupedWritesFailAloneAndCommitTogether() async throws {
        struct Refused: Error {}
        let store = try SQLiteStore.temporary()
        try await store.pool.write { db in try db.execute(sql: "CREATE TABLE scratch (n INTEGER PRIMARY KEY)") }
        let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for n in 0..<200 {
                group.addTask {
                    do {
                        try await store.groupCommit.write { db in
                            try db.execute(sql: "INSERT INTO scratch (n) VALUES (?)", arguments: [n])
                            if n % 7 == 0 { throw Refused() }  // after its insert: the savepoint must undo it
                        }
                        return (n, true)
                    } catch is Refused {
                        return (n, false)
                    }
                }
            }
            return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        let kept = try await store.pool.read { db in try Int.fetchAll(db, sql: "SELECT n FROM scratch ORDER BY n") }
        #expect(kept == (0..<200).filter { $0 % 7 != 0 })
        #expect(outcomes.count == 200 && outcomes.allSatisfy { $0.value == ($0.key % 7 != 0) })

        // A unique violation in one write (409 for a client) leaves the writes around it in place.
        let org = try await makeOrganization(store, seats: 1_000)
        let names = ["a@x.com", "b@x.com", "A@X.COM", "c@x.com"]
        let results = await withTaskGroup(of: Bool.self) { group in
            for name in names {
                group.addTask {
                    (try? await store.createMember(organizationID: org.id, attributes: userAttributes(name), actor: okta)) != nil
                }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(results == 3)
        let page = try await store.members(organizationID: org.id, query: ListQuery())
        let counts = try counters(store, org.id)
        #expect(page.totalResults == 3 && counts.kept == counts.counted)
    }

    @Test func committedWritesSurviveReopening() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roster-reopen-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let (orgID, memberID): (String, String)
        do {
            let store = try SQLiteStore.open(path: path)
            let org = try await makeOrganization(store)
            let member = try await store.createMember(organizationID: org.id, attributes: userAttributes("keep@x.com"), actor: okta)
            (orgID, memberID) = (org.id, member.id)
        }
        let reopened = try SQLiteStore.open(path: path)
        #expect(try await reopened.member(organizationID: orgID, id: memberID)?.userName == "keep@x.com")
        let mode = try await reopened.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        #expect(try reopened.integrityCheck() == "ok")
    }

    @Test func seedingWritesWhatACreateWould() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 3_000)
        try await store.seedMembers(organizationID: org.id, count: 2_000, batchSize: 300)
        #expect(try await store.organization(id: org.id)?.activeMembers == 2_000)
        let found = try await store.members(organizationID: org.id, query: ListQuery(filter: try filter("emails.value eq \"USER0001234@example.com\"")))
        let member = try #require(found.resources.first)
        #expect(found.totalResults == 1)
        #expect(member.userName == "user0001234@example.com" && member.externalId == "seed0001234" && member.displayName == "User 0001234")

        let team = try await store.seedTeam(organizationID: org.id, displayName: "All hands", memberCount: 1_500)
        let loaded = try #require(try await store.team(organizationID: org.id, id: team.id, includeMembers: true))
        #expect(loaded.members?.count == 1_500)
        // Each membership's display is the member's userName, as Okta would send it.
        let first = try await store.members(organizationID: org.id, query: ListQuery(count: 1)).resources[0]
        #expect(loaded.members?.first == MemberRef(value: first.id, display: "user0000001@example.com"))

        // The seat limit holds for seeding as for creates; numbers already used are refused.
        await expectSCIMError(status: 403) { try await store.seedMembers(organizationID: org.id, count: 1_001) }
        await expectSCIMError(status: 409, scimType: .uniqueness) { try await store.seedMembers(organizationID: org.id, count: 1, startIndex: 7) }
        #expect(try store.integrityCheck() == "ok")
    }
}

extension Int {
    fileprivate var asInt64: Int64 { Int64(self) }
}
