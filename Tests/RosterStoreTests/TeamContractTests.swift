import Foundation
import RosterStore
import SCIM
import Testing

@Suite struct TeamContractTests {
    /// An organization with members `m0@x.com`…; returns their ids in creation order.
    private func seeded(_ store: any Store, members: Int) async throws -> (Organization, [String]) {
        let org = try await makeOrganization(store)
        var ids: [String] = []
        for n in 0..<members {
            let member = try await store.createMember(
                organizationID: org.id, attributes: userAttributes("m\(n)@x.com", displayName: n == 0 ? nil : "Member \(n)"),
                actor: okta)
            ids.append(member.id)
        }
        return (org, ids)
    }

    @Test(arguments: StoreFactory.all)
    func deletingAMemberChangesTheVersionOfItsTeamsOnly(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, ids) = try await seeded(store, members: 2)
        let joined = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("Sales"), members: memberRefs([ids[0], ids[1]]), actor: okta)
        let other = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("Ops"), members: memberRefs([ids[1]]), actor: okta)

        try await store.deleteMember(organizationID: org.id, id: ids[0], expectedVersion: nil, actor: okta)

        // Its team's member list changed, so must its ETag (a client's If-Match on the old one must fail).
        let after = try #require(try await store.team(organizationID: org.id, id: joined.team.id, includeMembers: true))
        #expect(after.members?.map(\.value) == [ids[1]])
        #expect(after.meta.version == joined.team.meta.version + 1)
        #expect(after.meta.lastModified >= joined.team.meta.lastModified)
        let untouched = try #require(try await store.team(organizationID: org.id, id: other.team.id, includeMembers: false))
        #expect(untouched.meta.version == other.team.meta.version)
    }

    @Test(arguments: StoreFactory.all)
    func createReadReplaceDelete(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, ids) = try await seeded(store, members: 3)

        let created = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("Engineering", externalId: "00g1"),
            members: [MemberRef(value: ids[1], display: "m1@x.com"), MemberRef(value: ids[0])], actor: okta)
        #expect(created.skippedMemberIDs.isEmpty)
        // Members come back in creation order, each with the display it was sent with, if any.
        #expect(created.team.members == [MemberRef(value: ids[0]), MemberRef(value: ids[1], display: "m1@x.com")])
        #expect(created.team.meta.version == 1)

        #expect(try await store.team(organizationID: org.id, id: created.team.id, includeMembers: true) == created.team)
        let withoutMembers = try #require(try await store.team(organizationID: org.id, id: created.team.id, includeMembers: false))
        #expect(withoutMembers.members == nil)

        let replaced = try await store.replaceTeam(
            organizationID: org.id, id: created.team.id, attributes: teamAttributes("Engineering"), members: memberRefs([ids[2], ids[1]]),
            expectedVersion: 1, actor: okta)
        #expect(replaced.team.members?.map(\.value) == [ids[1], ids[2]])
        #expect(replaced.team.meta.version == 2 && replaced.team.externalId == nil)

        try await store.deleteTeam(organizationID: org.id, id: created.team.id, expectedVersion: 2, actor: okta)
        #expect(try await store.team(organizationID: org.id, id: created.team.id, includeMembers: true) == nil)
        // Its members stay.
        #expect(try await store.members(organizationID: org.id, query: ListQuery()).totalResults == 3)
        #expect(try await store.member(organizationID: org.id, id: ids[1])?.groups == [])
    }

    @Test(arguments: StoreFactory.all)
    func teamNamesAreUniqueWithoutRegardToCase(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        _ = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Straße"), members: [], actor: okta)
        let error = await expectSCIMError(status: 409, scimType: .uniqueness) {
            _ = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("STRASSE"), members: [], actor: okta)
        }
        #expect(error?.detail.contains("STRASSE") == true)
        let other = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Other"), members: [], actor: okta)
        await expectSCIMError(status: 409, scimType: .uniqueness) {
            _ = try await store.modifyTeam(organizationID: org.id, id: other.team.id, expectedVersion: nil, actor: okta) { _ in
                PatchResult(attributes: teamAttributes("strasse"))
            }
        }
    }

    @Test(arguments: StoreFactory.all)
    func membershipStepsApplyInOrderAndSkipUnknownIDs(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, ids) = try await seeded(store, members: 4)
        let globex = try await makeOrganization(store, name: "Globex")
        let foreign = try await store.createMember(organizationID: globex.id, attributes: userAttributes("f@x.com"), actor: okta)
        let team = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("T"), members: memberRefs([ids[0], "ghost-1"]), actor: okta)
        #expect(team.skippedMemberIDs == ["ghost-1"])

        let result = try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: 1, actor: okta) { current in
            #expect(current.members == nil)
            return PatchResult(
                attributes: current.attributes,
                membership: [
                    .add(memberRefs([ids[1], ids[2], foreign.id, "ghost-2", ids[1]])),
                    .remove([ids[0], "ghost-2"]),
                    .add(memberRefs([ids[3]])),
                ])
        }
        #expect(result.skippedMemberIDs == [foreign.id, "ghost-2"])
        #expect(result.team.meta.version == 2)
        let members = try await store.teamMembers(organizationID: org.id, teamID: team.team.id, offset: 0, limit: 10)
        #expect(members.map(\.value) == [ids[1], ids[2], ids[3]])
        #expect(try await store.teamMembers(organizationID: org.id, teamID: team.team.id, offset: 1, limit: 1).map(\.value) == [ids[2]])
    }

    @Test(arguments: StoreFactory.all)
    func aRenameKeepsTheMembersAndANoOpKeepsTheVersion(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, ids) = try await seeded(store, members: 2)
        let team = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Old"), members: memberRefs(ids), actor: okta)
        let renamed = try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: nil, actor: okta) { _ in
            PatchResult(attributes: teamAttributes("New"))
        }
        #expect(renamed.team.displayName == "New" && renamed.team.meta.version == 2)
        #expect(try await store.team(organizationID: org.id, id: team.team.id, includeMembers: true)?.members?.count == 2)
        #expect(try await store.member(organizationID: org.id, id: ids[0])?.groups?.first?.display == "New")

        // Adding members already there changes nothing, so the version stays.
        let same = try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: nil, actor: okta) { current in
            PatchResult(attributes: current.attributes, membership: [.add(memberRefs(ids))])
        }
        #expect(same.team.meta.version == 2)
    }

    @Test(arguments: StoreFactory.all)
    func replacingWithNoMembersEmptiesTheTeam(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, ids) = try await seeded(store, members: 3)
        let team = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("T"), members: memberRefs(ids), actor: okta)
        let replaced = try await store.replaceTeam(
            organizationID: org.id, id: team.team.id, attributes: teamAttributes("T"), members: [], expectedVersion: nil, actor: okta)
        #expect(replaced.team.members == [])
        #expect(replaced.team.meta.version == 2)

        _ = try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: nil, actor: okta) { current in
            PatchResult(attributes: current.attributes, membership: [.add(memberRefs(ids)), .removeAll])
        }
        #expect(try await store.teamMembers(organizationID: org.id, teamID: team.team.id, offset: 0, limit: 10) == [])
    }

    @Test(arguments: StoreFactory.all)
    func removeMatchingRemovesOnlyTheMatchingMembers(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, ids) = try await seeded(store, members: 4)
        let sent = [
            MemberRef(value: ids[0], display: "m0@x.com"), MemberRef(value: ids[1]),
            MemberRef(value: ids[2], display: "Okta Two"), MemberRef(value: ids[3], display: "m3@x.com"),
        ]
        let team = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("T"), members: sent, actor: okta)

        // A plain `value eq` (Okta's remove) and filters over the display stored with the membership:
        // the members' own names ("Member 2") are not what `display` means.
        _ = try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: nil, actor: okta) { current in
            PatchResult(
                attributes: current.attributes,
                membership: [
                    .removeMatching(try filter("value eq \"\(ids[0])\"")),
                    .removeMatching(try filter("display co \"MEMBER 2\"")),
                    .removeMatching(try filter("display co \"OKTA\" or value eq \"\(ids[3])\"")),
                ])
        }
        #expect(try await store.teamMembers(organizationID: org.id, teamID: team.team.id, offset: 0, limit: 10).map(\.value) == [ids[1]])

        // A filter naming something a member has not is a 400, and nothing changes.
        await expectSCIMError(status: 400, scimType: .invalidFilter) {
            _ = try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: nil, actor: okta) { current in
                PatchResult(attributes: current.attributes, membership: [.removeAll, .removeMatching(try filter("title eq \"x\""))])
            }
        }
        #expect(try await store.teamMembers(organizationID: org.id, teamID: team.team.id, offset: 0, limit: 10).map(\.value) == [ids[1]])
    }

    @Test(arguments: StoreFactory.all)
    func theDisplaySentWithAMemberIsStoredAndReadBack(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, ids) = try await seeded(store, members: 3)
        let team = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("T"),
            members: [MemberRef(value: ids[0], display: "m0@okta"), MemberRef(value: ids[1])], actor: okta)
        let expected = [MemberRef(value: ids[0], display: "m0@okta"), MemberRef(value: ids[1])]
        #expect(team.team.members == expected)
        #expect(try await store.team(organizationID: org.id, id: team.team.id, includeMembers: true)?.members == expected)
        #expect(try await store.teamMembers(organizationID: org.id, teamID: team.team.id, offset: 0, limit: 10) == expected)
        #expect(try await store.teams(organizationID: org.id, query: ListQuery()).resources.first?.members == expected)

        func add(_ members: [MemberRef]) async throws -> TeamWriteResult {
            try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: nil, actor: okta) { current in
                PatchResult(attributes: current.attributes, membership: [.add(members)])
            }
        }
        func stored() async throws -> [MemberRef] {
            try await store.teamMembers(organizationID: org.id, teamID: team.team.id, offset: 0, limit: 10)
        }
        // Adding members again with a new display updates it, and that is a change (a new version).
        let renamed = try await add([MemberRef(value: ids[0], display: "m0@new"), MemberRef(value: ids[1], display: "m1@okta")])
        #expect(renamed.team.meta.version == 2 && renamed.team.memberCount == 2)
        #expect(try await stored() == [MemberRef(value: ids[0], display: "m0@new"), MemberRef(value: ids[1], display: "m1@okta")])
        // Adding them without a display, or with the same one, keeps the stored display and the version.
        let same = try await add([MemberRef(value: ids[0]), MemberRef(value: ids[1], display: "m1@okta")])
        #expect(same.team.meta.version == 2 && same.team.memberCount == 2)
        #expect(try await stored() == [MemberRef(value: ids[0], display: "m0@new"), MemberRef(value: ids[1], display: "m1@okta")])

        // A PUT is a full replacement: each member gets exactly the display sent, none clearing one.
        let replaced = try await store.replaceTeam(
            organizationID: org.id, id: team.team.id, attributes: teamAttributes("T"),
            members: [MemberRef(value: ids[2], display: "m2@okta"), MemberRef(value: ids[1]), MemberRef(value: ids[0], display: "m0@new")],
            expectedVersion: 2, actor: okta)
        let afterPut = [MemberRef(value: ids[0], display: "m0@new"), MemberRef(value: ids[1]), MemberRef(value: ids[2], display: "m2@okta")]
        #expect(replaced.team.members == afterPut && replaced.team.meta.version == 3)
        #expect(try await stored() == afterPut)
        // The same PUT again writes nothing.
        let again = try await store.replaceTeam(
            organizationID: org.id, id: team.team.id, attributes: teamAttributes("T"), members: afterPut, expectedVersion: 3, actor: okta)
        #expect(again.team.meta.version == 3 && again.team.memberCount == 3)
    }

    @Test(arguments: StoreFactory.all)
    func deletingAMemberRemovesItsMemberships(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, ids) = try await seeded(store, members: 2)
        let team = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("T"), members: memberRefs(ids), actor: okta)
        try await store.deleteMember(organizationID: org.id, id: ids[0], expectedVersion: nil, actor: okta)
        #expect(try await store.team(organizationID: org.id, id: team.team.id, includeMembers: true)?.members?.map(\.value) == [ids[1]])
        let withMembers = try await store.teams(organizationID: org.id, query: ListQuery(filter: try filter("members pr")))
        #expect(withMembers.totalResults == 1)
    }

    @Test(arguments: StoreFactory.all)
    func teamVersionsAndOrganizationsAreChecked(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, _) = try await seeded(store, members: 0)
        let globex = try await makeOrganization(store, name: "Globex")
        let team = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("T"), members: [], actor: okta)
        await expectSCIMError(status: 412) {
            _ = try await store.replaceTeam(
                organizationID: org.id, id: team.team.id, attributes: teamAttributes("U"), members: [], expectedVersion: 9,
                actor: okta)
        }
        await expectSCIMError(status: 412) {
            _ = try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: 9, actor: okta) { _ in
                PatchResult(attributes: teamAttributes("U"))
            }
        }
        await expectSCIMError(status: 412) {
            try await store.deleteTeam(organizationID: org.id, id: team.team.id, expectedVersion: 9, actor: okta)
        }
        #expect(try await store.team(organizationID: globex.id, id: team.team.id, includeMembers: true) == nil)
        await expectSCIMError(status: 404) {
            try await store.deleteTeam(organizationID: globex.id, id: team.team.id, expectedVersion: nil, actor: okta)
        }
        await expectSCIMError(status: 404) {
            _ = try await store.teamMembers(organizationID: globex.id, teamID: team.team.id, offset: 0, limit: 10)
        }
        #expect(try await store.team(organizationID: org.id, id: team.team.id, includeMembers: false)?.displayName == "T")
    }

    @Test(arguments: StoreFactory.all)
    func listsLoadMembersOnlyWhenAsked(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, ids) = try await seeded(store, members: 2)
        _ = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("A"), members: memberRefs(ids), actor: okta)
        _ = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("B"), members: memberRefs([ids[1]]), actor: okta)
        let full = try await store.teams(organizationID: org.id, query: ListQuery())
        #expect(full.resources.map { $0.members?.count } == [2, 1])
        let bare = try await store.teams(organizationID: org.id, query: ListQuery(includeMembers: false))
        #expect(bare.resources.map(\.members) == [nil, nil])
    }

    @Test(arguments: StoreFactory.all)
    func teamsRecordWhoCreatedThem(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let (org, _) = try await seeded(store, members: 0)
        let pushed = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("Pushed"), members: [], actor: okta)
        let typed = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("Typed"), members: [], actor: .console(operator: "ops"))
        #expect(pushed.team.createdVia == .scim && typed.team.createdVia == .console)
        #expect(try await store.team(organizationID: org.id, id: pushed.team.id, includeMembers: false)?.createdVia == .scim)
        let page = try await store.teams(organizationID: org.id, query: ListQuery())
        #expect(page.resources.map(\.createdVia) == [.scim, .console])
        let renamed = try await store.modifyTeam(organizationID: org.id, id: typed.team.id, expectedVersion: nil, actor: okta) {
            var attributes = $0.attributes
            attributes["displayName"] = "Renamed"
            return PatchResult(attributes: attributes, membership: [])
        }
        #expect(renamed.team.createdVia == .console)
    }
}
