import Foundation
import Hummingbird
import RosterSQLite
import RosterStore
import SCIM
import Testing

@testable import RosterServer

/// `GET /Groups/{id}` and `GET /Groups` write team members from the store's rows straight into the
/// body: the bytes must be those the `JSONValue` tree (`SCIMResource.json` → projection →
/// `JSONWriter`) gives, for every projection, and the request log must still summarise the read.
struct TeamReadTests {
    private static let projections: [String] = [
        "", "?attributes=members", "?attributes=members.value,displayName", "?attributes=members.display",
        "?excludedAttributes=members.display", "?excludedAttributes=members", "?attributes=displayName",
        "?excludedAttributes=members.value,meta",
    ]

    /// A team whose members carry displays that need escaping (one has none), and an empty team.
    private static func seed(_ server: TestServer, client: SCIMClient) async throws -> (big: String, empty: String) {
        var members: [MemberRef] = []
        for index in 0..<12 {
            let id = try await client.createUser("user\(index)@acme.com")
            members.append(MemberRef(value: id, display: index == 3 ? nil : "User \"\(index)\" Zoë\n"))
        }
        let okta = ChangeActor.scim(client: "Okta", keyLabel: "test key")
        let big = try await server.store.createTeam(
            organizationID: server.organization.id, attributes: JSONObject([("displayName", "Sales \\ \"EMEA\"")]),
            members: members, actor: okta)
        let empty = try await server.store.createTeam(
            organizationID: server.organization.id, attributes: JSONObject([("displayName", "Nobody")]), members: [],
            actor: okta)
        return (big.team.id, empty.team.id)
    }

    /// The base URL the server put in `meta.location`.
    private static func baseURL(of reply: Reply, id: String) throws -> String {
        let location = try #require(reply.json?.at("meta.location")?.stringValue)
        return String(location.dropLast("/Groups/\(id)".count))
    }

    private static func projection(_ query: String) throws -> AttributeProjection? {
        let parameters = QueryParameters(String(query.dropFirst()))
        guard !query.isEmpty else { return nil }
        return try AttributeProjection(
            attributes: parameters["attributes"], excludedAttributes: parameters["excludedAttributes"], kind: .group)
    }

    @Test func readWritesTheTreesBytesForEveryProjection() async throws {
        let server = try await TestServer.make()
        try await server.run { client in
            let (big, empty) = try await Self.seed(server, client: client)
            let baseURL = try Self.baseURL(of: try await client.get("Groups/\(big)"), id: big)
            for id in [big, empty] {
                let team = try #require(
                    try await server.store.team(organizationID: server.organization.id, id: id, includeMembers: true))
                for query in Self.projections {
                    let reply = try await client.get("Groups/\(id)\(query)")
                    let representation = team.json(baseURL: baseURL)
                    let expected = JSONWriter().string(.object(try Self.projection(query)?.apply(representation) ?? representation))
                    #expect(reply.status == 200)
                    #expect(reply.text == expected, "GET Groups/\(id)\(query)")
                    #expect(reply.headers[.eTag] == team.meta.etag)
                    #expect(reply.headers[.contentType] == SCIMResponse.contentType)
                }
            }
        }
    }

    @Test func listWritesTheTreesBytesForEveryProjection() async throws {
        let server = try await TestServer.make()
        try await server.run { client in
            let (big, _) = try await Self.seed(server, client: client)
            let baseURL = try Self.baseURL(of: try await client.get("Groups/\(big)"), id: big)
            for query in Self.projections + ["?count=1", "?count=0", "?startIndex=2", "?filter=displayName%20eq%20%22Nobody%22"] {
                let projection = query.contains("ttributes") ? try Self.projection(query) : nil
                var listQuery = ListQuery(includeMembers: projection?.wantsMembers ?? true)
                let parameters = QueryParameters(String(query.dropFirst()))
                if let count = parameters["count"].flatMap({ Int($0) }) { listQuery.count = count }
                if let start = parameters["startIndex"].flatMap({ Int($0) }) { listQuery.startIndex = start }
                if let filter = parameters["filter"] { listQuery.filter = try FilterParser.parse(filter) }
                let page = try await server.store.teams(organizationID: server.organization.id, query: listQuery)
                let expected = ListResponse.json(
                    page: page, startIndex: listQuery.startIndex, baseURL: baseURL, projection: projection)
                let reply = try await client.get("Groups\(query)")
                #expect(reply.status == 200)
                #expect(reply.text == expected.jsonString, "GET Groups\(query)")
            }
        }
    }

    @Test func ifNoneMatchAndUnknownIds() async throws {
        let server = try await TestServer.make()
        try await server.run { client in
            let (big, _) = try await Self.seed(server, client: client)
            let etag = try #require(try await client.get("Groups/\(big)").headers[.eTag])
            let unchanged = try await client.get("Groups/\(big)", headers: [.ifNoneMatch: etag])
            #expect(unchanged.status == 304)
            #expect(unchanged.text.isEmpty)
            #expect(unchanged.headers[.eTag] == etag)
            #expect(try await client.get("Groups/\(big)", headers: [.ifNoneMatch: "W/\"999\""]).status == 200)
            let missing = try await client.get("Groups/0000000000000000000000000000000")
            #expect(missing.status == 404)
            #expect(missing.detail?.contains("0000000000000000000000000000000") == true)
        }
    }

    /// A team read is summarised by its name (the store keeps a successful read lean: no body).
    @Test func requestLogSummarisesTheReads() async throws {
        let server = try await TestServer.make(configuration: ServerConfiguration(port: 0, requestLogBodyLimit: 300))
        try await server.run { client, requestLog async throws in
            let recorder = try #require(requestLog)
            let (big, _) = try await Self.seed(server, client: client)
            #expect(try await client.get("Groups/\(big)").status == 200)
            _ = try await client.get("Groups")
            await recorder.flush()
            let newest = try await server.store.requestLog(RequestLogQuery(limit: 2))
            #expect(newest.map(\.summary) == ["Okta · list teams", "Okta · read team Sales \\ \"EMEA\""])
        }
    }
}
