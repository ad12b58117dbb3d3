import Foundation
import Hummingbird
import RosterStore
import SCIM
import Testing

/// The checks of Microsoft's SCIM Validator as captured runs show them (entra-requests.md §5.1),
/// required and preview, with the quirks reported against it.
@Suite struct EntraValidatorTests {
    // MARK: Users

    /// Create a new User (verified by GET) · Create a duplicate User (409).
    @Test func createUserThenDuplicate() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let created = try await client.entra.post("Users", EntraBodies.createUser("validator.user@contoso.com"))
            #expect(created.status == 201)
            let id = try #require(created.json?["id"]?.stringValue)
            let read = try await client.entra.get("Users/\(id)")
            #expect(read.json?["userName"]?.stringValue == "validator.user@contoso.com")
            let duplicate = try await client.entra.post("Users", EntraBodies.createUser("VALIDATOR.user@contoso.com"))
            let detail = expectSCIMError(duplicate, status: 409, scimType: "uniqueness")
            #expect(detail.lowercased().contains("username"))
        }
    }

    /// Filter for an existing user · a non-existing user · an existing user with a different case.
    @Test func filterUsers() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("Filter.Me@contoso.com")
            for (filter, expected) in [
                (#"userName eq "Filter.Me@contoso.com""#, [id]), (#"userName eq "nobody@contoso.com""#, []),
                (#"userName eq "FILTER.ME@CONTOSO.COM""#, [id]),
            ] {
                let reply = try await client.entra.get("Users?filter=\(EntraBodies.query(filter))")
                #expect(reply.status == 200)
                #expect(reply.resources.compactMap { $0["id"]?.stringValue } == expected, "\(filter)")
                #expect(reply.totalResults == Double(expected.count))
            }
        }
    }

    /// Patch User – Replace Attributes Verbose: many ops on filtered paths, sub-attributes of work
    /// e-mail (`display`, `primary`), addresses, phones and enterprise attributes.
    @Test func patchUserReplaceAttributesVerbose() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("verbose@contoso.com")
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"""
                    {"op":"replace","path":"userName","value":"verbose.renamed@contoso.com"},
                    {"op":"replace","path":"active","value":true},
                    {"op":"replace","path":"displayName","value":"Verbose Person"},
                    {"op":"replace","path":"title","value":"Director"},
                    {"op":"replace","path":"emails[type eq \"work\"].value","value":"verbose.renamed@contoso.com"},
                    {"op":"replace","path":"emails[type eq \"work\"].display","value":"Work mail"},
                    {"op":"replace","path":"emails[type eq \"work\"].primary","value":true},
                    {"op":"replace","path":"preferredLanguage","value":"en-GB"},
                    {"op":"replace","path":"name.givenName","value":"Verbose"},
                    {"op":"replace","path":"name.familyName","value":"Person"},
                    {"op":"replace","path":"name.formatted","value":"Verbose Person"},
                    {"op":"replace","path":"addresses[type eq \"work\"].streetAddress","value":"1 Main St"},
                    {"op":"replace","path":"addresses[type eq \"work\"].locality","value":"Redmond"},
                    {"op":"replace","path":"addresses[type eq \"work\"].region","value":"WA"},
                    {"op":"replace","path":"addresses[type eq \"work\"].postalCode","value":"98052"},
                    {"op":"replace","path":"addresses[type eq \"work\"].country","value":"US"},
                    {"op":"replace","path":"addresses[type eq \"work\"].primary","value":true},
                    {"op":"replace","path":"phoneNumbers[type eq \"work\"].value","value":"+1 4255550100"},
                    {"op":"replace","path":"phoneNumbers[type eq \"mobile\"].value","value":"+1 4255550101"},
                    {"op":"replace","path":"phoneNumbers[type eq \"fax\"].value","value":"+1 4255550102"},
                    {"op":"replace","path":"externalId","value":"verbose-ext"},
                    {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"E-1"},
                    {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Finance"},
                    {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter","value":"CC-7"},
                    {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization","value":"Contoso"},
                    {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division","value":"West"}
                    """#))
            #expect(reply.status == 200, "\(reply.text)")
            let user = try #require(try await client.entra.get("Users/\(id)").json)
            #expect(user["userName"]?.stringValue == "verbose.renamed@contoso.com")
            #expect(user["emails"]?[0]?["display"]?.stringValue == "Work mail")
            #expect(user["emails"]?[0]?["primary"]?.boolValue == true)
            #expect(user["addresses"]?[0]?["postalCode"]?.stringValue == "98052")
            #expect(user["addresses"]?[0]?["locality"]?.stringValue == "Redmond")
            #expect(Set(user["phoneNumbers"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []) == ["work", "mobile", "fax"])
            #expect(user["externalId"]?.stringValue == "verbose-ext")
            #expect(user[SCIMURN.enterpriseUser]?["division"]?.stringValue == "West")
            #expect(user[SCIMURN.enterpriseUser]?["costCenter"]?.stringValue == "CC-7")
        }
    }

    /// Patch User – Add Attributes Verbose: a minimal user, then `add` on filtered paths that do not yet exist.
    @Test func patchUserAddAttributesVerbose() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let created = try await client.entra.post(
                "Users", EntraBodies.json(#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"minimal@contoso.com"}"#))
            let id = try #require(created.json?["id"]?.stringValue)
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"""
                    {"op":"add","path":"emails[type eq \"work\"].value","value":"minimal@contoso.com"},
                    {"op":"add","path":"emails[type eq \"work\"].primary","value":true},
                    {"op":"add","path":"addresses[type eq \"work\"].formatted","value":"1 Main St, Redmond"},
                    {"op":"add","path":"phoneNumbers[type eq \"mobile\"].value","value":"+44 7700900123"},
                    {"op":"add","path":"name.givenName","value":"Min"},
                    {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Ops"}
                    """#))
            #expect(reply.status == 200, "\(reply.text)")
            let user = try #require(reply.json)
            #expect(user["emails"]?.arrayValue?.count == 1)
            #expect(user["emails"]?[0]?["primary"]?.boolValue == true)
            #expect(user["addresses"]?[0]?["formatted"]?.stringValue == "1 Main St, Redmond")
            #expect(user["phoneNumbers"]?[0]?["value"]?.stringValue == "+44 7700900123")
            #expect(user.at("name.givenName")?.stringValue == "Min")
        }
    }

    /// Patch User – Disable User: checked by a later GET and by a filter, both showing `active: false`.
    @Test func patchUserDisable() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("disable@contoso.com")
            #expect(try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"replace","path":"active","value":false}"#)).status == 200)
            #expect(try await client.entra.get("Users/\(id)").json?["active"]?.boolValue == false)
            let filtered = try await client.entra.get("Users?filter=\(EntraBodies.query(#"userName eq "disable@contoso.com""#))")
            #expect(filtered.resources.first?["active"]?.boolValue == false)
        }
    }

    /// Patch User – Add / Replace / Remove Manager, including the `{"value":""}` removal.
    @Test func patchUserManager() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let first = try await client.createEntraUser("m1@contoso.com")
            let second = try await client.createEntraUser("m2@contoso.com")
            let id = try await client.createEntraUser("reportee@contoso.com")
            let path = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"
            let added = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"add","path":"\#(path)","value":"\#(first)"}"#))
            #expect(added.json?[SCIMURN.enterpriseUser]?["manager"]?["value"]?.stringValue == first)
            let replaced = try await client.entra.patch(
                "Users/\(id)", EntraBodies.patch(#"{"op":"replace","path":"\#(path)","value":{"value":"\#(second)"}}"#))
            #expect(replaced.json?[SCIMURN.enterpriseUser]?["manager"]?["value"]?.stringValue == second)
            let removed = try await client.entra.patch(
                "Users/\(id)", EntraBodies.patch(#"{"op":"replace","path":"\#(path)","value":{"value":""}}"#))
            #expect(removed.status == 200, "\(removed.text)")
            #expect(removed.json?[SCIMURN.enterpriseUser]?["manager"] == nil)
            _ = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"add","path":"\#(path)","value":"\#(first)"}"#))
            let dropped = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"remove","path":"\#(path)"}"#))
            #expect(dropped.json?[SCIMURN.enterpriseUser]?["manager"] == nil)
        }
    }

    /// Patch User – multiple ops on the same attribute, applied in order (preview).
    @Test func patchUserMultipleOpsOnOneAttribute() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("ordered@contoso.com")
            let reply = try await client.entra.patch(
                "Users/\(id)",
                EntraBodies.patch(
                    #"""
                    {"op":"remove","path":"emails[type eq \"work\"]"},
                    {"op":"add","path":"emails[type eq \"work\"].value","value":"ordered.1@contoso.com"},
                    {"op":"replace","path":"emails[type eq \"work\"].value","value":"ordered.2@contoso.com"}
                    """#))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json?["emails"]?.arrayValue?.count == 1)
            #expect(reply.json?["emails"]?[0]?["value"]?.stringValue == "ordered.2@contoso.com")
        }
    }

    /// Delete a User (204, then 404) · Delete a non-existent User · Delete the same User twice (preview).
    @Test func deleteUsers() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("delete.twice@contoso.com")
            #expect(try await client.entra.delete("Users/\(id)").status == 204)
            expectSCIMError(try await client.entra.get("Users/\(id)"), status: 404)
            expectSCIMError(try await client.entra.delete("Users/\(id)"), status: 404)
            expectSCIMError(try await client.entra.delete("Users/00000000-0000-0000-0000-000000000000"), status: 404)
        }
    }

    /// A PATCH with an empty `Operations` array (scimmyjs/scimmy#59) is a clear 400, not a crash.
    @Test func emptyOperationsIsAClearError() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("empty.ops@contoso.com")
            let reply = try await client.entra.patch("Users/\(id)", EntraBodies.patch(""))
            let detail = expectSCIMError(reply, status: 400)
            #expect(detail.contains("Operations"))
        }
    }

    // MARK: Groups

    /// Get group by id excluding members · Filter for existing group (excluding members, and with a
    /// different case) · Filter for a non-existing group.
    @Test func readAndFilterGroups() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let user = try await client.createEntraUser("g.member@contoso.com")
            let team = try await client.createEntraGroup("Validator Group")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.members("add", [user]))
            #expect(try await client.entra.get("Groups/\(team)?excludedAttributes=members").json?["members"] == nil)
            for (query, expected) in [
                ("excludedAttributes=members&filter=\(EntraBodies.query(#"displayName eq "Validator Group""#))", [team]),
                ("filter=\(EntraBodies.query(#"displayName eq "Validator Group""#))", [team]),
                ("filter=\(EntraBodies.query(#"displayName eq "VALIDATOR group""#))", [team]),
                ("filter=\(EntraBodies.query(#"displayName eq "No Such Group""#))", []),
            ] {
                let reply = try await client.entra.get("Groups?\(query)")
                #expect(reply.status == 200)
                #expect(reply.resources.compactMap { $0["id"]?.stringValue } == expected, "\(query)")
                if query.hasPrefix("excludedAttributes") { #expect(reply.resources.allSatisfy { $0["members"] == nil }) }
            }
        }
    }

    /// Create a new Group · Create a duplicate Group (409).
    @Test func createGroupThenDuplicate() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            #expect(try await client.entra.post("Groups", EntraBodies.createGroup("Dup Group")).status == 201)
            expectSCIMError(try await client.entra.post("Groups", EntraBodies.createGroup("Dup Group")), status: 409, scimType: "uniqueness")
        }
    }

    /// Patch Group – Replace Attributes (pathless `replace` of `externalId`) · Update Group displayName.
    @Test func patchGroupAttributes() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let team = try await client.createEntraGroup("Patch Me")
            let pathless = try await client.entra.patch(
                "Groups/\(team)", EntraBodies.patch(#"{"op":"replace","value":{"externalId":"b2f6d7c1-new"}}"#))
            #expect([200, 204].contains(pathless.status), "\(pathless.text)")
            let renamed = try await client.entra.patch(
                "Groups/\(team)", EntraBodies.patch(#"{"op":"replace","path":"displayName","value":"Patched"}"#))
            #expect([200, 204].contains(renamed.status))
            let read = try await client.entra.get("Groups/\(team)")
            #expect(read.json?["externalId"]?.stringValue == "b2f6d7c1-new")
            #expect(read.json?["displayName"]?.stringValue == "Patched")
        }
    }

    /// Patch Group – Add Member (also as the validator's `replace` on `members`) · Remove Member
    /// (`members[value eq "…"]`) · multiple ops on the same attribute (`add` then `remove` of one member).
    @Test func patchGroupMembers() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let a = try await client.createEntraUser("pg.a@contoso.com")
            let b = try await client.createEntraUser("pg.b@contoso.com")
            let team = try await client.createEntraGroup("Member Ops")
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.patch(#"{"op":"add","path":"members","value":[{"value":"\#(a)"}]}"#))
            #expect(try await client.entra.get("Groups/\(team)").memberIDs == [a])
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.patch(#"{"op":"replace","path":"members","value":[{"value":"\#(b)"}]}"#))
            #expect(try await client.entra.get("Groups/\(team)").memberIDs == [b])
            _ = try await client.entra.patch("Groups/\(team)", EntraBodies.patch(#"{"op":"remove","path":"members[value eq \"\#(b)\"]"}"#))
            #expect(try await client.entra.get("Groups/\(team)").memberIDs.isEmpty)
            let both = try await client.entra.patch(
                "Groups/\(team)",
                EntraBodies.patch(
                    #"{"op":"add","path":"members","value":[{"value":"\#(a)"}]},{"op":"remove","path":"members[value eq \"\#(a)\"]"}"#))
            #expect([200, 204].contains(both.status))
            #expect(try await client.entra.get("Groups/\(team)").memberIDs.isEmpty)
        }
    }

    /// Delete a Group · Delete a non-existent Group · Delete the same Group twice (preview).
    @Test func deleteGroups() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let team = try await client.createEntraGroup("Delete Twice")
            #expect(try await client.entra.delete("Groups/\(team)").status == 204)
            expectSCIMError(try await client.entra.delete("Groups/\(team)"), status: 404)
            expectSCIMError(try await client.entra.delete("Groups/00000000-0000-0000-0000-000000000000"), status: 404)
        }
    }

    // MARK: Gallery suite (GALV)

    /// GALV's pagination check: `startIndex=N&count=5` over 11 users, `startIndex` echoed.
    @Test func paginationOverElevenUsers() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            for n in 1...11 { _ = try await client.createEntraUser("page\(n)@contoso.com") }
            var seen: Set<String> = []
            for start in [1, 6, 11] {
                let reply = try await client.entra.get("Users?startIndex=\(start)&count=5")
                #expect(reply.status == 200)
                #expect(reply.json?["startIndex"]?.numberValue == Double(start))
                #expect(reply.totalResults == 11)
                seen.formUnion(reply.resources.compactMap { $0["id"]?.stringValue })
            }
            #expect(seen.count == 11)
        }
    }

    /// GALV's null update: an optional attribute set to `""` and then `null` is cleared.
    @Test func nullUpdateClearsOptionalAttributes() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let id = try await client.createEntraUser("nulls@contoso.com")
            _ = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"add","path":"title","value":"Guide"}"#))
            let empty = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"replace","path":"title","value":""}"#))
            #expect(empty.status == 200, "\(empty.text)")
            #expect(empty.json?["title"] == nil)
            _ = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"add","path":"displayName","value":"Shown"}"#))
            let null = try await client.entra.patch("Users/\(id)", EntraBodies.patch(#"{"op":"replace","path":"displayName","value":null}"#))
            #expect(null.status == 200, "\(null.text)")
            #expect(null.json?["displayName"] == nil)
        }
    }
}
