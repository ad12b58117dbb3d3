import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

/// The product rules the server applies to SCIM writes: seats and the phone format.
@Suite struct ProductRulesTests {
    @Test func seatLimitRefusesCreateAndChangesNothing() async throws {
        let server = try await TestServer.make(seats: 2)
        try await server.run { client async throws in
            _ = try await client.createUser("one@acme.com")
            _ = try await client.createUser("two@acme.com")
            let reply = try await client.post("Users", OktaBodies.user("three@acme.com"))
            #expect(reply.status == 403)
            #expect(reply.json?["status"]?.stringValue == "403")
            #expect(
                reply.detail
                    == "Seat limit reached (2 of 2 active members): deactivate a member or raise the plan's seat limit")
            let lookup = try await client.get("Users?filter=\(OktaBodies.encoded("userName eq \"three@acme.com\""))")
            #expect(lookup.totalResults == 0)
            #expect(try await client.get("Users").totalResults == 2)

            // An inactive member uses no seat.
            #expect(try await client.post("Users", OktaBodies.user("idle@acme.com", active: false)).status == 201)
        }
    }

    @Test func reactivationPastTheSeatLimitIsRefused() async throws {
        let server = try await TestServer.make(seats: 1)
        try await server.run { client async throws in
            let first = try await client.createUser("first@acme.com")
            #expect(try await client.patch("Users/\(first)", OktaBodies.setActive(false)).status == 200)
            let second = try await client.createUser("second@acme.com")

            let reply = try await client.patch("Users/\(first)", OktaBodies.setActive(true))
            #expect(reply.status == 403)
            #expect(reply.detail?.hasPrefix("Seat limit reached (1 of 1 active members)") == true)
            #expect(try await client.get("Users/\(first)").json?["active"]?.boolValue == false)

            // Deactivating the other frees the seat.
            #expect(try await client.patch("Users/\(second)", OktaBodies.setActive(false)).status == 200)
            #expect(try await client.patch("Users/\(first)", OktaBodies.setActive(true)).status == 200)

            // Team membership uses no seat.
            let team = try await client.createGroup("All", members: [first, second])
            #expect(try await client.get("Groups/\(team)").memberIDs == [first, second])
        }
    }

    @Test func strictPhonePolicyRejectsNonconformingNumbers() async throws {
        let server = try await TestServer.make(phonePolicy: .strict)
        try await server.run { client async throws in
            let reply = try await client.post("Users", OktaBodies.user("phone@acme.com", phone: "415.123.4567"))
            #expect(reply.status == 400)
            #expect(reply.json?["scimType"]?.stringValue == "invalidValue")
            #expect(reply.detail?.contains("415.123.4567") == true)
            #expect(reply.detail?.contains("+41 791234567") == true)
            #expect(try await client.get("Users").totalResults == 0)

            #expect(try await client.post("Users", OktaBodies.user("ok@acme.com", phone: "+41 791234567")).status == 201)
            #expect(try await client.post("Users", OktaBodies.user("empty@acme.com", phone: "")).status == 201)

            // A PATCH is held to the same rule.
            let id = try await client.createUser("patched@acme.com")
            let patch = try await client.patch(
                "Users/\(id)",
                OktaBodies.patch([["op": "replace", "path": "phoneNumbers", "value": [["value": "555-555-5555", "type": "work"]]]]))
            #expect(patch.status == 400)
            #expect(patch.json?["scimType"]?.stringValue == "invalidValue")
        }
    }

    @Test func flagPhonePolicyStoresTheNumber() async throws {
        let server = try await TestServer.make(phonePolicy: .flag)
        try await server.run { client async throws in
            let reply = try await client.post("Users", OktaBodies.user("phone@acme.com", phone: "415.123.4567"))
            #expect(reply.status == 201)
            #expect(reply.json?["phoneNumbers"]?[0]?["value"]?.stringValue == "415.123.4567")
        }
    }
}
