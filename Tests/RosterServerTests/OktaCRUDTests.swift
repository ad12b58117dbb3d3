import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

/// Okta's "SCIM 2.0 CRUD Test" (okta-requests.md §4.2): what Okta sends while the Runscope suite
/// drives a real Okta org, and the suite's checks on our server in between.
@Suite struct OktaCRUDTests {
    @Test func userLifecycle() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let email = "crud.user@acme.com"
            let filter = "Users?filter=\(OktaBodies.encoded("userName eq \"\(email)\""))&startIndex=1&count=100"

            // Assignment: R2 (not found) then R3.
            #expect(try await client.get(filter).totalResults == 0)
            let created = try await client.post("Users", OktaBodies.user(email, givenName: "Crud", familyName: "User"))
            #expect(created.status == 201)
            let scimID = try #require(created.json?["id"]?.stringValue)

            // Verify the user is created (by filter).
            let lookup = try await client.get(filter)
            #expect(lookup.status == 200)
            let found = try #require(lookup.resources.first)
            #expect(found["userName"]?.stringValue == email)
            #expect(found["emails"]?[0]?["value"]?.stringValue == email)
            #expect(found.at("name.familyName")?.stringValue == "User")
            #expect(found.at("name.givenName")?.stringValue == "Crud")
            #expect(found["id"]?.stringValue == scimID)

            // Profile update: R4 then R5 with our own representation plus the change.
            var representation = try #require(try await client.get("Users/\(scimID)").json?.objectValue)
            var name = try #require(representation["name"]?.objectValue)
            name["givenName"] = "Updated"
            representation["name"] = .object(name)
            let updated = try await client.put("Users/\(scimID)", .object(representation))
            #expect(updated.status == 200)
            #expect(updated.json?.at("name.givenName")?.stringValue == "Updated")
            #expect(try await client.get("Users/\(scimID)").json?.at("name.givenName")?.stringValue == "Updated")

            // Deactivate: PATCH replace without a path → 200 with the user, and GET still answers.
            let deactivated = try await client.patch("Users/\(scimID)", OktaBodies.setActive(false))
            #expect(deactivated.status == 200)
            #expect(deactivated.json?["active"]?.boolValue == false)
            let inactive = try await client.get("Users/\(scimID)")
            #expect(inactive.status == 200)
            #expect(inactive.json?["active"]?.boolValue == false)

            // Reassignment: the filter must still find the deactivated user (or Okta POSTs again).
            let again = try await client.get(filter)
            #expect(again.totalResults == 1)
            #expect(again.resources.first?["id"]?.stringValue == scimID)

            // Reactivate: same id.
            let reactivated = try await client.patch("Users/\(scimID)", OktaBodies.setActive(true))
            #expect(reactivated.status == 200)
            #expect(reactivated.json?["id"]?.stringValue == scimID)
            #expect(try await client.get("Users/\(scimID)").json?["active"]?.boolValue == true)

            // Unassign: deactivated again, never deleted.
            #expect(try await client.patch("Users/\(scimID)", OktaBodies.setActive(false)).status == 200)
            let final = try await client.get("Users/\(scimID)")
            #expect(final.status == 200)
            #expect(final.json?["active"]?.boolValue == false)
        }
    }

    /// AIW apps deactivate with a PUT carrying `active:false`, echoing `id`, `meta`, `groups` and `password`.
    @Test func putDeactivationEchoingReadOnlyAttributes() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createUser("aiw.user@acme.com")
            var body = try #require(try await client.get("Users/\(id)").json?.objectValue)
            body["active"] = false
            body["password"] = "placeholder"
            body["groups"] = []
            let reply = try await client.put("Users/\(id)", .object(body))
            #expect(reply.status == 200)
            #expect(reply.json?["active"]?.boolValue == false)
            #expect(reply.json?["password"] == nil)

            let mismatched = try await client.put("Users/\(id)", OktaBodies.user("aiw.user@acme.com").merging(id: "other-id"))
            #expect(mismatched.status == 400)
            #expect(mismatched.json?["scimType"]?.stringValue == "invalidValue")
        }
    }

    /// Entra may delete a user; the member is gone and a second delete is a 404.
    @Test func deleteMember() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createUser("gone@acme.com")
            #expect(try await client.delete("Users/\(id)").status == 204)
            #expect(try await client.get("Users/\(id)").status == 404)
            #expect(try await client.delete("Users/\(id)").status == 404)
        }
    }
}

extension JSONValue {
    /// The object with `id` set, as Okta echoes it in PUT bodies.
    func merging(id: String) -> JSONValue {
        guard var object = objectValue else { return self }
        object["id"] = .string(id)
        return .object(object)
    }
}
