import SCIM
import Testing

@testable import RosterSimulator

/// The requests the simulated Entra ID sends, against entra-requests.md §0–2.
struct EntraRequestsTests {
    let entra = EntraRequests(token: "rst_secret")
    let person = PeopleGenerator(seed: 3).people(1)[0]

    @Test func headersAreEntrasWithoutAccept() {
        let get = entra.matchUser(person.userName)
        #expect(get.header("User-Agent") == EntraRequests.userAgent)
        #expect(get.header("Authorization") == "Bearer rst_secret")
        #expect(get.header("Accept") == nil)
        #expect(get.header("Content-Type") == nil)
        #expect(entra.createUser(person).header("Content-Type") == "application/scim+json; charset=utf-8")
    }

    @Test func testConnectionProbesARandomGUIDWithSpacesAsPlus() {
        let probe = entra.probeUsers("7d420df3-9995-4831-a406-ecf8166f5f6a")
        #expect(probe.method == .get)
        #expect(probe.path == "/Users?filter=userName+eq+%227d420df3-9995-4831-a406-ecf8166f5f6a%22")
        #expect(probe.kind.code == "E1")
        let groups = entra.probeGroups("7d420df3-9995-4831-a406-ecf8166f5f6a")
        #expect(groups.path.hasPrefix("/Groups?excludedAttributes=members&filter=displayName+eq+"))
    }

    @Test func createUserCarriesTUTsShape() throws {
        let body = try #require(entra.createUser(person).body)
        #expect(body.member("schemas") == [.string(SCIMURN.user), .string(SCIMURN.enterpriseUser)])
        #expect(body.member("externalId")?.stringValue == EntraRequests.objectID(of: person))
        #expect(body.member("meta") == ["resourceType": "User"])
        #expect(body.member("roles") == [])
        #expect(body.member("emails") == [["primary": true, "type": "work", "value": .string(person.email)]])
        #expect(body.member("active") == true)
    }

    @Test func objectIDsAreStableGUIDs() {
        let id = EntraRequests.objectID(of: person)
        #expect(id == EntraRequests.objectID(of: person))
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(id != EntraRequests.guid(from: "another"))
    }

    @Test func softDeleteSendsCapitalisedReplaceWithAStringBoolean() throws {
        let disable = entra.setActive("u1", false)
        #expect(disable.kind == .entraDisableUser)
        #expect(disable.body?.member("Operations") == [["op": "Replace", "path": "active", "value": "False"]])
        #expect(entra.setActive("u1", true).body?.member("Operations") == [["op": "Replace", "path": "active", "value": "True"]])
        #expect(entra.deleteUser("u1").method == .delete)
    }

    @Test func memberChangesCarryNullRefsAndValueArrays() {
        let add = entra.addMembers("g1", ["u1", "u2"])
        #expect(
            add.body?.member("Operations")
                == [["op": "Add", "path": "members", "value": [["$ref": .null, "value": "u1"], ["$ref": .null, "value": "u2"]]]])
        let remove = entra.removeMembers("g1", ["u1"])
        #expect(remove.body?.member("Operations") == [["op": "Remove", "path": "members", "value": [["$ref": .null, "value": "u1"]]]])
    }

    @Test func groupReadsExcludeMembers() {
        #expect(entra.readGroup("g1").path == "/Groups/g1?excludedAttributes=members")
        #expect(entra.matchGroup("Sales").path == "/Groups?excludedAttributes=members&filter=displayName+eq+%22Sales%22")
        let create = entra.createGroup("Sales", objectID: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159")
        #expect(create.body?.member("schemas")?.arrayValue?.count == 2)
        #expect(create.body?.member("members") == nil)
    }

    @Test func profileDifferencesAreFilteredPaths() {
        let current: JSONValue = [
            "userName": .string(person.userName), "displayName": .string(person.displayName), "title": "Old title",
            "emails": [["type": "work", "value": .string(person.email)]],
        ]
        let paths = EntraProfile.differences(person, from: current).map(\.path)
        #expect(paths.contains("title"))
        #expect(!paths.contains("displayName"))
        #expect(!paths.contains(#"emails[type eq "work"].value"#))
        #expect(paths.contains("\(SCIMURN.enterpriseUser):department"))
    }

    @Test func theStoryIsRetoldInEntrasTerms() {
        var state = SimulationState(people: PeopleGenerator(seed: 3).people(4), rules: ProductRules())
        #expect(EntraScenarioPlayer.retell(.testCredentials, state) == .testConnection)
        #expect(EntraScenarioPlayer.retell(.discoverSchema, state) == nil)
        #expect(EntraScenarioPlayer.retell(.importUsers, state) == nil, "no soft-deleted user to purge")
        state.appUsers[2].memberID = "u3"
        #expect(EntraScenarioPlayer.retell(.importUsers, state) == .hardDelete(person: 2))
        let key = state.groups[0].key
        #expect(
            EntraScenarioPlayer.retell(.pushNow(key: key, emptied: true), state)
                == .changeMembers(key: key, add: [], remove: state.groups[0].memberIndexes))
        #expect(EntraScenarioPlayer.retell(.pushNow(key: key, emptied: false), state) == nil)
    }
}

/// Answers 429 (with `Retry-After: 0`) to the first `throttled` requests, then an empty ListResponse.
actor ThrottlingServer: SCIMTransport {
    private var throttled: Int
    private(set) var received = 0

    init(throttled: Int) {
        self.throttled = throttled
    }

    func send(_ request: SimulatedRequest) async throws -> SimulatedResponse {
        received += 1
        if throttled > 0 {
            throttled -= 1
            let error: JSONValue = ["schemas": [.string(SCIMURN.error)], "status": "429", "detail": "Too many requests: retry later"]
            return SimulatedResponse(status: 429, text: JSONWriter().string(error), retryAfter: 0)
        }
        let empty: JSONValue = [
            "schemas": [.string(SCIMURN.listResponse)], "totalResults": 0, "startIndex": 1, "itemsPerPage": 0, "Resources": [],
        ]
        return SimulatedResponse(status: 200, json: empty)
    }
}

/// Entra retries throttled requests on its own: a 429 is an expected, retried answer.
struct EntraThrottlingTests {
    func simulator(_ server: ThrottlingServer) -> EntraSimulator {
        EntraSimulator(
            state: SimulationState(people: PeopleGenerator(seed: 3).people(2), rules: ProductRules()), token: "k",
            transport: server)
    }

    @Test func aThrottledRequestIsRetriedUntilItSucceeds() async throws {
        let server = ThrottlingServer(throttled: 2)
        var entra = simulator(server)
        let report = try await entra.perform(.testConnection)
        #expect(report.records.map { $0.response?.status } == [429, 429, 200, 200])
        #expect(report.unexpectedCount == 0)
        #expect(report.records.compactMap(\.refusalRule) == ["rate limit", "rate limit"])
    }

    @Test func aRequestStillThrottledAfterTheRetriesIsUnexpected() async throws {
        let server = ThrottlingServer(throttled: EntraSimulator.maxRetries + 1)
        var entra = simulator(server)
        await #expect(throws: SimulationStopped.self) { _ = try await entra.perform(.testConnection) }
        #expect(await server.received == EntraSimulator.maxRetries + 1)
    }
}
