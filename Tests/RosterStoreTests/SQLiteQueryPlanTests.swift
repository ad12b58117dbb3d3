import Foundation
import GRDB
@testable import RosterSQLite
import RosterStore
import SCIM
import Testing

/// The filters clients really send must be index lookups, never a scan of every member: at
/// 1,000,000 members a scan costs tens of milliseconds per request.
@Suite struct SQLiteQueryPlanTests {
    /// The plan of the page query the store runs for `filter`, one `detail` line per step.
    private func plan(_ store: SQLiteStore, _ kind: ResourceKind, organizationID: String, _ text: String) throws -> [String] {
        return try store.pool.read { db in
            let rowid = try #require(try OrganizationRow.rowid(db, id: organizationID))
            let list = try ListSQL(kind: kind, organizationRowid: rowid, query: ListQuery(filter: try filter(text)))
            let page = list.page(startIndex: 1, limit: 100, after: nil)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + page.sql, arguments: page.statementArguments).map { $0["detail"] }
        }
    }

    private func expectIndexed(_ plan: [String], _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let scans = plan.filter { $0.hasPrefix("SCAN m") || $0.hasPrefix("SCAN t") || $0.hasPrefix("SCAN member") || $0.hasPrefix("SCAN team") }
        #expect(scans.isEmpty, "\(text): \(plan)", sourceLocation: sourceLocation)
        let indexed = plan.contains { $0.contains("USING INDEX") || $0.contains("USING COVERING INDEX") || $0.contains("PRIMARY KEY") }
        #expect(indexed, "\(text): \(plan)", sourceLocation: sourceLocation)
    }

    @Test func memberLookupsUseIndexes() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 10_000)
        let other = try await makeOrganization(store, name: "Other", seats: 10_000)
        try await store.seedMembers(organizationID: org.id, count: 2_000)
        try await store.seedMembers(organizationID: other.id, count: 500, startIndex: 5_000)
        let filters = [
            "id eq \"0b5e2a40-7e5d-4c1f-9a51-1f5c8a3e0d11\"",
            "userName eq \"User0000123@example.com\"",
            "userName sw \"user00001\"",
            "externalId eq \"seed0000123\"",
            "emails.value eq \"user0000123@example.com\"",
            "emails[value eq \"user0000123@example.com\" and type eq \"work\"]",
            "displayName eq \"User 0000123\"",
            "active eq false",
            "meta.lastModified gt \"2026-01-01T00:00:00Z\"",
            "groups.value eq \"0b5e2a40-7e5d-4c1f-9a51-1f5c8a3e0d11\"",
        ]
        for text in filters {
            expectIndexed(try plan(store, .user, organizationID: org.id, text), text)
        }
    }

    @Test func membersByIDsLookUpEachID() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 10_000)
        try await store.seedMembers(organizationID: org.id, count: 2_000)
        let plan = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.membersByIDsSQL, arguments: [#"["a","b"]"#, 1])
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.hasPrefix("SEARCH m USING INDEX sqlite_autoindex_member") && $0.contains("(id=?)") }, "\(plan)")
        #expect(!plan.contains { $0.contains("member_organization") }, "\(plan)")
    }

    @Test(arguments: MemberLookups.Key.allCases)
    func aMemberLookupAndItsTeamsAreIndexProbes(_ key: MemberLookups.Key) async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 10_000)
        try await store.seedMembers(organizationID: org.id, count: 2_000)
        let plan = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + key.sql, arguments: ["a", org.id]).map { $0["detail"] as String }
        }
        let index = key == .id ? "(id=?)" : "(organizationRowid=? AND userNameKey=?)"
        #expect(plan.contains { $0.hasPrefix("SEARCH m USING INDEX sqlite_autoindex_member") && $0.contains(index) }, "\(plan)")
        #expect(plan.contains { $0.contains("teamMembership_member") }, "\(plan)")
        expectIndexed(plan, "member by \(key) with its teams")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    /// The teams of one member (by rowid) and of a page of members (a JSON array of rowids) come
    /// from the covering index in its own order: nothing is sorted.
    @Test(arguments: zip([SQLiteStore.groupsOfMemberSQL, SQLiteStore.groupsOfMembersSQL], ["1", "[1,2]"]))
    func theTeamsOfMembersAreIndexProbesWithoutSorting(sql: String, rowids: String) async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 10_000)
        try await store.seedMembers(organizationID: org.id, count: 2_000)
        let plan = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [rowids]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("teamMembership_member") }, "\(plan)")
        expectIndexed(plan, "teams of members")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test func pagesFollowAnIndexWithoutSorting() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 10_000)
        try await store.seedMembers(organizationID: org.id, count: 1_000)
        let cursor = CursorCache.Cursor(generation: 0, sortKey: 500.databaseValue, rowid: 500)
        let byUserName = CursorCache.Cursor(generation: 0, sortKey: "user0000500@example.com".databaseValue, rowid: 500)
        let cases: [(ListQuery, CursorCache.Cursor?)] = [
            (ListQuery(), nil),
            (ListQuery(startIndex: 501), cursor),
            (ListQuery(sortBy: AttributePath(attribute: "userName")), nil),
            (ListQuery(sortBy: AttributePath(attribute: "userName"), startIndex: 501), byUserName),
            (ListQuery(sortBy: AttributePath(attribute: "userName"), descending: true, startIndex: 501), byUserName),
            (ListQuery(filter: try filter("active eq true"), startIndex: 501), cursor),
        ]
        for (query, cursor) in cases {
            let plan = try await store.pool.read { db in
                let rowid = try #require(try OrganizationRow.rowid(db, id: org.id))
                let page = try ListSQL(kind: .user, organizationRowid: rowid, query: query)
                    .page(startIndex: query.startIndex, limit: 100, after: cursor)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + page.sql, arguments: page.statementArguments).map { $0["detail"] as String }
            }
            expectIndexed(plan, "\(query)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(query): \(plan)")
        }
    }

    @Test func teamLookupsUseIndexes() async throws {
        let store = try SQLiteStore.temporary()
        let org = try await makeOrganization(store, seats: 10_000)
        try await store.seedMembers(organizationID: org.id, count: 1_000)
        for n in 0..<50 { _ = try await store.seedTeam(organizationID: org.id, displayName: "Team \(n)", memberCount: n * 10) }
        for text in ["displayName eq \"team 7\"", "externalId eq \"00g7\"", "members.value eq \"0b5e2a40-7e5d-4c1f-9a51-1f5c8a3e0d11\""] {
            expectIndexed(try plan(store, .group, organizationID: org.id, text), text)
        }
    }
}
