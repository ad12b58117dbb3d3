import Foundation
import RosterStore
import SCIM
import Testing

@Suite struct MemberContractTests {
    @Test(arguments: StoreFactory.all)
    func createReadReplaceModifyDelete(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)

        // Given a created member
        let created = try await store.createMember(
            organizationID: org.id, attributes: userAttributes("jane@acme.com", displayName: "Jane"), actor: okta)
        #expect(created.meta.version == 1)
        #expect(created.meta.created == created.meta.lastModified)
        #expect(created.groups == [])

        // Then it reads back as written
        let read = try #require(try await store.member(organizationID: org.id, id: created.id))
        #expect(read == created)

        // When it is replaced, the version goes up and the attributes are the new ones
        let replaced = try await store.replaceMember(
            organizationID: org.id, id: created.id, attributes: userAttributes("jane@acme.com", displayName: "Jane Doe"),
            expectedVersion: 1, actor: okta)
        #expect(replaced.meta.version == 2)
        #expect(replaced.displayName == "Jane Doe")
        #expect(replaced.meta.created == created.meta.created)

        // When it is modified (a PATCH), the change sees the current member
        let modified = try await store.modifyMember(organizationID: org.id, id: created.id, expectedVersion: nil, actor: okta) { current in
            #expect(current.displayName == "Jane Doe")
            var attributes = current.attributes
            attributes["active"] = false
            return attributes
        }
        #expect(modified.meta.version == 3 && !modified.active)
        #expect(try await store.member(organizationID: org.id, id: created.id) == modified)

        // When it is deleted, it is gone
        try await store.deleteMember(organizationID: org.id, id: created.id, expectedVersion: 3, actor: okta)
        #expect(try await store.member(organizationID: org.id, id: created.id) == nil)
        await expectSCIMError(status: 404) {
            try await store.deleteMember(organizationID: org.id, id: created.id, expectedVersion: nil, actor: okta)
        }
    }

    @Test(arguments: StoreFactory.all)
    func theStoredFormIsTheMemberAsRead(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let enterprise = try await store.createMember(
            organizationID: org.id,
            attributes: userAttributes(
                "zoë@x.com", displayName: "Zoë \"Z\"", externalId: "00u1",
                extra: [("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", ["department": "Sales"])]),
            actor: okta)
        let plain = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta)
        // Several teams each, in an order that is not the members' or the names': a member's teams
        // come back in the order the teams were created.
        for (name, members) in [("Sales", [enterprise.id]), ("Ops", [plain.id]), ("Eng", [plain.id, enterprise.id]), ("Art", [enterprise.id])] {
            _ = try await store.createTeam(
                organizationID: org.id, attributes: teamAttributes(name), members: memberRefs(members), actor: okta)
        }

        for id in [enterprise.id, plain.id] {
            let member = try #require(try await store.member(organizationID: org.id, id: id))
            #expect(try await store.storedMember(organizationID: org.id, id: id) == StoredMember(member))
        }
        let stored = try #require(try await store.storedMember(organizationID: org.id, id: enterprise.id))
        #expect(stored.hasEnterpriseExtension && stored.groups.map(\.display) == ["Sales", "Eng", "Art"] && stored.userName == "zoë@x.com")
        #expect(try await store.storedMember(organizationID: org.id, id: plain.id)?.groups.map(\.display) == ["Ops", "Eng"])
        #expect(try await store.storedMember(organizationID: org.id, id: "unknown") == nil)
        let lookups = [
            "userName eq \"A@X.COM\"", "userName eq \"zoË@x.com\"", "userName eq \"nobody@x.com\"",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"a@x.com\"", "USERNAME eq \"a@x.com\"",
        ]
        var queries = [ListQuery(), ListQuery(startIndex: 2, count: 1)]
        for text in lookups {
            // Every page shape of a look-up: what it finds, its count only, past its end.
            queries += [(1, 100), (1, 0), (2, 100)].map { ListQuery(filter: try! filter(text), startIndex: $0, count: $1) }
        }
        for query in queries {
            let page = try await store.members(organizationID: org.id, query: query)
            let stored = try await store.storedMembers(organizationID: org.id, query: query)
            #expect(stored == StoredMemberPage(totalResults: page.totalResults, resources: page.resources.map(StoredMember.init)))
        }
        let other = try await makeOrganization(store, name: "Other")
        #expect(try await store.storedMember(organizationID: other.id, id: plain.id) == nil)
        let elsewhere = try await store.storedMembers(organizationID: other.id, query: ListQuery(filter: try filter("userName eq \"a@x.com\"")))
        #expect(elsewhere.totalResults == 0 && elsewhere.resources.isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func anUnchangedWriteKeepsTheVersion(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let created = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta)
        let same = try await store.replaceMember(
            organizationID: org.id, id: created.id, attributes: created.attributes, expectedVersion: nil, actor: okta)
        #expect(same.meta == created.meta)
    }

    @Test(arguments: StoreFactory.all)
    func userNamesAreUniqueWithoutRegardToCaseAndKeepTheirCase(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let jose = try await store.createMember(organizationID: org.id, attributes: userAttributes("José.Ñúñez@acme.com"), actor: okta)

        let error = await expectSCIMError(status: 409, scimType: .uniqueness) {
            _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("JOSÉ.ÑÚÑEZ@ACME.COM"), actor: okta)
        }
        #expect(error?.detail.contains("JOSÉ.ÑÚÑEZ@ACME.COM") == true)
        #expect(try await store.member(organizationID: org.id, id: jose.id)?.userName == "José.Ñúñez@acme.com")
        #expect(try await store.organization(id: org.id)?.activeMembers == 1)

        // Renaming another member onto the name is refused too, and changes nothing.
        let other = try await store.createMember(organizationID: org.id, attributes: userAttributes("other@acme.com"), actor: okta)
        await expectSCIMError(status: 409, scimType: .uniqueness) {
            _ = try await store.replaceMember(
                organizationID: org.id, id: other.id, attributes: userAttributes("josé.ñúñez@acme.com"), expectedVersion: nil,
                actor: okta)
        }
        #expect(try await store.member(organizationID: org.id, id: other.id) == other)

        // The same userName is fine in another organization.
        let globex = try await makeOrganization(store, name: "Globex")
        _ = try await store.createMember(organizationID: globex.id, attributes: userAttributes("josé.ñúñez@acme.com"), actor: okta)
    }

    @Test(arguments: StoreFactory.all)
    func theSeatLimitRefusesNewActiveMembersAndChangesNothing(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store, seats: 2)
        _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta)
        _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("b@x.com"), actor: okta)

        let error = await expectSCIMError(status: 403) {
            _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("c@x.com"), actor: okta)
        }
        #expect(error?.detail == "Seat limit reached (2 of 2 active members): deactivate a member or raise the plan's seat limit")
        #expect(try await store.members(organizationID: org.id, query: ListQuery()).totalResults == 2)

        // A deactivated member uses no seat, so it can still be created.
        let inactive = try await store.createMember(organizationID: org.id, attributes: userAttributes("c@x.com", active: false), actor: okta)
        #expect(try await store.organization(id: org.id)?.activeMembers == 2)

        // Reactivating it (replace or modify) is refused while the seats are full, and nothing changes.
        await expectSCIMError(status: 403) {
            _ = try await store.replaceMember(
                organizationID: org.id, id: inactive.id, attributes: userAttributes("c@x.com", displayName: "C", active: true),
                expectedVersion: nil, actor: okta)
        }
        await expectSCIMError(status: 403) {
            _ = try await store.modifyMember(organizationID: org.id, id: inactive.id, expectedVersion: nil, actor: okta) { current in
                var attributes = current.attributes
                attributes["active"] = true
                return attributes
            }
        }
        #expect(try await store.member(organizationID: org.id, id: inactive.id) == inactive)

        // Editing an inactive member without reactivating it is fine.
        _ = try await store.replaceMember(
            organizationID: org.id, id: inactive.id, attributes: userAttributes("c@x.com", displayName: "C", active: false),
            expectedVersion: nil, actor: okta)
    }

    @Test(arguments: StoreFactory.all)
    func deactivatingFreesASeatForReactivation(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store, seats: 1)
        let a = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta)
        let b = try await store.createMember(organizationID: org.id, attributes: userAttributes("b@x.com", active: false), actor: okta)
        _ = try await store.replaceMember(
            organizationID: org.id, id: a.id, attributes: userAttributes("a@x.com", active: false), expectedVersion: nil, actor: okta)
        #expect(try await store.organization(id: org.id)?.activeMembers == 0)
        let reactivated = try await store.replaceMember(
            organizationID: org.id, id: b.id, attributes: userAttributes("b@x.com", active: true), expectedVersion: nil, actor: okta)
        #expect(reactivated.active)
        #expect(try await store.organization(id: org.id)?.activeMembers == 1)
        // A member without `active` counts as active.
        await expectSCIMError(status: 403) {
            _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("c@x.com", active: nil), actor: okta)
        }
    }

    @Test(arguments: StoreFactory.all)
    func teamMembershipUsesNoSeat(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store, seats: 1)
        let a = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta)
        _ = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("One"), members: memberRefs([a.id]), actor: okta)
        _ = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Two"), members: memberRefs([a.id]), actor: okta)
        #expect(try await store.organization(id: org.id)?.activeMembers == 1)
    }

    @Test(arguments: StoreFactory.all)
    func aStaleVersionIs412AndChangesNothing(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let created = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta)
        let error = await expectSCIMError(status: 412) {
            _ = try await store.replaceMember(
                organizationID: org.id, id: created.id, attributes: userAttributes("b@x.com"), expectedVersion: 7, actor: okta)
        }
        #expect(error?.detail.contains("version 1") == true && error?.detail.contains("version 7") == true)
        await expectSCIMError(status: 412) {
            _ = try await store.modifyMember(organizationID: org.id, id: created.id, expectedVersion: 2, actor: okta) { $0.attributes }
        }
        await expectSCIMError(status: 412) {
            try await store.deleteMember(organizationID: org.id, id: created.id, expectedVersion: 2, actor: okta)
        }
        #expect(try await store.member(organizationID: org.id, id: created.id) == created)
    }

    @Test(arguments: StoreFactory.all)
    func anotherOrganizationsMemberIsNotFound(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let acme = try await makeOrganization(store)
        let globex = try await makeOrganization(store, name: "Globex")
        let theirs = try await store.createMember(organizationID: globex.id, attributes: userAttributes("a@x.com"), actor: okta)

        for id in [theirs.id, "00000000-0000-0000-0000-000000000000", "not-a-uuid", "'; DROP TABLE member; --", ""] {
            #expect(try await store.member(organizationID: acme.id, id: id) == nil)
            await expectSCIMError(status: 404) {
                _ = try await store.replaceMember(
                    organizationID: acme.id, id: id, attributes: userAttributes("b@x.com"), expectedVersion: nil, actor: okta)
            }
            await expectSCIMError(status: 404) {
                _ = try await store.modifyMember(organizationID: acme.id, id: id, expectedVersion: nil, actor: okta) { $0.attributes }
            }
            await expectSCIMError(status: 404) {
                try await store.deleteMember(organizationID: acme.id, id: id, expectedVersion: nil, actor: okta)
            }
        }
        #expect(try await store.member(organizationID: globex.id, id: theirs.id) == theirs)
        await expectSCIMError(status: 404) {
            _ = try await store.createMember(organizationID: "no-such-org", attributes: userAttributes("a@x.com"), actor: okta)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aFailedChangeLeavesTheMemberAlone(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let created = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta)
        await expectSCIMError(status: 400, scimType: .noTarget) {
            _ = try await store.modifyMember(organizationID: org.id, id: created.id, expectedVersion: nil, actor: okta) { _ in
                throw SCIMError.noTarget("no email matched")
            }
        }
        await expectSCIMError(status: 400, scimType: .invalidValue) {
            _ = try await store.replaceMember(
                organizationID: org.id, id: created.id, attributes: JSONObject(), expectedVersion: nil, actor: okta)
        }
        #expect(try await store.member(organizationID: org.id, id: created.id) == created)
    }

    @Test(arguments: StoreFactory.all)
    func aMemberListsItsTeams(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let jane = try await store.createMember(organizationID: org.id, attributes: userAttributes("jane@x.com"), actor: okta)
        let red = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Red"), members: memberRefs([jane.id]), actor: okta)
        let blue = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Blue"), members: memberRefs([jane.id]), actor: okta)
        let expected = [GroupRef(value: red.team.id, display: "Red"), GroupRef(value: blue.team.id, display: "Blue")]
        #expect(try await store.member(organizationID: org.id, id: jane.id)?.groups == expected)
        #expect(try await store.members(organizationID: org.id, query: ListQuery()).resources.first?.groups == expected)
    }

    @Test(arguments: StoreFactory.all)
    func concurrentModificationsAreNotLost(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let created = try await store.createMember(
            organizationID: org.id, attributes: userAttributes("a@x.com", extra: [("nickName", "")]), actor: okta)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<20 {
                group.addTask {
                    _ = try await store.modifyMember(organizationID: org.id, id: created.id, expectedVersion: nil, actor: okta) { current in
                        var attributes = current.attributes
                        attributes["nickName"] = .string((attributes["nickName"]?.stringValue ?? "") + "\(n),")
                        return attributes
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try #require(try await store.member(organizationID: org.id, id: created.id))
        #expect(final.meta.version == 21)
        #expect(Set(final.attributes["nickName"]?.stringValue?.split(separator: ",") ?? []).count == 20)
    }

    @Test(arguments: StoreFactory.all)
    func membersRecordWhoCreatedThemWherever(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let pushed = try await store.createMember(organizationID: org.id, attributes: userAttributes("a@x.com"), actor: okta)
        let typed = try await store.createMember(
            organizationID: org.id, attributes: userAttributes("b@x.com"), actor: .console(operator: "ops"))
        #expect(pushed.createdVia == .scim && typed.createdVia == .console)

        // Read back by id, in a list page, after a change, and by ids: the creator stays.
        #expect(try await store.member(organizationID: org.id, id: pushed.id)?.createdVia == .scim)
        let page = try await store.members(organizationID: org.id, query: ListQuery(sortBy: AttributePath(attribute: "userName")))
        #expect(page.resources.map(\.createdVia) == [.scim, .console])
        let edited = try await store.replaceMember(
            organizationID: org.id, id: typed.id, attributes: userAttributes("b@x.com", displayName: "B"), expectedVersion: nil,
            actor: okta)
        #expect(edited.createdVia == .console)
        // Never part of the SCIM representation.
        #expect(pushed.json(baseURL: "https://h/scim/v2")["createdVia"] == nil)
    }

    @Test(arguments: StoreFactory.all)
    func membersByIDsReadOnlyThatOrganizationsMembers(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let other = try await makeOrganization(store, name: "Globex")
        let jane = try await store.createMember(
            organizationID: org.id, attributes: userAttributes("jane@x.com", displayName: "Jane"), actor: okta)
        let john = try await store.createMember(organizationID: org.id, attributes: userAttributes("john@x.com"), actor: okta)
        let stranger = try await store.createMember(organizationID: other.id, attributes: userAttributes("s@x.com"), actor: okta)

        let found = try await store.members(
            organizationID: org.id, ids: [john.id, stranger.id, "no-such-id", jane.id, #"quote"and\slash"#])
        #expect(found.sorted { $0.userName ?? "" < $1.userName ?? "" }.map(\.userName) == ["jane@x.com", "john@x.com"])
        #expect(found.first { $0.id == jane.id }?.displayName == "Jane")
        #expect(try await store.members(organizationID: org.id, ids: []).isEmpty)
        #expect(try await store.members(organizationID: "no-such-org", ids: [jane.id]).isEmpty)
    }
}
