import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

/// HTTP-level behaviour: media types, query decoding, paging, errors for unknown routes and methods.
@Suite struct ProtocolTests {
    @Test func testAPICredentialsOnAnEmptyOrganization() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let users = try await client.get("Users?startIndex=1&count=2")
            #expect(users.status == 200)
            #expect(users.headers[.contentType] == "application/scim+json; charset=utf-8")
            #expect(users.text.contains("\"totalResults\":0"))
            #expect(users.text.contains("\"Resources\":[]"))
            #expect(users.json?["startIndex"]?.numberValue == 1)
            #expect(users.json?["itemsPerPage"]?.numberValue == 0)
            let groups = try await client.get("Groups?startIndex=1&count=100")
            #expect(groups.status == 200)
            #expect(groups.totalResults == 0)
        }
    }

    @Test func bothMediaTypesAndNoneAreAccepted() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            for (i, type) in ["application/scim+json", "application/json", "application/json; charset=utf-8",
                              "Application/SCIM+JSON; charset=UTF-8", nil].enumerated() {
                let reply = try await client.request(.post, "Users", json: OktaBodies.user("media\(i)@acme.com"), contentType: type)
                #expect(reply.status == 201, "\(type ?? "no Content-Type")")
            }
            let unsupported = try await client.request(
                .post, "Users", json: OktaBodies.user("xml@acme.com"), contentType: "application/xml")
            #expect(unsupported.status == 415)
            #expect(unsupported.schemas.contains(SCIMURN.error))
            #expect(unsupported.detail?.contains("application/xml") == true)
        }
    }

    @Test func plusIsASpaceAndParameterOrderIsFree() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createUser("wang.xiaoming+test@acme.com")
            for query in [
                "filter=userName+eq+%22WANG.XIAOMING%2Btest%40acme.com%22&startIndex=1&count=100",
                "count=100&filter=userName%20eq%20%22wang.xiaoming%2Btest%40acme.com%22&startIndex=1",
                "STARTINDEX=1&Filter=userName+eq+%22wang.xiaoming%2Btest@acme.com%22",
            ] {
                let reply = try await client.get("Users?\(query)")
                #expect(reply.status == 200)
                #expect(reply.totalResults == 1, "\(query)")
                #expect(reply.resources.first?["id"]?.stringValue == id)
            }
        }
    }

    @Test func pagingIsStableAndCountIsClamped() async throws {
        var configuration = ServerConfiguration(port: 0)
        configuration.maxPageSize = 100
        let server = try await TestServer.make(seats: 300, configuration: configuration)
        try await server.run { client async throws in
            for i in 0..<105 { _ = try await client.createUser(String(format: "user%03d@acme.com", i)) }
            let first = try await client.get("Users?startIndex=1&count=100")
            #expect(first.resources.count == 100)
            #expect(first.totalResults == 105)
            let second = try await client.get("Users?startIndex=101&count=100")
            #expect(second.resources.count == 5)
            #expect(second.json?["startIndex"]?.numberValue == 101)
            let ids = (first.resources + second.resources).compactMap { $0["id"]?.stringValue }
            #expect(Set(ids).count == 105)

            #expect(try await client.get("Users?count=5000").resources.count == 100, "capped at maxPageSize")
            #expect(try await client.get("Users").resources.count == 100, "default page")
            let none = try await client.get("Users?count=-3")
            #expect(none.status == 200)
            #expect(none.resources.isEmpty)
            #expect(none.totalResults == 105)
            #expect(try await client.get("Users?startIndex=-4&count=1").json?["startIndex"]?.numberValue == 1)
            let bad = try await client.get("Users?count=ten")
            #expect(bad.status == 400)
            #expect(bad.json?["scimType"]?.stringValue == "invalidValue")
            #expect(bad.detail?.contains("count") == true)

            let config = try await client.get("ServiceProviderConfig")
            #expect(config.json?.at("filter.maxResults")?.numberValue == 100)
        }
    }

    @Test func unknownRoutesAre404AndWrongMethods405() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            for path in ["Nowhere", "Users/a/b", ""] {
                let reply = try await client.get(path)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.schemas.contains(SCIMURN.error))
            }
            let wrong = try await client.request(.delete, "Users", contentType: nil)
            #expect(wrong.status == 405)
            #expect(wrong.headers[.allow] == "GET, POST")
            #expect(wrong.schemas.contains(SCIMURN.error))
            #expect(try await client.request(.post, "Users/abc", json: [:]).status == 405)
            #expect(try await client.request(.put, "ServiceProviderConfig", json: [:]).status == 405)
            for path in ["Me", "Bulk"] {
                let reply = try await client.get(path)
                #expect(reply.status == 501)
                #expect(reply.json?["status"]?.stringValue == "501")
            }
            #expect(try await client.request(.post, "Bulk", json: ["schemas": [.string(SCIMURN.bulkRequest)]]).status == 501)
        }
    }

    @Test func badBodiesAreInvalidSyntax() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let broken = try await client.request(.post, "Users", body: "{\"userName\": \"x\",}")
            #expect(broken.status == 400)
            #expect(broken.json?["scimType"]?.stringValue == "invalidSyntax")
            #expect(broken.detail?.contains("byte") == true)
            let empty = try await client.request(.post, "Users", body: "")
            #expect(empty.status == 400)
        }
    }

    @Test func limitsAnswerWithClearErrors() async throws {
        let configuration = ServerConfiguration(port: 0, maxBodySize: 4096, maxJSONDepth: 8, maxPatchOperations: 3)
        let server = try await TestServer.make(configuration: configuration)
        try await server.run { client async throws in
            let big = String(repeating: "a", count: 5000)
            let tooLarge = try await client.request(.post, "Users", body: "{\"userName\":\"\(big)\"}")
            #expect(tooLarge.status == 413)
            #expect(tooLarge.json?["status"]?.stringValue == "413")
            #expect(tooLarge.detail?.contains("4096") == true)

            let deep = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
            let tooDeep = try await client.request(.post, "Users", body: "{\"userName\":\"d@acme.com\",\"x\":\(deep)}")
            #expect(tooDeep.status == 400)
            #expect(tooDeep.json?["scimType"]?.stringValue == "invalidSyntax")
            #expect(tooDeep.detail?.contains("8") == true)

            let longFilter = "userName eq \"" + String(repeating: "x", count: 4100) + "\""
            let filtered = try await client.get("Users?filter=\(OktaBodies.encoded(longFilter))")
            #expect(filtered.status == 400)
            #expect(filtered.json?["scimType"]?.stringValue == "invalidFilter")

            let id = try await client.createUser("ops@acme.com")
            let operation: JSONValue = ["op": "replace", "path": "title", "value": "x"]
            let operations = Array(repeating: operation, count: 4)
            let tooMany = try await client.patch("Users/\(id)", OktaBodies.patch(operations))
            #expect(tooMany.status == 400)
            #expect(tooMany.json?["scimType"]?.stringValue == "tooMany")
        }
    }

    @Test func badFilterIsInvalidFilter() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let reply = try await client.get("Users?filter=\(OktaBodies.encoded("userName eq"))")
            #expect(reply.status == 400)
            #expect(reply.json?["scimType"]?.stringValue == "invalidFilter")
        }
    }

    @Test func etagsAndPreconditions() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let created = try await client.post("Users", OktaBodies.user("etag@acme.com"))
            let id = try #require(created.json?["id"]?.stringValue)
            let etag = try #require(created.headers[.eTag])
            #expect(etag.hasPrefix("W/\""))
            #expect(created.json?.at("meta.version")?.stringValue == etag)

            let read = try await client.get("Users/\(id)")
            #expect(read.headers[.eTag] == etag)
            let notModified = try await client.get("Users/\(id)", headers: [.ifNoneMatch: etag])
            #expect(notModified.status == 304)

            let stale = try await client.patch("Users/\(id)", OktaBodies.setActive(false), headers: [.ifMatch: "W/\"999\""])
            #expect(stale.status == 412)
            #expect(stale.schemas.contains(SCIMURN.error))
            let garbage = try await client.patch("Users/\(id)", OktaBodies.setActive(false), headers: [.ifMatch: "nonsense"])
            #expect(garbage.status == 412)
            #expect(try await client.get("Users/\(id)").json?["active"]?.boolValue == true)

            let current = try await client.patch("Users/\(id)", OktaBodies.setActive(false), headers: [.ifMatch: etag])
            #expect(current.status == 200)
            #expect(current.headers[.eTag] != etag)
            #expect(try await client.patch("Users/\(id)", OktaBodies.setActive(true), headers: [.ifMatch: "*"]).status == 200)
        }
    }

    @Test func searchEndpoints() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let alice = try await client.createUser("alice@acme.com", givenName: "Alice")
            let bob = try await client.createUser("bob@acme.com", givenName: "Bob")
            let sales = try await client.createGroup("Sales", members: [alice])
            let search: JSONValue = [
                "schemas": [.string(SCIMURN.searchRequest)],
                "filter": "userName sw \"alice\"",
                "attributes": ["userName"],
                "startIndex": 1,
                "count": 10,
            ]
            let users = try await client.post("Users/.search", search)
            #expect(users.status == 200)
            #expect(users.totalResults == 1)
            #expect(users.resources.first?["userName"]?.stringValue == "alice@acme.com")
            #expect(users.resources.first?["name"] == nil, "projected to userName")
            #expect(users.resources.first?["id"] != nil, "id is always returned")

            let teams = try await client.post(
                "Groups/.search", ["schemas": [.string(SCIMURN.searchRequest)], "filter": "displayName eq \"sales\""])
            #expect(teams.totalResults == 1)

            let all = try await client.post("/scim/v2/.search", ["schemas": [.string(SCIMURN.searchRequest)]])
            #expect(all.status == 200)
            #expect(all.totalResults == 3)
            #expect(all.resources.count == 3)
            let paged = try await client.post(
                "/scim/v2/.search", ["schemas": [.string(SCIMURN.searchRequest)], "startIndex": 2, "count": 2])
            #expect(paged.resources.count == 2)
            #expect(paged.resources.last?["displayName"]?.stringValue == "Sales")
            // Members then teams, each as its own endpoint answers it (teams written from rows).
            // (GET /Users/{id} keeps the stored attribute order, lists the canonical one.)
            #expect(Self.sorted(all.resources[0]) == Self.sorted(try await client.get("Users/\(alice)").json))
            #expect(Self.sorted(all.resources[1]) == Self.sorted(try await client.get("Users/\(bob)").json))
            #expect(all.resources[2] == (try await client.get("Groups/\(sales)")).json)
            #expect(all.resources[2]["members"]?.arrayValue?.count == 1)
            let projected = try await client.post(
                "/scim/v2/.search", ["schemas": [.string(SCIMURN.searchRequest)], "attributes": ["displayName"]])
            #expect(projected.resources.map { $0["displayName"]?.stringValue } == ["Alice User", "Bob User", "Sales"])
            #expect(projected.resources[2]["members"] == nil, "projected to displayName")
            let none = try await client.post(
                "/scim/v2/.search", ["schemas": [.string(SCIMURN.searchRequest)], "filter": "userName eq \"nobody\""])
            #expect(none.status == 200 && none.totalResults == 0 && none.resources.isEmpty)

            #expect(try await client.get("Users/.search").status == 405)
        }
    }

    /// Objects compared without regard to member order, recursively.
    private static func sorted(_ value: JSONValue?) -> JSONValue? {
        switch value {
        case .object(let object)?:
            return .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { ($0.key, sorted($0.value)!) }))
        case .array(let elements)?:
            return .array(elements.map { sorted($0)! })
        default:
            return value
        }
    }

    @Test func attributesProjectionOnListsAndSingleResources() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createUser("proj@acme.com")
            let list = try await client.get("Users?attributes=userName")
            #expect(list.resources.first?["userName"] != nil)
            #expect(list.resources.first?["emails"] == nil)
            let single = try await client.get("Users/\(id)?excludedAttributes=emails,name")
            #expect(single.json?["emails"] == nil)
            #expect(single.json?["userName"]?.stringValue == "proj@acme.com")
            let patched = try await client.patch("Users/\(id)?attributes=active", OktaBodies.setActive(false))
            #expect(patched.status == 200)
            #expect(patched.json?["active"]?.boolValue == false)
            #expect(patched.json?["userName"] == nil)
        }
    }

    @Test func discoveryEndpoints() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let config = try await client.get("ServiceProviderConfig")
            #expect(config.status == 200)
            #expect(config.schemas == [SCIMURN.serviceProviderConfig])
            #expect(config.json?.at("patch.supported")?.boolValue == true)
            #expect(config.json?.at("bulk.supported")?.boolValue == false)
            #expect(config.json?.at("filter.supported")?.boolValue == true)
            #expect(config.json?.at("filter.maxResults")?.numberValue == 1000)
            #expect(config.json?.at("changePassword.supported")?.boolValue == false)
            #expect(config.json?.at("sort.supported")?.boolValue == true)
            #expect(config.json?.at("etag.supported")?.boolValue == true)
            #expect(config.json?["authenticationSchemes"]?[0]?["type"]?.stringValue == "oauthbearertoken")

            let schemas = try await client.get("Schemas")
            #expect(schemas.status == 200)
            #expect(schemas.totalResults == 3)
            #expect(Set(schemas.resources.compactMap { $0["id"]?.stringValue }) == [SCIMURN.user, SCIMURN.group, SCIMURN.enterpriseUser])
            let user = try await client.get("Schemas/\(SCIMURN.user)")
            #expect(user.status == 200)
            #expect(user.json?["attributes"]?.arrayValue?.isEmpty == false)
            #expect(try await client.get("Schemas/urn:nope").status == 404)

            let types = try await client.get("ResourceTypes")
            #expect(types.totalResults == 2)
            let userType = try await client.get("ResourceTypes/User")
            #expect(userType.json?["endpoint"]?.stringValue == "/Users")
            #expect(userType.json?["schemaExtensions"]?[0]?["schema"]?.stringValue == SCIMURN.enterpriseUser)
            #expect(try await client.get("ResourceTypes/Device").status == 404)
        }
    }

    @Test func healthzAnswersWithoutAuthentication() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let reply = try await client.get("/healthz", credential: .none)
            #expect(reply.status == 200)
            #expect(reply.text == "ok")
        }
    }
}
