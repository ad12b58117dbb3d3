import Foundation
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

/// `GET /api/v1/events` over real HTTP: what an application reads after Okta's pushes.
@Suite struct EventsAPITests {
    func appKey(_ server: TestServer, organizationID: String? = nil) async throws -> String {
        try await server.store.createAppKey(organizationID: organizationID, label: "backend", actor: .cli(user: "test")).secret
    }

    @Test func anApplicationReadsEveryChangeInOrderAndLoopsOnAfter() async throws {
        let server = try await TestServer.make()
        let app = try await appKey(server)
        try await server.run { client async throws in
            let jane = try await client.createUser("jane@acme.com")
            _ = try await client.patch("Users/\(jane)", OktaBodies.setActive(false))
            let team = try await client.createGroup("Sales", members: [jane])

            let first = try await client.get("/api/v1/events?limit=2", credential: .header("Bearer \(app)"))
            #expect(first.status == 200)
            #expect(first.json?["data"]?.arrayValue?.compactMap { $0["type"]?.stringValue } == ["member.created", "member.deactivated"])
            let event = try #require(first.json?["data"]?[0])
            #expect(event["organization_id"]?.stringValue == server.organization.id)
            #expect(event["actor"]?.stringValue == "scim:okta")
            #expect(event["id"]?.stringValue?.hasPrefix("evt_") == true)
            #expect(event.at("data.object.userName")?.stringValue == "jane@acme.com")
            let after = try #require(first.json?["after"]?.stringValue)

            let second = try await client.get("/api/v1/events?after=\(after)", credential: .header("Bearer \(app)"))
            let types = second.json?["data"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
            #expect(types == ["team.created", "team.member_added"])
            #expect(second.json?["data"]?[1]?.at("data.team.id")?.stringValue == team)
            let end = try #require(second.json?["after"]?.stringValue)

            // Nothing new: no events, and `after` stays where it was.
            let empty = try await client.get("/api/v1/events?after=\(end)", credential: .header("Bearer \(app)"))
            #expect(empty.json?["data"]?.arrayValue?.isEmpty == true)
            #expect(empty.json?["after"]?.stringValue == end)
        }
    }

    @Test func aLongPollAnswersAsSoonAsAnEventCommits() async throws {
        let server = try await TestServer.make()
        let app = try await appKey(server)
        try await server.run { client async throws in
            let start = ContinuousClock.now
            async let held = client.get("/api/v1/events?wait=10&types=member.created", credential: .header("Bearer \(app)"))
            try await Task.sleep(for: .milliseconds(300))
            // Written beside the server (the test client has one connection, which the held request occupies).
            _ = try await server.store.createMember(
                organizationID: server.organization.id, attributes: JSONObject([("userName", "late@acme.com")]),
                actor: .console(operator: "alice"))
            let answer = try await held
            #expect(answer.json?["data"]?.arrayValue?.count == 1)
            #expect(ContinuousClock.now - start < .seconds(5), "answered when the event came, not at the end of the wait")
        }
    }

    @Test func keysAreForTheirOwnAPI() async throws {
        let server = try await TestServer.make()
        let app = try await appKey(server)
        try await server.run { client async throws in
            let scimOnFeed = try await client.get("/api/v1/events")
            #expect(scimOnFeed.status == 403)
            #expect(scimOnFeed.json?["detail"]?.stringValue?.contains("roster keys create --app") == true)
            let appOnSCIM = try await client.get("Users", credential: .header("Bearer \(app)"))
            #expect(appOnSCIM.status == 403)
            #expect(appOnSCIM.json?["detail"]?.stringValue?.contains("application key") == true)
            #expect(try await client.get("/api/v1/events", credential: .none).status == 401)
            #expect(try await client.get("/api/v1/events", credential: .header("Bearer rsa_nope")).status == 401)
        }
    }

    @Test func aKeyMadeForOneOrganizationReadsOnlyIt() async throws {
        let server = try await TestServer.make()
        let other = try await server.store.createOrganization(
            name: "Globex", plan: .enterprise, seatLimit: 10, phonePolicy: .flag, actor: .cli(user: "test"))
        _ = try await server.store.createMember(
            organizationID: other.id, attributes: JSONObject([("userName", "g@globex.com")]), actor: .cli(user: "test"))
        let scoped = try await appKey(server, organizationID: server.organization.id)
        let everything = try await appKey(server)
        try await server.run { client async throws in
            _ = try await client.createUser("jane@acme.com")
            let own = try await client.get("/api/v1/events", credential: .header("Bearer \(scoped)"))
            #expect(own.json?["data"]?.arrayValue?.compactMap { $0["organization_id"]?.stringValue } == [server.organization.id])
            let foreign = try await client.get("/api/v1/events?organization=\(other.id)", credential: .header("Bearer \(scoped)"))
            #expect(foreign.status == 403)
            let all = try await client.get("/api/v1/events", credential: .header("Bearer \(everything)"))
            #expect(all.json?["data"]?.arrayValue?.count == 2)
            let filtered = try await client.get("/api/v1/events?organization=\(other.id)", credential: .header("Bearer \(everything)"))
            #expect(filtered.json?["data"]?.arrayValue?.compactMap { $0["organization_id"]?.stringValue } == [other.id])
        }
    }

    @Test(arguments: [
        ("after=12", "is not one Roster gave"), ("after=v1.x", "is not one Roster gave"), ("limit=0", "'limit'"),
        ("limit=1001", "'limit'"), ("wait=61", "'wait'"), ("types=member.nope", "is not an event type"),
    ])
    func badParametersAre400WithWhatToDo(_ query: String, _ detail: String) async throws {
        let server = try await TestServer.make()
        let app = try await appKey(server)
        try await server.run { client async throws in
            let reply = try await client.get("/api/v1/events?\(query)", credential: .header("Bearer \(app)"))
            #expect(reply.status == 400)
            #expect(reply.json?["detail"]?.stringValue?.contains(detail) == true, "\(reply.text)")
        }
    }

    @Test func aCursorOlderThanRetentionIs400AndSaysHowToReconcile() async throws {
        let server = try await TestServer.make()
        let app = try await appKey(server)
        try await server.run { client async throws in
            _ = try await client.createUser("a@acme.com")
            let first = try await client.get("/api/v1/events", credential: .header("Bearer \(app)"))
            let stale = try #require(first.json?["data"]?[0]?["id"]).stringValue
            #expect(stale != nil)
            _ = try await client.createUser("b@acme.com")
            // Everything is past an hour-from-now cutoff; retention still keeps the newest event.
            #expect(try await server.store.pruneEvents(olderThan: Date().addingTimeInterval(3600)) == 1)
            let expired = try await client.get("/api/v1/events?after=v1.0", credential: .header("Bearer \(app)"))
            #expect(expired.status == 400)
            #expect(expired.json?["detail"]?.stringValue?.contains("Reconcile") == true)
            // Without a cursor, the reader starts after what was pruned.
            let fresh = try await client.get("/api/v1/events", credential: .header("Bearer \(app)"))
            #expect(fresh.status == 200)
            #expect(fresh.json?["data"]?.arrayValue?.compactMap { $0.at("data.object.userName")?.stringValue } == ["b@acme.com"])
            #expect(fresh.json?["after"]?.stringValue == "v1.2")
        }
    }
}
