import Foundation
import RosterStore
import SCIM
import Testing

/// The change feed: every committed change appends its events in the same transaction, and a
/// reader paging with the last position sees each exactly once, in commit order.
@Suite struct EventContractTests {
    /// The whole feed (or one organization's), read in small pages as an application would.
    func feed(_ store: any Store, organizationID: String? = nil, pageSize: Int = 3) async throws -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        var after: Int64? = nil
        while true {
            let page = try await store.events(after: after, organizationID: organizationID, types: nil, limit: pageSize)
            events += page
            guard let last = page.last else { return events }
            after = last.position
        }
    }

    func setActive(_ active: Bool) -> @Sendable (SCIMResource) throws -> JSONObject {
        { current in
            var attributes = current.attributes
            attributes["active"] = .bool(active)
            return attributes
        }
    }

    @Test(arguments: StoreFactory.all)
    func aMembersLifeIsOneEventPerChange(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let jane = try await store.createMember(
            organizationID: org.id, attributes: userAttributes("jane@acme.com", displayName: "Jane"), actor: okta)
        _ = try await store.replaceMember(
            organizationID: org.id, id: jane.id, attributes: userAttributes("jane@acme.com", displayName: "Jane Doe"),
            expectedVersion: nil, actor: okta)
        // Okta re-sends an unchanged profile: no new version, no event.
        _ = try await store.replaceMember(
            organizationID: org.id, id: jane.id, attributes: userAttributes("jane@acme.com", displayName: "Jane Doe"),
            expectedVersion: nil, actor: okta)
        _ = try await store.modifyMember(organizationID: org.id, id: jane.id, expectedVersion: nil, actor: okta, change: setActive(false))
        _ = try await store.modifyMember(
            organizationID: org.id, id: jane.id, expectedVersion: nil, actor: .console(operator: "alice"), change: setActive(true))
        try await store.deleteMember(organizationID: org.id, id: jane.id, expectedVersion: nil, actor: okta)

        let events = try await feed(store)
        #expect(events.map(\.type) == [
            .memberCreated, .memberUpdated, .memberDeactivated, .memberReactivated, .memberDeleted,
        ])
        #expect(events.allSatisfy { $0.resourceID == jane.id && $0.organizationID == org.id && $0.id.hasPrefix("evt_") })
        #expect(events.map(\.actor) == ["scim:test key", "scim:test key", "scim:test key", "console:alice", "scim:test key"])
        // Each event carries the member after the change: its version is the change's.
        let versions = events.dropLast().map { $0.data["object"]?.objectValue?["meta"]?.objectValue?["version"]?.stringValue }
        #expect(versions == [#"W/"1""#, #"W/"2""#, #"W/"3""#, #"W/"4""#])
        #expect(events[0].data["previous_attributes"] == nil)
        #expect(events[1].data["previous_attributes"] == .object(JSONObject([("displayName", "Jane")])))
        #expect(events[2].data["previous_attributes"] == .object(JSONObject([("active", true)])))
        #expect(events[4].data["object"]?.objectValue?["userName"] == "jane@acme.com")
        #expect(Set(events.map(\.id)).count == events.count)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.position < $1.position })
    }

    @Test(arguments: StoreFactory.all)
    func aRefusedWriteGivesNoEvent(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store, seats: 1)
        let jane = try await store.createMember(organizationID: org.id, attributes: userAttributes("jane@acme.com"), actor: okta)
        await expectSCIMError(status: 403) {
            _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("bo@acme.com"), actor: okta)
        }
        await expectSCIMError(status: 409) {
            _ = try await store.createMember(
                organizationID: org.id, attributes: userAttributes("JANE@acme.com", active: false), actor: okta)
        }
        await expectSCIMError(status: 412) {
            try await store.deleteMember(organizationID: org.id, id: jane.id, expectedVersion: 7, actor: okta)
        }
        await expectSCIMError(status: 400) {
            _ = try await store.modifyMember(organizationID: org.id, id: jane.id, expectedVersion: nil, actor: okta) { _ in
                throw SCIMError.invalidValue("refused by the change")
            }
        }
        #expect(try await feed(store).map(\.type) == [.memberCreated])
    }

    @Test(arguments: StoreFactory.all)
    func teamWritesGiveTheirDeltaNotADump(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        var created: [String] = []
        for name in ["a", "b", "c", "d"] {
            created.append(
                try await store.createMember(organizationID: org.id, attributes: userAttributes("\(name)@acme.com"), actor: okta).id)
        }
        let ids = created
        let ops = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("Ops"), members: memberRefs([ids[0], ids[1], "no-such-id"]), actor: okta)
        #expect(ops.skippedMemberIDs == ["no-such-id"])
        let team = ops.team.id
        // Adding a member already in the team and one new: one event.
        _ = try await store.modifyTeam(organizationID: org.id, id: team, expectedVersion: nil, actor: okta) { current in
            PatchResult(attributes: current.attributes, membership: [.add(memberRefs([ids[0], ids[2]]))])
        }
        // A PUT that keeps a and c, drops b and adds d: the delta's two events, not four.
        _ = try await store.replaceTeam(
            organizationID: org.id, id: team, attributes: teamAttributes("Ops"), members: memberRefs([ids[0], ids[2], ids[3]]),
            expectedVersion: nil, actor: okta)
        // A rename alone.
        _ = try await store.modifyTeam(organizationID: org.id, id: team, expectedVersion: nil, actor: okta) { _ in
            PatchResult(attributes: teamAttributes("Operations"))
        }
        // Deleting a member of the team: member.deleted alone, and the team has a new version.
        let before = try #require(try await store.team(organizationID: org.id, id: team, includeMembers: false))
        try await store.deleteMember(organizationID: org.id, id: ids[3], expectedVersion: nil, actor: okta)
        let after = try #require(try await store.team(organizationID: org.id, id: team, includeMembers: false))
        #expect(after.meta.version == before.meta.version + 1)
        // Deleting the team: team.deleted alone.
        try await store.deleteTeam(organizationID: org.id, id: team, expectedVersion: nil, actor: okta)

        let events = try await feed(store).filter { $0.type != .memberCreated }
        #expect(events.map(\.type) == [
            .teamCreated, .teamMemberAdded, .teamMemberAdded,
            .teamMemberAdded,
            .teamMemberRemoved, .teamMemberAdded,
            .teamUpdated,
            .memberDeleted,
            .teamDeleted,
        ])
        let members = events.compactMap { $0.data["member"]?.objectValue?["id"]?.stringValue }
        #expect(members == [ids[0], ids[1], ids[2], ids[1], ids[3]])
        #expect(events[1].data["team"] == .object(JSONObject([("id", .string(team)), ("displayName", "Ops")])))
        #expect(events[1].data["member"]?.objectValue?["userName"] == "a@acme.com")
        #expect(events[0].data["object"]?.objectValue?["members"] == nil, "team events carry no member list")
        #expect(events[6].data["object"]?.objectValue?["displayName"] == "Operations")
    }

    @Test(arguments: StoreFactory.all)
    func organizationSettingsChangesAreEventsAndEachOrganizationHasItsFeed(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        var acme = try await makeOrganization(store, name: "Acme")
        let globex = try await makeOrganization(store, name: "Globex")
        _ = try await store.createMember(organizationID: globex.id, attributes: userAttributes("g@globex.com"), actor: okta)
        acme.seatLimit = 5
        acme.phonePolicy = .strict
        acme = try await store.updateOrganization(acme, actor: .cli(user: "root"))
        // Saving the same settings again is no change.
        _ = try await store.updateOrganization(acme, actor: .cli(user: "root"))
        _ = try await store.createMember(organizationID: acme.id, attributes: userAttributes("a@acme.com"), actor: okta)

        let forAcme = try await feed(store, organizationID: acme.id, pageSize: 1)
        #expect(forAcme.map(\.type) == [.organizationUpdated, .memberCreated])
        #expect(forAcme[0].data["previous_attributes"] == .object(JSONObject([("seatLimit", 100), ("phonePolicy", "flag")])))
        #expect(forAcme[0].actor == "cli:root")
        #expect(try await feed(store, organizationID: globex.id).map(\.type) == [.memberCreated])
        #expect(try await feed(store).count == 3)
        #expect(try await store.events(after: nil, organizationID: "no-such-organization", types: nil, limit: 10).isEmpty)
    }

    /// Eight writers at once, then the feed from the start: every acknowledged write has exactly
    /// one event, and each member's events come in the order of its versions.
    @Test(arguments: StoreFactory.all)
    func concurrentWritersLoseNoEventAndKeepEachMembersOrder(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store, seats: 1000)
        let acknowledged = try await withThrowingTaskGroup(of: [String: Int].self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var versions: [String: Int] = [:]
                    for n in 0..<10 {
                        let member = try await store.createMember(
                            organizationID: org.id, attributes: userAttributes("w\(writer)-\(n)@acme.com"), actor: okta)
                        let changed = try await store.modifyMember(
                            organizationID: org.id, id: member.id, expectedVersion: nil, actor: okta, change: self.setActive(false))
                        versions[member.id] = changed.meta.version
                    }
                    return versions
                }
            }
            var all: [String: Int] = [:]
            for try await versions in group { all.merge(versions) { first, _ in first } }
            return all
        }
        let events = try await feed(store, pageSize: 7)
        #expect(events.count == 160)
        #expect(Set(events.map(\.position)).count == events.count)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.position < $1.position })
        var seen: [String: [ChangeEventType]] = [:]
        for event in events { seen[event.resourceID, default: []].append(event.type) }
        #expect(Set(seen.keys) == Set(acknowledged.keys))
        #expect(seen.values.allSatisfy { $0 == [.memberCreated, .memberDeactivated] })
    }

    @Test(arguments: StoreFactory.all)
    func readersCanAskForSomeTypesOnly(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let jane = try await store.createMember(organizationID: org.id, attributes: userAttributes("jane@acme.com"), actor: okta)
        _ = try await store.modifyMember(organizationID: org.id, id: jane.id, expectedVersion: nil, actor: okta, change: setActive(false))
        _ = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Ops"), members: [], actor: okta)
        let picked = try await store.events(
            after: nil, organizationID: nil, types: [.memberDeactivated, .teamCreated], limit: 10)
        #expect(picked.map(\.type) == [.memberDeactivated, .teamCreated])
        #expect(try await store.events(after: picked[0].position, organizationID: org.id, types: [.teamCreated], limit: 10).count == 1)
    }

    @Test(arguments: StoreFactory.all)
    func retentionPrunesTheOldestAndSaysHowFar(_ factory: StoreFactory) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let store = try factory.make(clock: { clock.now })
        let org = try await makeOrganization(store)
        for n in 0..<5 {
            _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("old\(n)@acme.com"), actor: okta)
        }
        clock.advance(by: 86_400 * 31)
        _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("new@acme.com"), actor: okta)
        #expect(try await store.eventsPrunedThrough() == 0)
        let before = try await feed(store)

        #expect(try await store.pruneEvents(olderThan: clock.now.addingTimeInterval(-86_400 * 30)) == 5)
        let after = try await feed(store)
        #expect(after.map(\.id) == [before[5].id])
        #expect(try await store.eventsPrunedThrough() == before[4].position)
        #expect(try await store.pruneEvents(olderThan: clock.now.addingTimeInterval(-86_400 * 30)) == 0)
        // Retention never deletes the newest event, however old (on SQLite it keeps positions growing).
        #expect(try await store.pruneEvents(olderThan: clock.now.addingTimeInterval(86_400)) == 0)
        #expect(try await feed(store).map(\.id) == [before[5].id])
    }
}
