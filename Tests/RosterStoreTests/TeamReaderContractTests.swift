import Foundation
import RosterStore
import SCIM
import Testing

/// `readTeam` and `readTeams` hand `render` the teams with a reader of their members: the same teams
/// and members, in the same order, as `team(…includeMembers: true)` and `teams` give.
@Suite struct TeamReaderContractTests {
    /// Two teams (one of four members, one empty) in one organization, and a team in another.
    private func seeded(_ store: any Store) async throws -> (org: Organization, full: SCIMResource, empty: SCIMResource, foreign: String) {
        let org = try await makeOrganization(store)
        var refs: [MemberRef] = []
        for n in 0..<4 {
            let member = try await store.createMember(organizationID: org.id, attributes: userAttributes("m\(n)@x.com"), actor: okta)
            refs.append(MemberRef(value: member.id, display: n == 2 ? nil : "m\(n)"))
        }
        let full = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("Full"), members: refs.reversed(), actor: okta)
        let empty = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Empty"), members: [], actor: okta)
        let other = try await makeOrganization(store, name: "Globex")
        let foreign = try await store.createTeam(organizationID: other.id, attributes: teamAttributes("Theirs"), members: [], actor: okta)
        return (org, full.team, empty.team, foreign.team.id)
    }

    private static func members(of id: String, _ reader: any TeamMemberReader) throws -> [MemberRef] {
        var members: [MemberRef] = []
        try reader.forEachMember(ofTeam: id) { members.append($0) }
        return members
    }

    @Test(arguments: StoreFactory.all)
    func readTeamHandsTheTeamAndItsMembersToRender(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, full, empty, foreign) = try await seeded(store)
        for team in [full, empty] {
            let loaded = try #require(try await store.team(organizationID: org.id, id: team.id, includeMembers: true))
            let (handed, members) = try #require(
                try await store.readTeam(organizationID: org.id, id: team.id) { team, reader in
                    (team, try Self.members(of: team.id, reader))
                })
            #expect(handed.members == nil)
            #expect(handed.id == loaded.id && handed.attributes == loaded.attributes && handed.meta == loaded.meta)
            #expect(members == loaded.members)
        }
        #expect(try await store.readTeam(organizationID: org.id, id: full.id) { _, reader in
            try Self.members(of: empty.id, reader)
        } == [], "a team the read did not load has no members")
        // Another organization's team and an unknown id are nil, and `render` is not called.
        for id in [foreign, "0000000000000000000000000000"] {
            let rendered: Bool? = try await store.readTeam(organizationID: org.id, id: id) { _, _ in true }
            #expect(rendered == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func readTeamsHandsThePageAndItsMembersToRender(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, _, _, _) = try await seeded(store)
        for query in [ListQuery(), ListQuery(count: 1), ListQuery(startIndex: 2), ListQuery(includeMembers: false)] {
            var withMembers = query
            withMembers.includeMembers = true
            let loaded = try await store.teams(organizationID: org.id, query: withMembers)
            let (page, members) = try await store.readTeams(organizationID: org.id, query: query) { page, reader in
                (page, try page.resources.map { try Self.members(of: $0.id, reader) })
            }
            #expect(page.totalResults == loaded.totalResults)
            #expect(page.resources.map(\.id) == loaded.resources.map(\.id))
            #expect(page.resources.allSatisfy { $0.members == nil })
            #expect(members == loaded.resources.map { $0.members ?? [] })
        }
    }
}
