import Foundation
import GRDB
import RosterSQLite
import RosterStore
import SCIM
import Testing

/// Timings at scale, run on demand: `ROSTER_BENCH_MEMBERS=1000000 swift test -c release
/// -Xswiftc -enable-testing --filter SQLiteScaleBenchmark`. Seeds the members and a team of up
/// to 100,000 of them into a temporary file (or a new file at `ROSTER_BENCH_PATH`, kept for
/// inspection) and prints what the hot paths cost; it asserts only that each answer is right.
@Suite struct SQLiteScaleBenchmark {
    static let members = Int(ProcessInfo.processInfo.environment["ROSTER_BENCH_MEMBERS"] ?? "") ?? 0

    private func time<T>(_ label: String, repeat count: Int = 1, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        var result: T?
        for _ in 0..<count { result = try await body() }
        let elapsed = ContinuousClock.now - start
        let each = elapsed / count
        print("bench \(label): \(count == 1 ? "\(elapsed)" : "\(each) each over \(count)")")
        return result!
    }

    @Test(.enabled(if: members > 0, "set ROSTER_BENCH_MEMBERS to run"))
    func hotPathsAtScale() async throws {
        let n = Self.members
        let keptPath = ProcessInfo.processInfo.environment["ROSTER_BENCH_PATH"]
        let store = try keptPath.map { try SQLiteStore.open(path: $0) } ?? SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: n + 1_000)
        try await time("seed \(n) members") { try await store.seedMembers(organizationID: org.id, count: n) }
        let teamSize = min(n, 100_000)
        let team = try await time("seed a team of \(teamSize)") {
            try await store.seedTeam(organizationID: org.id, displayName: "Everyone", memberCount: teamSize)
        }

        let firstPage = try await time("page 1 of 100 (startIndex=1)") {
            try await store.members(organizationID: org.id, query: ListQuery(startIndex: 1, count: 100))
        }
        #expect(firstPage.totalResults == n && firstPage.resources.count == min(n, 100))
        let someID = firstPage.resources.last!.id
        let got = try await time("GET member by id", repeat: 1_000) { try await store.member(organizationID: org.id, id: someID) }
        #expect(got?.groups?.count == 1)

        let userName = SQLiteStore.seedUserName(n / 2)
        let byName = try await time("filter userName eq", repeat: 1_000) {
            try await store.members(organizationID: org.id, query: ListQuery(filter: try filter("userName eq \"\(userName.uppercased())\"")))
        }
        #expect(byName.resources.first?.userName == userName)
        let byEmail = try await time("filter emails.value eq", repeat: 1_000) {
            try await store.members(organizationID: org.id, query: ListQuery(filter: try filter("emails.value eq \"\(userName)\"")))
        }
        #expect(byEmail.totalResults == 1)

        let middle = n / 2 + 1
        let offsetPage = try await time("page at startIndex \(middle) by OFFSET") {
            try await store.members(organizationID: org.id, query: ListQuery(startIndex: middle, count: 100))
        }
        let seekPage = try await time("next page (startIndex \(middle + 100)) by seek") {
            try await store.members(organizationID: org.id, query: ListQuery(startIndex: middle + 100, count: 100))
        }
        #expect(offsetPage.resources.first?.userName == SQLiteStore.seedUserName(middle))
        #expect(seekPage.resources.first?.userName == SQLiteStore.seedUserName(middle + 100))

        let inactive = try await time("count active eq false (count=0)") {
            try await store.members(organizationID: org.id, query: ListQuery(filter: try filter("active eq false"), count: 0))
        }
        #expect(inactive.totalResults == 0)

        let loaded = try await time("GET team with \(teamSize) members") {
            try await store.team(organizationID: org.id, id: team.id, includeMembers: true)
        }
        #expect(loaded?.members?.count == teamSize)
        _ = try await time("GET team without members", repeat: 100) {
            try await store.team(organizationID: org.id, id: team.id, includeMembers: false)
        }
        let outsider = try await store.createMember(organizationID: org.id, attributes: userAttributes("outsider@x.com"), actor: okta)
        let added = try await time("PATCH add 1 member to the \(teamSize)-member team") {
            try await store.modifyTeam(organizationID: org.id, id: team.id, expectedVersion: nil, actor: okta) { current in
                PatchResult(attributes: current.attributes, membership: [.add(memberRefs([outsider.id]))])
            }
        }
        #expect(added.skippedMemberIDs.isEmpty)
        _ = try await time("PATCH remove 1 member by value eq") {
            try await store.modifyTeam(organizationID: org.id, id: team.id, expectedVersion: nil, actor: okta) { current in
                PatchResult(attributes: current.attributes, membership: [.removeMatching(try filter("value eq \"\(outsider.id)\""))])
            }
        }
        _ = try await time("create member", repeat: 200) {
            try await store.createMember(organizationID: org.id, attributes: userAttributes("c\(UUID().uuidString)@x.com"), actor: okta)
        }
        _ = try await time("DELETE team of \(teamSize)") {
            try await store.deleteTeam(organizationID: org.id, id: team.id, expectedVersion: nil, actor: okta)
        }
        let size = try FileManager.default.attributesOfItem(atPath: store.pool.path)[.size] as? Int ?? 0
        print("bench database file: \(size / 1_000_000) MB (plus WAL)")
    }
}
