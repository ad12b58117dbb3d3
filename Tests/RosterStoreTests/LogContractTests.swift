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
    func auditLogIsNewestFirstPerOrganization(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let time = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.appendAudit(AuditEntry(time: time, organizationID: "a", actor: "console:ops", action: "key.create", target: "rst_1"))
        try await store.appendAudit(AuditEntry(time: time, organizationID: "b", actor: "console:ops", action: "key.revoke", target: "rst_2"))
        try await store.appendAudit(
            AuditEntry(time: time, organizationID: "a", actor: "console:ops", action: "member.edit", target: "m1", detail: "displayName"))
        let forA = try await store.auditLog(organizationID: "a", limit: 10)
        #expect(forA.map(\.action) == ["member.edit", "key.create"])
        #expect(forA.first?.detail == "displayName" && forA.first?.time == time && forA.first?.id != 0)
        #expect(try await store.auditLog(organizationID: nil, limit: 2).map(\.target) == ["m1", "rst_2"])
    }
}
