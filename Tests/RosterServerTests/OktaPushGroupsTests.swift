import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

/// Okta's Push Groups requests R8–R16 (okta-requests.md §2), in the order Okta sends them.
@Suite struct OktaPushGroupsTests {
    @Test func pushGroupLifecycle() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let alice = try await client.createUser("alice@acme.com")
            let bob = try await client.createUser("bob@acme.com")
            let carol = try await client.createUser("carol@acme.com")

            // R8: create.
            let created = try await client.post("Groups", OktaBodies.group("Sales"))
            #expect(created.status == 201)
            #expect(created.headers[.location]?.hasSuffix("/Groups/\(created.json?["id"]?.stringValue ?? "?")") == true)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(created.json?.at("meta.resourceType")?.stringValue == "Group")

            // R9: lookup by name, without regard to case.
            let lookup = try await client.get(
                "Groups?filter=\(OktaBodies.encoded("displayName eq \"sales\""))&startIndex=1&count=100")
            #expect(lookup.totalResults == 1)

            // R13 (first push): add members.
            let added = try await client.patch(
                "Groups/\(id)",
                OktaBodies.patch([
                    ["op": "add", "path": "members", "value": [["value": .string(alice), "display": "alice@acme.com"], ["value": .string(bob)]]]
                ]))
            #expect(added.status == 200)
            #expect(try await client.get("Groups/\(id)").memberIDs == [alice, bob])

            // R12: rename with the id in the value and no schemas; membership untouched.
            let renamed = try await client.patch(
                "Groups/\(id)",
                ["Operations": [["op": "replace", "value": ["id": .string(id), "displayName": "Sales EMEA"]]]])
            #expect(renamed.status == 200)
            #expect(renamed.json?["displayName"]?.stringValue == "Sales EMEA")
            let afterRename = try await client.get("Groups/\(id)")
            #expect(afterRename.json?["displayName"]?.stringValue == "Sales EMEA")
            #expect(afterRename.memberIDs == [alice, bob])

            // R13: delta with two removes and an add.
            let delta = try await client.patch(
                "Groups/\(id)",
                OktaBodies.patch([
                    ["op": "remove", "path": .string("members[value eq \"\(alice)\"]")],
                    ["op": "remove", "path": .string("members[value eq \"\(bob)\"]")],
                    ["op": "add", "path": "members", "value": [["value": .string(carol), "display": "carol@acme.com"]]],
                ]))
            #expect(delta.status == 200)
            #expect(try await client.get("Groups/\(id)").memberIDs == [carol])

            // R14: Push Now replaces the set, then an empty group clears it.
            let replaced = try await client.patch(
                "Groups/\(id)",
                OktaBodies.patch([["op": "replace", "path": "members", "value": [["value": .string(alice)], ["value": .string(bob)]]]]))
            #expect(replaced.status == 200)
            #expect(try await client.get("Groups/\(id)").memberIDs == [alice, bob])
            let emptied = try await client.patch(
                "Groups/\(id)", OktaBodies.patch([["op": "replace", "path": "members", "value": []]]))
            #expect(emptied.status == 200)
            #expect(try await client.get("Groups/\(id)").memberIDs.isEmpty)

            // R15: PUT replaces name and members.
            let put = try await client.put("Groups/\(id)", OktaBodies.group("Sales", members: [bob, carol]).merging(id: id))
            #expect(put.status == 200)
            let afterPut = try await client.get("Groups/\(id)")
            #expect(afterPut.json?["displayName"]?.stringValue == "Sales")
            #expect(afterPut.memberIDs == [bob, carol])

            // The members see their team in `groups`.
            let bobRead = try await client.get("Users/\(bob)")
            #expect(bobRead.json?["groups"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == [id])

            // Entra's excludedAttributes=members.
            let lean = try await client.get("Groups/\(id)?excludedAttributes=members")
            #expect(lean.status == 200)
            #expect(lean.json?["members"] == nil)
            #expect(lean.json?["displayName"]?.stringValue == "Sales")

            // R16: delete the team; its members stay; a second delete is a 404.
            #expect(try await client.delete("Groups/\(id)").status == 204)
            #expect(try await client.get("Groups/\(id)").status == 404)
            for member in [alice, bob, carol] {
                #expect(try await client.get("Users/\(member)").status == 200)
            }
            #expect(try await client.delete("Groups/\(id)").status == 404)
        }
    }

    /// One stale member id never fails a push: it is skipped (and logged) and the rest apply.
    @Test func unknownMemberIDIsSkipped() async throws {
        let server = try await TestServer.make()
        try await server.run { client, requestLog async throws in
            let alice = try await client.createUser("alice@acme.com")
            let id = try await client.createGroup("Sales")
            let recorder = try #require(requestLog)
            let reply = try await client.patch(
                "Groups/\(id)",
                OktaBodies.patch([
                    ["op": "add", "path": "members", "value": [["value": .string(alice)], ["value": "00000000-0000-0000-0000-000000000000"]]]
                ]))
            #expect(reply.status == 200)
            #expect(try await client.get("Groups/\(id)").memberIDs == [alice])
            await recorder.flush()
            let patches = try await server.store.requestLog(RequestLogQuery(limit: 10)).filter { $0.method == "PATCH" }
            let entry = try #require(patches.first)
            #expect(entry.summary == "Okta · add 2 members to team Sales (1 unknown id skipped)")
        }
    }

    /// A PATCH answers with the whole team, members included (RFC 7644 §3.5.2), up to the
    /// configured size; a bigger team answers without them so a one-member change stays cheap.
    @Test func patchAnswersWithMembersUpToTheLimit() async throws {
        var configuration = ServerConfiguration(port: 0)
        configuration.writeResponseMemberLimit = 2
        let server = try await TestServer.make(configuration: configuration)
        try await server.run { client async throws in
            let alice = try await client.createUser("alice@acme.com")
            let bob = try await client.createUser("bob@acme.com")
            let carol = try await client.createUser("carol@acme.com")
            let id = try await client.createGroup("Sales")
            let add = { (member: String) in
                OktaBodies.patch([["op": "add", "path": "members", "value": [["value": .string(member)]]]])
            }
            let small = try await client.patch("Groups/\(id)", add(alice))
            #expect(small.memberIDs == [alice])
            #expect(try await client.patch("Groups/\(id)", add(bob)).memberIDs == [alice, bob])
            let big = try await client.patch("Groups/\(id)", add(carol))
            #expect(big.status == 200)
            #expect(big.json?["members"] == nil)
            #expect(big.json?["displayName"]?.stringValue == "Sales")
            #expect(try await client.get("Groups/\(id)").memberIDs == [alice, bob, carol])
            let excluded = try await client.patch("Groups/\(id)?excludedAttributes=members", add(alice))
            #expect(excluded.json?["members"] == nil)
        }
    }

    /// Twenty concurrent PATCHes each adding a different member to one team lose none of them.
    @Test func concurrentMemberAddsLoseNothing() async throws {
        let server = try await TestServer.make()
        try await server.run(.ahc(.http)) { client async throws in
            var members: [String] = []
            for i in 0..<20 { members.append(try await client.createUser("user\(i)@acme.com")) }
            let id = try await client.createGroup("Everyone")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for member in members {
                    group.addTask {
                        try await client.patch(
                            "Groups/\(id)", OktaBodies.patch([["op": "add", "path": "members", "value": [["value": .string(member)]]]])
                        ).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(try await client.get("Groups/\(id)").memberIDs == Set(members))
        }
    }
}
