import Foundation
import Hummingbird
import RosterStore
import SCIM
import Testing

/// Entra ID's requests E1–E20 (entra-requests.md §1–2), one test each, with the documented bodies,
/// through a live server.
@Suite struct EntraRequestTests {
    /// E1: Test Connection queries a random GUID as `userName`, spaces encoded as `+`.
    @Test func e1TestConnectionAnswersAnEmptyListResponse() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let reply = try await client.entra.get("/scim/v2/Users?filter=userName+eq+%227d420df3-9995-4831-a406-ecf8166f5f6a%22")
            #expect(reply.status == 200)
            #expect(reply.headers[.contentType]?.hasPrefix("application/scim+json") == true)
            #expect(reply.schemas == [SCIMURN.listResponse])
            #expect(reply.totalResults == 0)
            #expect(reply.json?["Resources"]?.arrayValue?.isEmpty == true)
            #expect(reply.json?["startIndex"]?.numberValue == 1)
            #expect(reply.json?["itemsPerPage"]?.numberValue == 0)
        }
    }

    /// E1: the group probe is presumably E13 with a GUID ([U]); it too answers an empty ListResponse.
    @Test func e1GroupProbeAnswersAnEmptyListResponse() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let filter = EntraBodies.query(#"displayName eq "3f9b8a2e-5f1c-4a7e-9d63-0c4f1b2a7e55""#)
            let reply = try await client.entra.get("Groups?excludedAttributes=members&filter=\(filter)")
            #expect(reply.status == 200)
            #expect(reply.totalResults == 0)
            #expect(reply.json?["Resources"]?.arrayValue?.isEmpty == true)
        }
    }

    /// E1: a bad Secret Token is a 401 and a non-Enterprise organization a 403, each a SCIM error
    /// whose detail says why (Entra shows it as a connection error).
    @Test func e1TestConnectionFailuresAreSCIMErrors() async throws {
        let probe = "Users?filter=\(EntraBodies.query(#"userName eq "7d420df3-9995-4831-a406-ecf8166f5f6a""#))"
        let enterprise = try await TestServer.make()
        try await enterprise.run { client async throws in
            let reply = try await client.entra.request(.get, probe, contentType: nil, credential: .header("Bearer not-a-roster-key"))
            expectSCIMError(reply, status: 401)
        }
        let business = try await TestServer.make(plan: .business)
        try await business.run { client async throws in
            let detail = expectSCIMError(try await client.entra.get(probe), status: 403)
            #expect(detail.lowercased().contains("enterprise"))
        }
    }

    /// E2: match on `userName` (the UPN), without regard to case, inactive members included.
    @Test func e2MatchByUserNameFindsActiveAndInactiveMembers() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee@contoso.com")
            let filter = EntraBodies.query(#"userName eq "test_user_00AA00AA-bb11-cc22-dd33-44ee44ee44ee@contoso.com""#)
            let found = try await client.entra.get("Users?filter=\(filter)")
            #expect(found.status == 200)
            #expect(found.totalResults == 1)
            #expect(found.resources.first?["id"]?.stringValue == id)

            _ = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"Replace","path":"active","value":"False"}"#))
            let inactive = try await client.entra.get("Users?filter=\(filter)")
            #expect(inactive.totalResults == 1)
            #expect(inactive.resources.first?["active"]?.boolValue == false)
        }
    }

    /// E3: match on `externalId`, quoted or unquoted (TUT's "Example 1" prints `externalId eq jyoung`).
    @Test func e3MatchByExternalId() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("jyoung@contoso.com", externalId: "jyoung")
            for filter in [#"externalId eq "jyoung""#, "externalId eq jyoung"] {
                let reply = try await client.entra.get("Users?filter=\(EntraBodies.query(filter))")
                #expect(reply.status == 200, "\(filter): \(reply.text)")
                #expect(reply.resources.map { $0["id"]?.stringValue } == [id], "\(filter)")
            }
        }
    }

    /// E3: match on the work e-mail with Entra's sub-attribute after the value filter, which RFC
    /// 7644's grammar lacks; only the work address matches, and a miss is an empty ListResponse.
    @Test func e3MatchByWorkEmailValuePath() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("kim@contoso.com")
            _ = try await client.entra.patch(
                "Users/\(id)", EntraBodies.patch(#"{"op":"Add","path":"emails[type eq \"other\"].value","value":"kim@home.example"}"#))
            let hit = try await client.entra.get("Users?filter=\(EntraBodies.query(#"emails[type eq "work"].value eq "KIM@contoso.com""#))")
            #expect(hit.status == 200, "\(hit.text)")
            #expect(hit.resources.map { $0["id"]?.stringValue } == [id])
            let otherType = try await client.entra.get(
                "Users?filter=\(EntraBodies.query(#"emails[type eq "work"].value eq "kim@home.example""#))")
            #expect(otherType.status == 200)
            #expect(otherType.totalResults == 0)
            let miss = try await client.entra.get("Users?filter=\(EntraBodies.query(#"emails[type eq "work"].value eq "nobody@contoso.com""#))")
            #expect(miss.status == 200)
            #expect(miss.totalResults == 0)
        }
    }

    /// E3: the same value-path form on multi-valued attributes stored as JSON (`phoneNumbers`,
    /// `addresses`), with `pr`, `sw` and inside `not (…)`.
    @Test func e3ValuePathFormOnOtherMultiValuedAttributes() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("phone@contoso.com")
            let other = try await client.createEntraUser("other@contoso.com")
            _ = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"""
                    {"op":"Add","path":"phoneNumbers[type eq \"work\"].value","value":"+1 4255550100"},
                    {"op":"Add","path":"phoneNumbers[type eq \"mobile\"].value","value":"+1 4255550199"},
                    {"op":"Add","path":"addresses[type eq \"work\"].postalCode","value":"98052"}
                    """#))
            let cases: [(String, [String])] = [
                (#"phoneNumbers[type eq "work"].value eq "+1 4255550100""#, [id]),
                (#"phoneNumbers[type eq "work"].value eq "+1 4255550199""#, []),
                (#"phoneNumbers[type eq "mobile"].value sw "+1 425""#, [id]),
                (#"addresses[type eq "work"].postalCode eq "98052""#, [id]),
                (#"addresses[type eq "work"].postalCode pr"#, [id]),
                (#"not (addresses[type eq "work"].postalCode pr)"#, [other]),
            ]
            for (filter, expected) in cases {
                let reply = try await client.entra.get("Users?filter=\(EntraBodies.query(filter))")
                #expect(reply.status == 200, "\(filter): \(reply.text)")
                #expect(Set(reply.resources.compactMap { $0["id"]?.stringValue }) == Set(expected), "\(filter)")
            }
        }
    }

    /// E4: TUT's create body (readOnly `meta`, `roles: []`, `addresses: null`) → 201 with the full user.
    @Test func e4CreateUserAnswersTheFullUser() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let userName = "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"
            let reply = try await client.entra.post(
                "Users", EntraBodies.createUser(userName, email: "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com"))
            #expect(reply.status == 201, "\(reply.text)")
            let user = try #require(reply.json)
            let id = try #require(user["id"]?.stringValue)
            #expect(reply.headers[.location]?.hasSuffix("/Users/\(id)") == true)
            #expect(user["userName"]?.stringValue == userName)
            #expect(user["externalId"]?.stringValue == "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef")
            #expect(user["active"]?.boolValue == true)
            #expect(user["emails"]?[0]?["value"]?.stringValue == "Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com")
            #expect(user.at("name.givenName")?.stringValue == "givenName")
            #expect(user.at("meta.resourceType")?.stringValue == "User")
            #expect(user.at("meta.created")?.stringValue != nil)
            #expect(user["addresses"] == nil)
        }
    }

    /// E5: read by id → 200, deactivated members included; an unknown id → 404 SCIM error.
    @Test func e5ReadUser() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("read.me@contoso.com")
            let read = try await client.entra.get("Users/\(id)")
            #expect(read.status == 200)
            #expect(read.json?["id"]?.stringValue == id)
            _ = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"Replace","path":"active","value":"False"}"#))
            let inactive = try await client.entra.get("Users/\(id)")
            #expect(inactive.status == 200)
            #expect(inactive.json?["active"]?.boolValue == false)
            let missing = try await client.entra.get("Users/5d48a0a8e9f04aa38008")
            let detail = expectSCIMError(missing, status: 404)
            #expect(detail.contains("5d48a0a8e9f04aa38008"))
        }
    }

    /// E6: TUT's multi-valued update (`Replace` on `emails[type eq "work"].value`) → 200 with the user.
    @Test func e6UpdateThroughFilteredPaths() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("e6@contoso.com")
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"""
                    {"op":"Replace","path":"emails[type eq \"work\"].value","value":"updatedEmail@microsoft.com"},
                    {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}
                    """#))
            #expect(reply.status == 200, "\(reply.text)")
            let emails = reply.json?["emails"]?.arrayValue ?? []
            #expect(emails.count == 1)
            #expect(emails.first?["value"]?.stringValue == "updatedEmail@microsoft.com")
            #expect(emails.first?["type"]?.stringValue == "work")
            #expect(reply.json?.at("name.familyName")?.stringValue == "updatedFamilyName")
            let stored = try await client.entra.get("Users/\(id)")
            #expect(stored.json?["emails"]?[0]?["value"]?.stringValue == "updatedEmail@microsoft.com")
        }
    }

    /// E6 (real traffic): ops mixed in one request, on filtered paths and the enterprise extension.
    @Test func e6MixedOperations() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("mixed@contoso.com")
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"""
                    {"op":"Replace","path":"emails[type eq \"work\"].value","value":"mixed.new@contoso.com"},
                    {"op":"Replace","path":"addresses[type eq \"work\"].formatted","value":"1 Microsoft Way, Redmond"},
                    {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"}
                    """#))
            #expect(reply.status == 200, "\(reply.text)")
            let user = try #require(reply.json)
            #expect(user["emails"]?[0]?["value"]?.stringValue == "mixed.new@contoso.com")
            #expect(user["addresses"]?[0]?["type"]?.stringValue == "work")
            #expect(user["addresses"]?[0]?["formatted"]?.stringValue == "1 Microsoft Way, Redmond")
            #expect(user[SCIMURN.enterpriseUser]?["department"]?.stringValue == "Sales")
        }
    }

    /// E7: rename (`Replace userName`) keeps the id; a name another member has is 409 `uniqueness`.
    @Test func e7RenameUser() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("before@contoso.com")
            let other = try await client.createEntraUser("taken@contoso.com")
            let renamed = try await client.entra.patch(
                "Users/\(id)", EntraBodies.patch(#"{"op":"Replace","path":"userName","value":"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}"#))
            #expect(renamed.status == 200)
            #expect(renamed.json?["id"]?.stringValue == id)
            #expect(renamed.json?["userName"]?.stringValue == "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com")
            let collision = try await client.entra.patch(
                "Users/\(other)", EntraBodies.patch(#"{"op":"Replace","path":"userName","value":"5B50642D-79fc-4410-9e90-4c077cdd1a59@testuser.com"}"#))
            expectSCIMError(collision, status: 409, scimType: "uniqueness")
        }
    }

    /// E8: the `aadOptscim062020` form: a filtered path, then a pathless `replace` whose keys are
    /// attribute paths (`name.givenName`, a URN-prefixed extension attribute), not nested JSON.
    @Test func e8PathlessReplaceWithDottedAndURNKeys() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("e8@contoso.com")
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"""
                    {"op":"replace","path":"emails[type eq \"work\"].value","value":"TestMhvaes@test.microsoft.com"},
                    {"op":"replace","value":{"displayName":"Bjfe","name.givenName":"Kkom","name.familyName":"Unua",
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Aklq"}}
                    """#))
            #expect(reply.status == 200, "\(reply.text)")
            let user = try #require(reply.json)
            #expect(user["emails"]?[0]?["value"]?.stringValue == "TestMhvaes@test.microsoft.com")
            #expect(user["displayName"]?.stringValue == "Bjfe")
            #expect(user.at("name.givenName")?.stringValue == "Kkom")
            #expect(user.at("name.familyName")?.stringValue == "Unua")
            #expect(user[SCIMURN.enterpriseUser]?["employeeNumber"]?.stringValue == "Aklq")
            #expect(user["name.givenName"] == nil)
        }
    }

    /// E9: the manager, added as a bare id on the extension path (current traffic) and as TUT's
    /// legacy `manager` array, always comes back as `{"value": id}`; the validator removes it with "".
    @Test func e9Manager() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let boss = try await client.createEntraUser("boss@contoso.com")
            let other = try await client.createEntraUser("other.boss@contoso.com")
            let id = try await client.createEntraUser("report@contoso.com")
            let added = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(#"{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"\#(boss)"}"#))
            #expect(added.status == 200, "\(added.text)")
            #expect(added.json?[SCIMURN.enterpriseUser]?["manager"]?["value"]?.stringValue == boss)
            #expect(try await client.entra.get("Users/\(id)").json?[SCIMURN.enterpriseUser]?["manager"]?["value"]?.stringValue == boss)

            let legacy = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"{"op":"Add","path":"manager","value":[{"$ref":"http://example.com/scim/Users/\#(other)","value":"\#(other)"}]}"#))
            #expect(legacy.status == 200, "\(legacy.text)")
            #expect(legacy.json?[SCIMURN.enterpriseUser]?["manager"]?["value"]?.stringValue == other)

            let removed = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(#"{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":""}"#))
            #expect(removed.status == 200, "\(removed.text)")
            #expect(removed.json?[SCIMURN.enterpriseUser]?["manager"] == nil)
        }
    }

    /// E9 (historic reference check): `id eq … and manager eq …&attributes=id` → a ListResponse of 0 or 1 `{id}`.
    @Test func e9ManagerReferenceQuery() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let boss = try await client.createEntraUser("ref.boss@contoso.com")
            let id = try await client.createEntraUser("ref.report@contoso.com")
            _ = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(#"{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"\#(boss)"}"#))
            let hit = try await client.entra.get("Users?filter=\(EntraBodies.query("id eq \"\(id)\" and manager eq \"\(boss)\""))&attributes=id")
            #expect(hit.status == 200, "\(hit.text)")
            #expect(hit.totalResults == 1)
            #expect(hit.resources.first?["id"]?.stringValue == id)
            #expect(hit.resources.first?["userName"] == nil)
            let miss = try await client.entra.get("Users?filter=\(EntraBodies.query("id eq \"\(id)\" and manager eq \"\(id)\""))&attributes=id")
            #expect(miss.status == 200)
            #expect(miss.totalResults == 0)
        }
    }

    /// E10: disable with `"False"` (no flag), `false` (flag) and TUT's sample order → 200, `active: false`,
    /// still found by GET and by filter.
    @Test(arguments: [
        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}"#,
        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}"#,
        #"{"Operations":[{"op":"Replace","path":"active","value":false}],"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}"#,
    ])
    func e10Disable(body: String) async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("disable.me@contoso.com")
            let reply = try await client.entra.patch("Users/\(id)", EntraBodies.json(body))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json?["active"]?.boolValue == false)
            #expect(try await client.entra.get("Users/\(id)").json?["active"]?.boolValue == false)
            let filtered = try await client.entra.get("Users?filter=\(EntraBodies.query(#"userName eq "disable.me@contoso.com""#))")
            #expect(filtered.resources.first?["active"]?.boolValue == false)
        }
    }

    /// E11: re-enable with `"True"` or `true`; the member keeps its teams through the disable (HOW).
    @Test(arguments: [#"{"op":"Replace","path":"active","value":"True"}"#, #"{"op":"replace","path":"active","value":true}"#])
    func e11Reenable(operation: String) async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("back@contoso.com")
            let team = try await client.createEntraGroup("Returners")
            #expect(try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [id])).status == 204)
            _ = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"Replace","path":"active","value":"False"}"#))
            let reply = try await client.entra.patch("Users/\(id)", EntraBodies.patch(operation))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json?["active"]?.boolValue == true)
            #expect(try await client.entra.get("Groups/\(team)").memberIDs == [id])
        }
    }

    /// E12: hard delete → 204; the member is gone (GET 404) and a repeat DELETE is a 404.
    @Test func e12HardDelete() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("purged@contoso.com")
            let team = try await client.createEntraGroup("Purge Team")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [id]))
            _ = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"Replace","path":"active","value":"False"}"#))
            let deleted = try await client.entra.delete("Users/\(id)")
            #expect(deleted.status == 204)
            #expect(deleted.text.isEmpty)
            expectSCIMError(try await client.entra.get("Users/\(id)"), status: 404)
            expectSCIMError(try await client.entra.delete("Users/\(id)"), status: 404)
            #expect(try await client.entra.get("Groups/\(team)").memberIDs.isEmpty)
        }
    }

    /// E13: match a group by `displayName` (any case) with `excludedAttributes=members`: no `members` key.
    @Test func e13MatchGroupWithoutMembers() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let user = try await client.createEntraUser("member@contoso.com")
            let team = try await client.createEntraGroup("displayName")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [user]))
            let reply = try await client.entra.get("Groups?excludedAttributes=members&filter=\(EntraBodies.query(#"displayName eq "DISPLAYNAME""#))")
            #expect(reply.status == 200)
            #expect(reply.totalResults == 1)
            let found = try #require(reply.resources.first)
            #expect(found["id"]?.stringValue == team)
            #expect(found["members"] == nil)
            #expect(found["displayName"]?.stringValue == "displayName")
        }
    }

    /// E14: TUT's create body (ADSCIM schema URI, readOnly `meta`) → 201 with `members: []`; a second
    /// group of the same name is 409 `uniqueness`.
    @Test func e14CreateGroup() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let reply = try await client.entra.post("Groups", EntraBodies.createGroup("displayName"))
            #expect(reply.status == 201, "\(reply.text)")
            let group = try #require(reply.json)
            #expect(group["id"]?.stringValue != nil)
            #expect(group["displayName"]?.stringValue == "displayName")
            #expect(group["externalId"]?.stringValue == "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159")
            #expect(group.at("meta.resourceType")?.stringValue == "Group")
            #expect(group["members"]?.arrayValue?.isEmpty == true)
            let duplicate = try await client.entra.post("Groups", EntraBodies.createGroup("DisplayName", externalId: "4a1c1b7e-0000-4000-8000-000000000001"))
            expectSCIMError(duplicate, status: 409, scimType: "uniqueness")
        }
    }

    /// E15: read a group with `excludedAttributes=members` → 200 without `members`.
    @Test func e15ReadGroupWithoutMembers() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let user = try await client.createEntraUser("e15@contoso.com")
            let team = try await client.createEntraGroup("E15")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [user]))
            let reply = try await client.entra.get("Groups/\(team)?excludedAttributes=members")
            #expect(reply.status == 200)
            #expect(reply.json?["id"]?.stringValue == team)
            #expect(reply.json?["members"] == nil)
            #expect(try await client.entra.get("Groups/\(team)").memberIDs == [user])
        }
    }

    /// E16: rename → 204 No Content for Entra, members untouched.
    @Test func e16RenameGroup() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let user = try await client.createEntraUser("e16@contoso.com")
            let team = try await client.createEntraGroup("1879db59-3bdf-4490-ad68-ab880a269474")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [user]))
            let reply = try await client.entra.patch(
                "Groups/\(team)",
                EntraBodies.patch(#"{"op":"Replace","path":"displayName","value":"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}"#))
            #expect(reply.status == 204)
            #expect(reply.text.isEmpty)
            let read = try await client.entra.get("Groups/\(team)")
            #expect(read.json?["displayName"]?.stringValue == "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName")
            #expect(read.memberIDs == [user])
        }
    }

    /// E17: `Add members` with `$ref: null`, several in one operation → 204; merged and deduplicated.
    @Test func e17AddMembers() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let a = try await client.createEntraUser("a@contoso.com")
            let b = try await client.createEntraUser("b@contoso.com")
            let c = try await client.createEntraUser("c@contoso.com")
            let team = try await client.createEntraGroup("E17")
            let first = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [a, b]))
            #expect(first.status == 204, "\(first.text)")
            let second = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [b, c]))
            #expect(second.status == 204)
            #expect(try await client.entra.get("Groups/\(team)").memberIDs == [a, b, c])
        }
    }

    /// E18: `Remove members` with a value array removes those members only (the default form), and
    /// the flag's `members[value eq "…"]` removes one → 204 each.
    @Test func e18RemoveMembersBothForms() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let a = try await client.createEntraUser("ra@contoso.com")
            let b = try await client.createEntraUser("rb@contoso.com")
            let c = try await client.createEntraUser("rc@contoso.com")
            let team = try await client.createEntraGroup("E18")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [a, b, c]))
            let byValue = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Remove", [a]))
            #expect(byValue.status == 204, "\(byValue.text)")
            #expect(try await client.entra.get("Groups/\(team)").memberIDs == [b, c])
            let byFilter = try await client.entra.patch(
                "Groups/\(team)", EntraBodies.patch(#"{"op":"remove","path":"members[value eq \"\#(b)\"]"}"#))
            #expect(byFilter.status == 204)
            #expect(try await client.entra.get("Groups/\(team)").memberIDs == [c])
        }
    }

    /// E19: delete a group → 204; its members stay.
    @Test func e19DeleteGroup() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let user = try await client.createEntraUser("stays@contoso.com")
            let team = try await client.createEntraGroup("E19")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [user]))
            #expect(try await client.entra.delete("Groups/\(team)").status == 204)
            expectSCIMError(try await client.entra.get("Groups/\(team)"), status: 404)
            let member = try await client.entra.get("Users/\(user)")
            #expect(member.status == 200)
            #expect(member.json?["groups"]?.arrayValue?.isEmpty ?? true)
        }
    }

    /// E20: `/Schemas` is a ListResponse naming the User, Group and enterprise schemas, without nulls.
    @Test func e20Schemas() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let reply = try await client.entra.get("Schemas")
            #expect(reply.status == 200)
            #expect(reply.schemas == [SCIMURN.listResponse])
            let ids = Set(reply.resources.compactMap { $0["id"]?.stringValue })
            #expect(ids.isSuperset(of: [SCIMURN.user, SCIMURN.group, SCIMURN.enterpriseUser]))
            #expect(!reply.text.contains("null"))
        }
    }
}
