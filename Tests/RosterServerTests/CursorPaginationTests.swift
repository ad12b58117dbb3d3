import Foundation
import Hummingbird
import RosterServer
import RosterStore
import SCIM
import Testing

/// RFC 9865 cursor-based pagination beside `startIndex` paging.
@Suite struct CursorPaginationTests {
    /// Follows `nextCursor` from an empty cursor to the last page; returns each page's ids.
    private func pages(_ client: SCIMClient, _ path: String) async throws -> [[String]] {
        var pages: [[String]] = []
        var cursor = ""
        while pages.count < 50 {
            let separator = path.contains("?") ? "&" : "?"
            let reply = try await client.get("\(path)\(separator)cursor=\(cursor)")
            #expect(reply.status == 200, "\(reply.text)")
            pages.append(reply.resources.compactMap { $0["id"]?.stringValue })
            guard let next = reply.json?["nextCursor"]?.stringValue else { return pages }
            cursor = next
        }
        Issue.record("nextCursor never ended")
        return pages
    }

    @Test func serviceProviderConfigAdvertisesBothMethods() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let pagination = try #require(try await client.get("ServiceProviderConfig").json?["pagination"])
            #expect(pagination["cursor"]?.boolValue == true)
            #expect(pagination["index"]?.boolValue == true)
            #expect(pagination["defaultPaginationMethod"]?.stringValue == "index")
            #expect(pagination["defaultPageSize"]?.numberValue == Double(server.configuration.defaultPageSize))
            #expect(pagination["maxPageSize"]?.numberValue == Double(server.configuration.maxPageSize))
        }
    }

    @Test func nextCursorWalksEveryMemberOnceAndEndsOnTheLastPage() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            var ids: Set<String> = []
            for n in 1...11 { ids.insert(try await client.createUser("cursor\(n)@acme.com")) }
            let walked = try await pages(client, "Users?count=4&sortBy=userName")
            #expect(walked.map(\.count) == [4, 4, 3])
            #expect(Set(walked.joined()) == ids)
            #expect(walked.joined().count == 11)
            let first = try await client.get("Users?cursor&count=4&sortBy=userName")
            #expect(first.totalResults == 11)
            #expect(first.json?["itemsPerPage"]?.numberValue == 4)
        }
    }

    @Test func filteredGroupsAndSearchesPageByCursorToo() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            for n in 1...5 { _ = try await client.createGroup("Team \(n)") }
            _ = try await client.createGroup("Other")
            let filter = OktaBodies.encoded(#"displayName sw "Team""#)
            let walked = try await pages(client, "Groups?filter=\(filter)&count=2&excludedAttributes=members")
            #expect(walked.map(\.count) == [2, 2, 1])

            let search = try await client.post(
                "Groups/.search", ["schemas": [.string(SCIMURN.searchRequest)], "filter": #"displayName sw "Team""#, "cursor": "", "count": 3])
            #expect(search.resources.count == 3)
            let next = try #require(search.json?["nextCursor"]?.stringValue)
            let rest = try await client.post(
                "Groups/.search", ["schemas": [.string(SCIMURN.searchRequest)], "filter": #"displayName sw "Team""#, "cursor": .string(next), "count": 3])
            #expect(rest.resources.count == 2)
            #expect(rest.json?["nextCursor"] == nil)
        }
    }

    @Test func indexPagingCarriesNoCursor() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            for n in 1...3 { _ = try await client.createUser("index\(n)@acme.com") }
            let reply = try await client.get("Users?startIndex=1&count=2")
            #expect(reply.resources.count == 2)
            #expect(reply.json?["nextCursor"] == nil)
        }
    }

    @Test func badCursorsAndCountsAreClearErrors() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            for n in 1...3 { _ = try await client.createUser("bad\(n)@acme.com") }
            let first = try await client.get("Users?cursor&count=1&sortBy=userName")
            let next = try #require(first.json?["nextCursor"]?.stringValue)
            let otherQuery = try await client.get("Users?cursor=\(next)&count=1&sortBy=displayName")
            #expect(expectSCIMError(otherQuery, status: 400, scimType: "invalidCursor").contains("another query"))
            let garbage = try await client.get("Users?cursor=not-a-cursor")
            #expect(expectSCIMError(garbage, status: 400, scimType: "invalidCursor").contains("not-a-cursor"))
            let zero = try await client.get("Users?cursor&count=0")
            #expect(expectSCIMError(zero, status: 400, scimType: "invalidCount").contains("between 1 and"))
            let tooMany = try await client.get("Users?cursor&count=\(server.configuration.maxPageSize + 1)")
            expectSCIMError(tooMany, status: 400, scimType: "invalidCount")
            let both = try await client.get("Users?cursor&startIndex=2")
            #expect(expectSCIMError(both, status: 400, scimType: "invalidValue").contains("not both"))
        }
    }
}
