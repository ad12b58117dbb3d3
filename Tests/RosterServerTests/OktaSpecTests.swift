import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

/// Okta's "SCIM 2.0 SPEC Test" Runscope suite (okta-requests.md §4.1), step by step, with its
/// assertions (and the stronger ones the notes recommend).
@Suite struct OktaSpecTests {
    @Test func specTestSequence() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            // Precondition: at least one user with names and an email exists.
            _ = try await client.createUser("existing.user@atko.com", givenName: "Existing", familyName: "User")

            // 1. Test Users endpoint.
            let list = try await client.get("Users?count=1&startIndex=1")
            #expect(list.status == 200)
            #expect(list.schemas.contains(SCIMURN.listResponse))
            #expect(list.json?["itemsPerPage"]?.numberValue != nil)
            #expect(list.json?["startIndex"]?.numberValue != nil)
            #expect(list.totalResults != nil)
            let first = try #require(list.resources.first)
            let isvUserID = try #require(first["id"]?.stringValue)
            expectCoreUserFields(first)

            // 2. Get Users/{id}.
            let user = try await client.get("Users/\(isvUserID)")
            #expect(user.status == 200)
            #expect(user.json?["id"]?.stringValue == isvUserID)
            if let body = user.json { expectCoreUserFields(body) }

            // 3. Invalid user by username: a 200 list with no result, not a 404.
            let invalid = try await client.get("Users?filter=\(OktaBodies.encoded("userName eq \"abcdefgh@atko.com\""))")
            #expect(invalid.status == 200)
            #expect(invalid.schemas.contains(SCIMURN.listResponse))
            #expect(invalid.totalResults == 0)

            // 4. Invalid user by id (not a UUID).
            let missing = try await client.get("Users/010101001010101011001010101011")
            #expect(missing.status == 404)
            #expect(missing.detail?.isEmpty == false)
            #expect(missing.schemas.contains(SCIMURN.error))

            // 5. The random user does not exist yet.
            let randomUsername = "Runscope123Abcdefghi456@atko.com"
            let lookup = try await client.get("Users?filter=\(OktaBodies.encoded("userName eq \"\(randomUsername)\""))")
            #expect(lookup.status == 200)
            #expect(lookup.totalResults == 0)
            #expect(lookup.schemas.contains(SCIMURN.listResponse))

            // 6. Create the user with realistic values (Content-Type application/json).
            let body: JSONValue = [
                "schemas": [.string(SCIMURN.user)],
                "userName": .string(randomUsername),
                "name": ["givenName": "Runscope", "familyName": "Tester"],
                "emails": [["primary": true, "value": .string(randomUsername), "type": "work"]],
                "displayName": "Runscope Tester",
                "active": true,
            ]
            let created = try await client.request(.post, "Users", json: body, contentType: "application/json")
            #expect(created.status == 201)
            #expect(created.json?["active"]?.boolValue == true)
            let idUserOne = try #require(created.json?["id"]?.stringValue)
            #expect(!idUserOne.isEmpty)
            #expect(created.json?.at("name.familyName")?.stringValue == "Tester")
            #expect(created.json?.at("name.givenName")?.stringValue == "Runscope")
            #expect(created.schemas.contains(SCIMURN.user))
            #expect(created.json?["userName"]?.stringValue == randomUsername, "userName keeps its case")
            #expect(created.json?["password"] == nil)

            // 7. Verify that the user was created.
            let read = try await client.get("Users/\(idUserOne)")
            #expect(read.status == 200)
            #expect(read.json?["userName"]?.stringValue == randomUsername)
            #expect(read.json?.at("name.familyName")?.stringValue == "Tester")
            #expect(read.json?.at("name.givenName")?.stringValue == "Runscope")

            // 8. Recreating the same user is a 409.
            let duplicate = try await client.request(.post, "Users", json: body, contentType: "application/json")
            #expect(duplicate.status == 409)
            #expect(duplicate.json?["scimType"]?.stringValue == "uniqueness")

            // 9. Username case sensitivity: the upper-cased name finds the user.
            let caps = randomUsername.uppercased()
            let found = try await client.get("Users?filter=\(OktaBodies.encoded("userName eq \"\(caps)\""))")
            #expect(found.status == 200)
            #expect(found.totalResults == 1)
            #expect(found.resources.first?["id"]?.stringValue == idUserOne)

            // 10. Groups endpoint, within 600 ms.
            let started = ContinuousClock.now
            let groups = try await client.get("Groups")
            #expect(ContinuousClock.now - started < .milliseconds(600))
            #expect(groups.status == 200)
            #expect(groups.totalResults == 0 || groups.json?["Resources"]?.arrayValue != nil)

            // 11. A bad token is a 401 with a SCIM error body.
            let unauthorized = try await client.get(
                "Users?filter=\(OktaBodies.encoded("userName eq \"\(randomUsername)\""))", credential: .header("non-token"))
            #expect(unauthorized.status == 401)
            #expect(unauthorized.detail?.isEmpty == false)
            #expect(unauthorized.json?["status"]?.stringValue == "401")
            #expect(unauthorized.schemas.contains(SCIMURN.error))

            // 12. Another id that is not a UUID is a 404 with a SCIM error body.
            let notFound = try await client.get("Users/00919288221112222")
            #expect(notFound.status == 404)
            #expect(notFound.detail?.isEmpty == false)
            #expect(notFound.json?["status"]?.stringValue == "404")
            #expect(notFound.schemas.contains(SCIMURN.error))
            #expect(notFound.detail?.contains("00919288221112222") == true)
        }
    }

    /// The fields Runscope asserts are non-empty on a user.
    private func expectCoreUserFields(_ user: JSONValue) {
        for path in ["id", "name.familyName", "name.givenName", "userName", "emails.0.value"] {
            let value = path == "emails.0.value" ? user["emails"]?[0]?["value"] : user.at(path)
            #expect(value?.stringValue?.isEmpty == false, "\(path) is empty")
        }
        #expect(user["active"]?.boolValue != nil)
    }
}
