import Foundation
import RosterStore
import SCIM
import Testing

@Suite struct LogContractTests {
    private func entry(_ n: Int, org: String?, status: Int = 200, resource: String? = nil, time: Date? = nil) -> RequestLogEntry {
        RequestLogEntry(
            time: time ?? Date(timeIntervalSince1970: 1_800_000_000 + Double(n)), organizationID: org, method: "GET",
            path: "/scim/v2/Users", query: "startIndex=\(n)", status: status, latencyMicros: 100 + n, clientAddress: "127.0.0.1",
            userAgent: "Okta SCIM Client", keyPrefix: "rst_abcdefgh",
            requestHeaders: ["Authorization": "Bearer [redacted]", "Accept": "application/scim+json", "If-Match": "W/\"3\" ✓"],
            requestBody: "",
            responseBody: "{}", summary: "Okta · list members \(n)", resourceID: resource, scimType: status >= 400 ? "invalidFilter" : nil)
    }

    @Test(arguments: StoreFactory.all)
    func requestLogIsNewestFirstAndFilterable(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        try await store.appendRequestLog((1...6).map { entry($0, org: $0 % 2 == 0 ? "a" : "b", status: $0 == 4 ? 400 : 200, resource: $0 == 5 ? "r5" : nil) })
        try await store.appendRequestLog([])

        let all = try await store.requestLog(RequestLogQuery())
        #expect(all.map(\.query) == (1...6).reversed().map { "startIndex=\($0)" })
        let stored = try #require(all.first)
        var expected = entry(6, org: "a")
        expected.id = stored.id
        #expect(stored == expected)

        #expect(try await store.requestLog(RequestLogQuery(organizationID: "a")).map(\.latencyMicros) == [106, 104, 102])
        #expect(try await store.requestLog(RequestLogQuery(errorsOnly: true)).map(\.status) == [400])
        #expect(try await store.requestLog(RequestLogQuery(resourceID: "r5")).map(\.latencyMicros) == [105])
        let ids = all.map(\.id)
        #expect(try await store.requestLog(RequestLogQuery(beforeID: ids[1], limit: 2)).map(\.id) == [ids[2], ids[3]])
        #expect(try await store.requestLog(RequestLogQuery(afterID: ids[2])).map(\.id) == [ids[0], ids[1]])
        #expect(try await store.requestLog(RequestLogQuery(limit: 0)).isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func pruningPastOneTransactionDeletesEverythingPastTheLimit(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        try await store.appendRequestLog((1...4_500).map { entry($0, org: "a") })  // more than two prune chunks
        #expect(try await store.pruneRequestLog(keepLatest: 3, olderThan: .distantPast) == 4_497)
        #expect(try await store.requestLog(RequestLogQuery()).map(\.latencyMicros) == [4_600, 4_599, 4_598])
    }

    @Test(arguments: StoreFactory.all)
    func pruningKeepsTheNewestAndDropsTheOld(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        try await store.appendRequestLog((1...10).map { entry($0, org: "a") })
        // Keep the 6 newest, and nothing older than entry 6's time.
        let deleted = try await store.pruneRequestLog(keepLatest: 6, olderThan: Date(timeIntervalSince1970: 1_800_000_006))
        #expect(deleted == 5)
        #expect(try await store.requestLog(RequestLogQuery()).map(\.latencyMicros) == [110, 109, 108, 107, 106])
        #expect(try await store.pruneRequestLog(keepLatest: 100, olderThan: .distantPast) == 0)
        #expect(try await store.pruneRequestLog(keepLatest: 0, olderThan: .distantPast) == 5)
        #expect(try await store.requestLog(RequestLogQuery()).isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func pruningByAgeDropsEveryExpiredEntryWhateverTheCountLimit(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        try await store.appendRequestLog((1...10).map { entry($0, org: "a") })
        #expect(try await store.pruneRequestLog(keepLatest: 100, olderThan: Date(timeIntervalSince1970: 1_800_000_004)) == 3)
        #expect(try await store.pruneRequestLog(keepLatest: 100, olderThan: Date(timeIntervalSince1970: 1_900_000_000)) == 7)
        #expect(try await store.requestLog(RequestLogQuery()).isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func operatorsChangesAreAuditedNewestFirstPerOrganizationAndSCIMChangesAreNot(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let alice = ChangeActor.console(operator: "alice")
        let a = try await makeOrganization(store, name: "A")
        let b = try await makeOrganization(store, name: "B")
        let key = try await store.createAPIKey(organizationID: a.id, label: "okta-prod", expiresAt: nil, actor: alice)
        _ = try await store.createAPIKey(organizationID: b.id, label: "entra", expiresAt: nil, actor: alice)
        let ana = try await store.createMember(organizationID: a.id, attributes: userAttributes("ana@example.com"), actor: alice)
        _ = try await store.createMember(organizationID: a.id, attributes: userAttributes("bo@example.com"), actor: okta)
        try await store.revokeAPIKey(id: key.key.id, at: Date(), actor: .cli(user: "root"))

        let forA = try await store.auditLog(organizationID: a.id, limit: 10)
        #expect(forA.map(\.action) == ["key.revoked", "member.created", "key.created", "organization.created"])
        #expect(forA.map(\.actor) == ["cli:root", "console:alice", "console:alice", "cli:test"])
        #expect(forA[1].target == "ana@example.com" && forA[1].detail == "id \(ana.id)")
        #expect(forA[2].target == key.key.prefix && forA[2].detail == "okta-prod")
        #expect(forA.allSatisfy { $0.id != 0 && $0.organizationID == a.id })
        #expect(try await store.auditLog(organizationID: nil, limit: 2).map(\.action) == ["key.revoked", "member.created"])
    }

    @Test(arguments: StoreFactory.all)
    func aRefusedChangeLeavesNoAuditEntry(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store, seats: 0)
        await expectSCIMError(status: 403) {
            _ = try await store.createMember(
                organizationID: org.id, attributes: userAttributes("ana@example.com"), actor: .console(operator: "alice"))
        }
        #expect(try await store.auditLog(organizationID: org.id, limit: 10).map(\.action) == ["organization.created"])
    }
}
