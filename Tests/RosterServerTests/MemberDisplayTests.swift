import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

/// A team's `members[].display` is what the client pushed (Okta: the user's login; Entra: none), so a
/// team reads back exactly what was written; scim2-tester compares the two strictly.
@Suite struct MemberDisplayTests {
    /// `value` → `display` (nil when the member object has none) of a Group body's members.
    private func displays(_ reply: Reply) -> [String: String?] {
        var displays: [String: String?] = [:]
        for member in reply.json?["members"]?.arrayValue ?? [] {
            guard let id = member["value"]?.stringValue else { continue }
            displays.updateValue(member["display"]?.stringValue, forKey: id)
        }
        return displays
    }

    @Test func aPatchedMemberReadsBackWithTheDisplayItWasSentWithOrNone() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let alice = try await client.createUser("alice@acme.com", givenName: "Alice")
            let bob = try await client.createUser("bob@acme.com", givenName: "Bob")
            let id = try await client.createGroup("Sales")

            let added = try await client.patch(
                "Groups/\(id)",
                OktaBodies.patch([
                    ["op": "add", "path": "members", "value": [["value": .string(alice), "display": "alice@acme.com"]]],
                    // scim2-tester's case: no display, so none comes back (not the member's name).
                    ["op": "add", "path": "members", "value": [["value": .string(bob), "type": "User"]]],
                ]))
            #expect(added.status == 200)
            let expected: [String: String?] = [alice: "alice@acme.com", bob: nil]
            #expect(displays(added) == expected)
            #expect(displays(try await client.get("Groups/\(id)")) == expected)
            let listed = try await client.get("Groups?filter=\(OktaBodies.encoded("displayName eq \"Sales\""))")
            #expect(listed.resources.first?["members"] == added.json?["members"])

            // A later push with a display sets it; one without keeps it.
            let corrected = try await client.patch(
                "Groups/\(id)",
                OktaBodies.patch([
                    ["op": "add", "path": "members", "value": [["value": .string(bob), "display": "bob@acme.com"]]],
                    ["op": "add", "path": "members", "value": [["value": .string(alice)]]],
                ]))
            #expect(displays(corrected) == [alice: "alice@acme.com", bob: "bob@acme.com"])
            #expect(displays(try await client.get("Groups/\(id)")) == [alice: "alice@acme.com", bob: "bob@acme.com"])

            // Filters on members.display read the stored display, not the members' names ("Alice User").
            let byDisplay = try await client.get("Groups?filter=\(OktaBodies.encoded("members[display eq \"BOB@acme.com\"]"))")
            #expect(byDisplay.totalResults == 1)
            let byName = try await client.get("Groups?filter=\(OktaBodies.encoded("members[display co \"User\"]"))")
            #expect(byName.totalResults == 0)
        }
    }

    @Test func postAndPutStoreTheDisplaysOfTheirBody() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let alice = try await client.createUser("alice@acme.com")
            let bob = try await client.createUser("bob@acme.com")
            let created = try await client.post(
                "Groups",
                ["displayName": "Sales", "members": [["value": .string(alice), "display": "Alice"], ["value": .string(bob)]]])
            #expect(created.status == 201)
            #expect(displays(created) == [alice: "Alice", bob: nil])
            let id = try #require(created.json?["id"]?.stringValue)

            // A PUT replaces each display with exactly what it sends.
            let put = try await client.put(
                "Groups/\(id)",
                ["displayName": "Sales", "members": [["value": .string(alice)], ["value": .string(bob), "display": "Bob"]]])
            #expect(put.status == 200)
            #expect(displays(put) == [alice: nil, bob: "Bob"])
            #expect(displays(try await client.get("Groups/\(id)")) == [alice: nil, bob: "Bob"])
        }
    }

    @Test func aDisplayThatIsNotAStringIsA400() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let alice = try await client.createUser("alice@acme.com")
            let id = try await client.createGroup("Sales")
            let reply = try await client.patch(
                "Groups/\(id)",
                OktaBodies.patch([["op": "add", "path": "members", "value": [["value": .string(alice), "display": 7]]]]))
            #expect(reply.status == 400)
            #expect(reply.json?["scimType"]?.stringValue == "invalidValue")
            #expect(reply.detail?.contains("members[0].display must be a string") == true)
            #expect(try await client.get("Groups/\(id)").memberIDs.isEmpty)
        }
    }
}
