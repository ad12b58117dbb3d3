import Foundation
import Hummingbird
import RosterStore
import SCIM
import Testing

/// The traps of entra-requests.md §3, where Entra departs from RFC 7644 or from Okta: one test each.
/// Where the two clients want different things from one request, both are checked.
@Suite struct EntraTrapTests {
    /// Trap 1: `Add`, `Replace`, `Remove` (Entra) and `add`, `replace`, `remove` (Okta, Entra's flag) mean the same.
    @Test(arguments: [("Add", "Replace", "Remove"), ("add", "replace", "remove")])
    func trap1OperationNamesInAnyCase(ops: (String, String, String)) async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("ops@contoso.com")
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"""
                    {"op":"\#(ops.0)","path":"title","value":"Engineer"},
                    {"op":"\#(ops.1)","path":"displayName","value":"Ops Person"},
                    {"op":"\#(ops.2)","path":"title"}
                    """#))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json?["displayName"]?.stringValue == "Ops Person")
            #expect(reply.json?["title"] == nil)
        }
    }

    /// Trap 2: `"True"`/`"False"` in any case wherever the schema says boolean (`active`, `primary`),
    /// in POST and PATCH; a string that is no boolean is a 400 naming the attribute.
    @Test func trap2BooleansAsStrings() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let created = try await client.entra.post(
                "Users",
                EntraBodies.json(
                    #"""
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"strings@contoso.com","active":"True",
                     "emails":[{"primary":"True","type":"work","value":"strings@contoso.com"},{"primary":"False","type":"other","value":"s@home.example"}],
                     "roles":[{"primary":"True","type":"WindowsAzureActiveDirectoryRole","value":"User"}]}
                    """#))
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json?["active"]?.boolValue == true)
            #expect(created.json?["emails"]?[0]?["primary"]?.boolValue == true)
            #expect(created.json?["emails"]?[1]?["primary"]?.boolValue == false)
            let id = try #require(created.json?["id"]?.stringValue)

            let lower = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"Replace","path":"active","value":"fAlSe"}"#))
            #expect(lower.status == 200)
            #expect(lower.json?["active"]?.boolValue == false)

            let bad = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"Replace","path":"active","value":"maybe"}"#))
            let detail = expectSCIMError(bad, status: 400, scimType: "invalidValue")
            #expect(detail.contains("active"))
        }
    }

    /// Trap 3: a pathless `replace` takes Entra's attribute-path keys and Okta's plain keys and
    /// nested objects alike.
    @Test func trap3PathlessReplaceKeysBothDialects() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("keys@contoso.com")
            let entra = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"{"op":"Replace","value":{"name.givenName":"Barbara","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Tours"}}"#))
            #expect(entra.status == 200, "\(entra.text)")
            #expect(entra.json?.at("name.givenName")?.stringValue == "Barbara")
            #expect(entra.json?[SCIMURN.enterpriseUser]?["department"]?.stringValue == "Tours")
            #expect(entra.json?.at("name.familyName")?.stringValue == "familyName")

            let okta = try await client.patch(
                "Users/\(id)",
                OktaBodies.patch([["op": "replace", "value": ["name": ["givenName": "Babs", "familyName": "Jensen"], "title": "Guide"]]]))
            #expect(okta.status == 200, "\(okta.text)")
            #expect(okta.json?.at("name.givenName")?.stringValue == "Babs")
            #expect(okta.json?["title"]?.stringValue == "Guide")
        }
    }

    /// Trap 4: `Remove members` with a value array removes those; without a value it removes all (RFC 7644).
    @Test func trap4RemoveMembersWithValueIsNotRemoveAll() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let a = try await client.createEntraUser("t4a@contoso.com")
            let b = try await client.createEntraUser("t4b@contoso.com")
            let team = try await client.createEntraGroup("Trap 4")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [a, b]))
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Remove", [a]))
            #expect(try await client.entra.get("Groups/\(team)").memberIDs == [b])
            let all = try await client.entra.patch("Groups/\(team)", EntraBodies.patch(#"{"op":"Remove","path":"members"}"#))
            #expect(all.status == 204)
            #expect(try await client.entra.get("Groups/\(team)").memberIDs.isEmpty)
        }
    }

    /// Trap 5: `Replace`/`Add` on a filtered path that matches nothing creates the element; sub-attribute
    /// names may be capitalised (`.Value`, `.Formatted`).
    @Test func trap5FilteredPathsAreUpserts() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("upsert@contoso.com")
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"""
                    {"op":"Replace","path":"phoneNumbers[type eq \"mobile\"].value","value":"+1 5551234567"},
                    {"op":"Replace","path":"emails[type eq \"other\"].Value","value":"upsert@home.example"},
                    {"op":"Replace","path":"addresses[type eq \"other\"].Formatted","value":"2 Side Street"}
                    """#))
            #expect(reply.status == 200, "\(reply.text)")
            let user = try #require(reply.json)
            #expect(user["phoneNumbers"]?[0]?["type"]?.stringValue == "mobile")
            #expect(user["phoneNumbers"]?[0]?["value"]?.stringValue == "+1 5551234567")
            let emails = user["emails"]?.arrayValue ?? []
            #expect(emails.contains { $0["type"]?.stringValue == "other" && $0["value"]?.stringValue == "upsert@home.example" })
            #expect(emails.contains { $0["type"]?.stringValue == "work" && $0["value"]?.stringValue == "upsert@contoso.com" })
            #expect(user["addresses"]?[0]?["formatted"]?.stringValue == "2 Side Street")
        }
    }

    /// Trap 6: `excludedAttributes=members` holds on every group read: list, filter and by id.
    @Test func trap6ExcludedMembersOnEveryGroupRead() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let user = try await client.createEntraUser("t6@contoso.com")
            let team = try await client.createEntraGroup("Trap 6")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [user]))
            let list = try await client.entra.get("Groups?excludedAttributes=members")
            #expect(list.status == 200)
            #expect(!list.resources.isEmpty)
            #expect(list.resources.allSatisfy { $0["members"] == nil })
            let byID = try await client.entra.get("Groups/\(team)?excludedAttributes=members")
            #expect(byID.json?["members"] == nil)
            let okta = try await client.get("Groups/\(team)")
            #expect(okta.memberIDs == [user])
        }
    }

    /// Trap 7: no match is a 200 ListResponse with `Resources: []`, never a 404, for users and groups.
    @Test(arguments: [
        "Users?filter=userName eq \"nobody@contoso.com\"", "Users?filter=externalId eq \"no-such-id\"",
        "Users?filter=emails[type eq \"work\"].value eq \"nobody@contoso.com\"",
        "Groups?excludedAttributes=members&filter=displayName eq \"No Such Group\"",
    ])
    func trap7NoMatchIsAnEmptyListResponse(request: String) async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let filter = try #require(request.range(of: "filter="))
            let reply = try await client.entra.get(String(request[..<filter.upperBound]) + EntraBodies.query(String(request[filter.upperBound...])))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.schemas == [SCIMURN.listResponse])
            #expect(reply.totalResults == 0)
            #expect(reply.json?["Resources"]?.arrayValue == [])
        }
    }

    /// Trap 8: bodies as `application/scim+json; charset=utf-8` (Entra) and `application/json` (Okta's
    /// SPEC test) are both read; GETs need no Accept; responses are `application/scim+json`.
    @Test func trap8MediaTypes() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let entra = try await client.entra.request(
                .post, "Users", json: EntraBodies.createUser("scim.json@contoso.com"), contentType: "application/scim+json; charset=utf-8")
            #expect(entra.status == 201)
            #expect(entra.headers[.contentType]?.hasPrefix("application/scim+json") == true)
            let okta = try await client.request(.post, "Users", json: OktaBodies.user("plain.json@acme.com"), contentType: "application/json")
            #expect(okta.status == 201)
            let get = try await client.entra.get("Users/\(try #require(entra.json?["id"]?.stringValue))")
            #expect(get.status == 200)
            #expect(get.headers[.contentType]?.hasPrefix("application/scim+json") == true)
        }
    }

    /// §0: flags such as `aadOptscim062020` may reach the server as query parameters; unknown
    /// parameters are ignored on every request.
    @Test func unknownQueryParametersAreIgnored() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("flag@contoso.com")
            let list = try await client.entra.get("Users?aadOptscim062020&filter=\(EntraBodies.query(#"userName eq "flag@contoso.com""#))")
            #expect(list.status == 200, "\(list.text)")
            #expect(list.totalResults == 1)
            #expect(try await client.entra.get("Users/\(id)?aadOptscim062020").status == 200)
            let patched = try await client.entra.patch(
                "Users/\(id)?aadOptscim062020", EntraBodies.patch(#"{"op":"Replace","path":"title","value":"Flagged"}"#))
            #expect(patched.status == 200, "\(patched.text)")
        }
    }

    /// Trap 9: a group PATCH answers Entra 204 No Content and Okta 200 with the group; a user PATCH
    /// answers both 200 with the user.
    @Test func trap9PatchStatusPerClient() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let user = try await client.createEntraUser("t9@contoso.com")
            let team = try await client.createEntraGroup("Trap 9")
            let entraGroup = try await client.entra.patch("Groups/\(team)", EntraBodies.members("Add", [user]))
            #expect(entraGroup.status == 204)
            #expect(entraGroup.text.isEmpty)
            let oktaGroup = try await client.patch(
                "Groups/\(team)", OktaBodies.patch([["op": "replace", "value": ["id": .string(team), "displayName": "Trap 9 Okta"]]]))
            #expect(oktaGroup.status == 200)
            #expect(oktaGroup.json?["displayName"]?.stringValue == "Trap 9 Okta")
            #expect(oktaGroup.memberIDs == [user])
            let entraUser = try await client.entra.patch("Users/\(user)", EntraBodies.patch(#"{"op":"Replace","path":"title","value":"Lead"}"#))
            #expect(entraUser.status == 200)
            #expect(entraUser.json?["title"]?.stringValue == "Lead")
        }
    }

    /// Trap 10: a manager sent as a bare string in a POST comes back as `{"value": id}`.
    @Test func trap10ManagerStringInObjectOut() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let boss = try await client.createEntraUser("t10.boss@contoso.com")
            let created = try await client.entra.post(
                "Users",
                EntraBodies.json(
                    #"""
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                     "userName":"t10@contoso.com","active":true,
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","manager":"\#(boss)"}}
                    """#))
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json?[SCIMURN.enterpriseUser]?["manager"]?["value"]?.stringValue == boss)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await client.entra.get("Users/\(id)").json?[SCIMURN.enterpriseUser]?["manager"]?["value"]?.stringValue == boss)
        }
    }

    /// Trap 11: Entra deletes users (hard delete) and disables them with `active` (soft delete); Okta
    /// only deactivates, and its PUT still works.
    @Test func trap11HardAndSoftDelete() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let soft = try await client.createEntraUser("soft@contoso.com")
            let hard = try await client.createEntraUser("hard@contoso.com")
            #expect(try await client.entra.patch("Users/\(soft)", EntraBodies.patch(#"{"op":"Replace","path":"active","value":"False"}"#)).status == 200)
            #expect(try await client.entra.delete("Users/\(hard)").status == 204)
            #expect(try await client.entra.get("Users/\(soft)").json?["active"]?.boolValue == false)
            #expect(try await client.entra.get("Users/\(hard)").status == 404)

            let oktaID = try await client.createUser("okta.put@acme.com")
            var body = try #require(try await client.get("Users/\(oktaID)").json?.objectValue)
            body["active"] = false
            let put = try await client.put("Users/\(oktaID)", .object(body))
            #expect(put.status == 200)
            #expect(put.json?["active"]?.boolValue == false)
        }
    }

    /// Trap 12: unknown schema URIs (`…enterprise:2.0User` typo), readOnly `meta`, top-level unknown
    /// attributes and extension attributes whose URN is missing from `schemas` are no reason for a 400.
    @Test func trap12UnknownSchemasAndReadOnlyAttributesAreIgnored() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let created = try await client.entra.post(
                "Users",
                EntraBodies.json(
                    #"""
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
                     "userName":"t12@contoso.com","active":true,"department":"Top Level",
                     "meta":{"resourceType":"User","created":"2001-01-01T00:00:00Z"},
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984"},
                     "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:customAttribute":"x"}
                    """#))
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json?[SCIMURN.enterpriseUser]?["employeeNumber"]?.stringValue == "701984")
            #expect(created.json?.at("meta.created")?.stringValue != "2001-01-01T00:00:00Z")
        }
    }

    /// Trap 13: `Remove` with a value on a single-valued attribute clears it only when the value is
    /// the stored one.
    @Test func trap13RemoveWithValueOnSingleValuedAttribute() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("t13@contoso.com")
            _ = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"Add","path":"title","value":"Guide"}"#))
            let other = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"Remove","path":"title","value":"Pilot"}"#))
            #expect(other.status == 200, "\(other.text)")
            #expect(other.json?["title"]?.stringValue == "Guide")
            let same = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"Remove","path":"title","value":"Guide"}"#))
            #expect(same.status == 200)
            #expect(same.json?["title"] == nil)
        }
    }

    /// Trap 14: values come back as sent. A conforming phone is echoed verbatim; a raw directory phone
    /// is refused with a detail naming the rule (strict), or stored verbatim (flag policy).
    @Test func trap14StoredValuesAreNotReformatted() async throws {
        let strict = try await TestServer.make()
        try await strict.run { client async throws in
            let id = try await client.createEntraUser("Mixed.Case@Contoso.com")
            let conforming = try await client.entra.patch(
                "Users/\(id)", EntraBodies.patch(#"{"op":"Add","path":"phoneNumbers[type eq \"work\"].value","value":"+1 4255550100"}"#))
            #expect(conforming.status == 200)
            #expect(conforming.json?["phoneNumbers"]?[0]?["value"]?.stringValue == "+1 4255550100")
            #expect(conforming.json?["userName"]?.stringValue == "Mixed.Case@Contoso.com")
            let raw = try await client.entra.patch(
                "Users/\(id)", EntraBodies.patch(#"{"op":"Replace","path":"phoneNumbers[type eq \"work\"].value","value":"55555555555"}"#))
            let detail = expectSCIMError(raw, status: 400, scimType: "invalidValue")
            #expect(detail.contains("55555555555"))
            #expect(detail.contains("<country_prefix> <telephone_number>"))
        }
        let flag = try await TestServer.make(phonePolicy: .flag)
        try await flag.run { client async throws in
            let id = try await client.createEntraUser("raw.phone@contoso.com")
            let raw = try await client.entra.patch(
                "Users/\(id)", EntraBodies.patch(#"{"op":"Replace","path":"phoneNumbers[type eq \"work\"].value","value":"55555555555"}"#))
            #expect(raw.status == 200)
            #expect(try await client.entra.get("Users/\(id)").json?["phoneNumbers"]?[0]?["value"]?.stringValue == "55555555555")
        }
    }

    /// Trap 15: `AppRoleAssignmentsComplex` sends `roles` as a JSON-encoded string in PATCH (objects in
    /// POST); neither fails the user.
    @Test func trap15RolesAsJSONEncodedString() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("t15@contoso.com")
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"{"op":"Add","path":"roles","value":"[{\"primary\":true,\"type\":\"WindowsAzureActiveDirectoryRole\",\"display\":\"Admin\",\"value\":\"Admin\"}]"}"#
                ))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json?["roles"]?[0]?["value"]?.stringValue == "Admin")
        }
    }

    /// Trap 16: a legacy `customappsso` job's extension path with `.` for `:` is refused with a 400
    /// whose detail names the path, so the administrator knows to recreate the job.
    @Test func trap16LegacyExtensionPathIsAClearError() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("t16@contoso.com")
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(#"{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department","value":"x"}"#))
            let detail = expectSCIMError(reply, status: 400)
            #expect(detail.contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department"))
        }
    }
}
