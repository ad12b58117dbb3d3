import ConsoleCore
import Foundation
import RosterStore
import SCIM
import Testing

/// A `ConsoleDataSource` that answers from fixed data and records what it was asked: for testing the effect runner
/// without any store.
actor ScriptedDataSource: ConsoleDataSource {
    struct Broken: Error, CustomStringConvertible {
        var description: String { "disk on fire" }
    }

    private(set) var calls: [String] = []
    let failing: Bool

    init(failing: Bool = false) {
        self.failing = failing
    }

    private func call(_ name: String) throws {
        calls.append(name)
        if failing { throw Broken() }
    }

    func organizations() async throws -> [Organization] {
        try call("organizations")
        return [Fixture.organization]
    }
    func members(organizationID: String, query: ListQuery) async throws -> ListPage {
        try call("members \(query.startIndex)+\(query.count)")
        return Fixture.page(Array(Fixture.members.prefix(query.count)))
    }
    func member(organizationID: String, id: String) async throws -> SCIMResource? {
        try call("member \(id)")
        return Fixture.members.first { $0.id == id }
    }
    func teams(organizationID: String, query: ListQuery) async throws -> ListPage {
        try call("teams")
        return Fixture.page(Fixture.teams)
    }
    func team(organizationID: String, id: String) async throws -> SCIMResource? {
        try call("team \(id)")
        return Fixture.teams.first { $0.id == id }
    }
    func teamMembers(organizationID: String, teamID: String, offset: Int, limit: Int) async throws -> [MemberRef] {
        try call("teamMembers \(offset)+\(limit)")
        return [MemberRef(value: "m1", display: "jane")]
    }
    func requestLog(_ query: RequestLogQuery) async throws -> [RequestLogEntry] {
        try call("requestLog")
        return Fixture.entries
    }
    func apiKeys(organizationID: String) async throws -> [APIKey] {
        try call("apiKeys")
        return Fixture.keys
    }
    func perform(_ write: ConsoleWrite, organizationID: String, at now: Date) async throws -> WriteOutcome {
        try call("perform \(write.description)")
        return .deleted
    }
}

/// A simulated Okta that records the commands it gets and answers with the status they lead to.
actor RecordingSimulator: ConsoleSimulator {
    private(set) var commands: [SimulatorCommand] = []
    private var status = SimulatorStatus(phase: .running, rate: 5)

    func perform(_ command: SimulatorCommand) async -> SimulatorStatus {
        commands.append(command)
        switch command {
        case .pause: status.phase = .paused
        case .resume: status.phase = .running
        case .setRate(let rate): status.rate = rate
        }
        return status
    }

    nonisolated func statusChanges() -> AsyncStream<SimulatorStatus> {
        AsyncStream { $0.finish() }
    }
}

struct EffectRunnerTests {
    @Test func simulatorCommandsGoToTheSimulatorAndComeBackAsItsStatus() async {
        let simulator = RecordingSimulator()
        let runner = ConsoleEffectRunner(dataSource: ScriptedDataSource(), simulator: simulator)
        #expect(await runner.run(.simulator(.pause), now: Fixture.now)
                == .simulatorChanged(SimulatorStatus(phase: .paused, rate: 5)))
        #expect(await runner.run(.simulator(.setRate(10)), now: Fixture.now)
                == .simulatorChanged(SimulatorStatus(phase: .paused, rate: 10)))
        #expect(await simulator.commands == [.pause, .setRate(10)])
        // Without a simulator the effect is dropped (the reducer never asks for it then).
        let alone = ConsoleEffectRunner(dataSource: ScriptedDataSource())
        #expect(await alone.run(.simulator(.pause), now: Fixture.now) == nil)
    }

    @Test func loadsBecomeTheEventsTheReducerExpects() async {
        let source = ScriptedDataSource()
        let runner = ConsoleEffectRunner(dataSource: source)
        let query = ListQuery(startIndex: 101, count: 50)
        let event = await runner.run(.loadMembers(organizationID: "org-1", query: query), now: Fixture.now)
        #expect(event == .membersLoaded(organizationID: "org-1", query: query, page: Fixture.page(Array(Fixture.members.prefix(50)))))
        let members = await runner.run(
            .loadTeamMembers(organizationID: "org-1", teamID: "t1", offset: 200, limit: 100), now: Fixture.now)
        #expect(members == .teamMembersLoaded(organizationID: "org-1", teamID: "t1", offset: 200,
                                              members: [MemberRef(value: "m1", display: "jane")]))
        #expect(await runner.run(.copy("x"), now: Fixture.now) == nil)
        #expect(await runner.run(.quit, now: Fixture.now) == nil)
        #expect(await source.calls == ["members 101+50", "teamMembers 200+100"])
    }

    @Test func failuresBecomeSCIMErrorsForTheFlash() async {
        let runner = ConsoleEffectRunner(dataSource: ScriptedDataSource(failing: true))
        let load = ConsoleEffect.loadKeys(organizationID: "org-1")
        #expect(await runner.run(load, now: Fixture.now)
                == .loadFailed(load, SCIMError(status: 500, detail: "disk on fire")))
        let write = ConsoleWrite.revokeKey(id: "k1")
        #expect(await runner.run(.write(write, organizationID: "org-1"), now: Fixture.now)
                == .writeFailed(write, SCIMError(status: 500, detail: "disk on fire")))
    }
}

/// `StoreDataSource` over the in-memory store: writes go through `Directory` and land in the audit log.
struct StoreDataSourceTests {
    let store: MemoryStore
    let runner: ConsoleEffectRunner

    init() {
        store = MemoryStore(organizations: [Fixture.organization, Fixture.otherOrganization], now: Fixture.now)
        runner = ConsoleEffectRunner(dataSource: StoreDataSource(store: store, operatorName: "alice"))
    }

    func write(_ write: ConsoleWrite, org: String = "org-1") async -> ConsoleEvent? {
        await runner.run(.write(write, organizationID: org), now: Fixture.now)
    }

    func memberAttributes(_ userName: String, phone: String? = nil) -> JSONObject {
        var attributes = JSONObject()
        attributes["userName"] = .string(userName)
        if let phone { attributes["phoneNumbers"] = [["value": .string(phone), "type": "work"]] }
        attributes["active"] = true
        return attributes
    }

    @Test func createdMembersAreAuditedAsTheOperator() async throws {
        let event = await write(.createMember(attributes: memberAttributes("ana@example.com")))
        guard case .writeSucceeded(_, .member(let member))? = event else {
            Issue.record("not created: \(String(describing: event))")
            return
        }
        #expect(member.userName == "ana@example.com")
        let audit = await store.audit
        #expect(audit.map(\.action) == ["member.create"])
        #expect(audit.first?.actor == "console:alice" && audit.first?.target == "ana@example.com")
        #expect(audit.first?.organizationID == "org-1")
    }

    @Test func thePhonePolicyAppliesAsOverSCIM() async {
        let event = await write(.createMember(attributes: memberAttributes("bo@example.com", phone: "415.123.4567")))
        guard case .writeFailed(_, let error)? = event else {
            Issue.record("accepted: \(String(describing: event))")
            return
        }
        #expect(error.status == 400 && error.scimType == .invalidValue)
        #expect(error.detail.contains("415.123.4567"))
        #expect(await store.audit.isEmpty)
        // Globex flags instead of refusing: the same value is stored there.
        let flagged = await write(.createMember(attributes: memberAttributes("bo@example.com", phone: "415.123.4567")),
                                  org: "org-2")
        guard case .writeSucceeded(_, .member(let member))? = flagged else {
            Issue.record("refused under the flag policy: \(String(describing: flagged))")
            return
        }
        #expect(MemberStatus.of(member) == .phoneFlagged)
    }

    @Test func uniquenessAndTheSeatLimitComeBackAsTheirErrors() async {
        _ = await write(.createMember(attributes: memberAttributes("ana@example.com")))
        let duplicate = await write(.createMember(attributes: memberAttributes("ANA@example.com")))
        if case .writeFailed(_, let error)? = duplicate { #expect(error.status == 409) } else { Issue.record("no 409") }
        let full = StoreDataSource(store: MemoryStore(
            organizations: [Organization(id: "full", name: "Full", plan: .enterprise, seatLimit: 1, phonePolicy: .strict,
                                         activeMembers: 1, createdAt: Fixture.now)], now: Fixture.now), operatorName: "alice")
        do {
            _ = try await full.perform(.createMember(attributes: memberAttributes("c@example.com")), organizationID: "full",
                                       at: Fixture.now)
            Issue.record("the seat limit did not apply")
        } catch let error as SCIMError {
            #expect(error.status == 403)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func deactivationIsAPatchOfActive() async throws {
        guard case .writeSucceeded(_, .member(let ana))? = await write(.createMember(attributes: memberAttributes("ana@example.com")))
        else { return }
        let event = await write(.setMemberActive(id: ana.id, userName: "ana@example.com", active: false))
        guard case .writeSucceeded(_, .member(let after))? = event else {
            Issue.record("not deactivated: \(String(describing: event))")
            return
        }
        #expect(!after.active && after.meta.version == 2)
        #expect(await store.audit.map(\.action) == ["member.create", "member.deactivate"])
    }

    @Test func teamsAreCreatedRenamedFilledEmptiedAndDeleted() async throws {
        guard case .writeSucceeded(_, .member(let ana))? = await write(.createMember(attributes: memberAttributes("ana@example.com"))),
            case .writeSucceeded(_, .team(let team, _))? = await write(.createTeam(name: "Platform"))
        else {
            Issue.record("setup failed")
            return
        }
        let renamed = await write(.renameTeam(id: team.id, name: "Platform Eng", expectedVersion: 1))
        if case .writeSucceeded(_, .team(let after, _))? = renamed { #expect(after.displayName == "Platform Eng") }
        let added = await write(.addTeamMember(teamID: team.id, member: "ANA@example.com"))
        guard case .writeSucceeded(_, .teamMemberAdded(let withAna, let ref))? = added else {
            Issue.record("not added: \(String(describing: added))")
            return
        }
        #expect(ref == MemberRef(value: ana.id, display: "ana@example.com"))
        #expect(withAna.memberCount == 1)
        let unknown = await write(.addTeamMember(teamID: team.id, member: "nobody@example.com"))
        if case .writeFailed(_, let error)? = unknown {
            #expect(error.status == 404 && error.detail.contains("nobody@example.com"))
        } else {
            Issue.record("an unknown member was added")
        }
        let removed = await write(.removeTeamMember(teamID: team.id, memberID: ana.id, display: "ana@example.com"))
        if case .writeSucceeded(_, .team(let empty, _))? = removed { #expect(empty.memberCount == 0) }
        #expect(await write(.deleteTeam(id: team.id, name: "Platform Eng")) == .writeSucceeded(
            .deleteTeam(id: team.id, name: "Platform Eng"), .deleted))
        #expect(try await store.member(organizationID: "org-1", id: ana.id) != nil, "members stay")
        #expect(await store.audit.map(\.action) == [
            "member.create", "team.create", "team.rename", "team.addMember", "team.removeMember", "team.delete",
        ])
    }

    @Test func keysAreCreatedRotatedAndRevokedWithAuditEntries() async throws {
        let created = await write(.createKey(label: "okta-prod", expiresAt: nil))
        guard case .writeSucceeded(_, .key(let new, nil))? = created else {
            Issue.record("no key: \(String(describing: created))")
            return
        }
        let rotated = await write(.rotateKey(id: new.key.id, grace: 3600))
        guard case .writeSucceeded(_, .key(let next, let replaced?))? = rotated else {
            Issue.record("not rotated: \(String(describing: rotated))")
            return
        }
        #expect(replaced == APIKeyReplacement(prefix: new.key.prefix, grace: 3600))
        #expect(next.key.label == "okta-prod")
        #expect(await write(.revokeKey(id: next.key.id)) == .writeSucceeded(.revokeKey(id: next.key.id), .keyRevoked))
        // Another organization's key is not found from this one.
        let foreign = await write(.revokeKey(id: new.key.id), org: "org-2")
        if case .writeFailed(_, let error)? = foreign { #expect(error.status == 404) } else { Issue.record("revoked across orgs") }
        let audit = await store.audit
        #expect(audit.map(\.action) == ["key.create", "key.rotate", "key.revoke"])
        #expect(audit[1].detail == "new key \(next.key.prefix), grace 1h")
        #expect(audit.allSatisfy { $0.actor == "console:alice" })
    }

    @Test func teamMembersWithoutADisplayAreNamedInOneReadPerPage() async throws {
        let created = (await write(.createMember(attributes: memberAttributes("ana@example.com"))),
                       await write(.createMember(attributes: memberAttributes("bo@example.com"))))
        guard case .writeSucceeded(_, .member(let ana))? = created.0, case .writeSucceeded(_, .member(let bo))? = created.1
        else {
            Issue.record("setup failed")
            return
        }
        let team = try await store.createTeam(
            organizationID: "org-1", attributes: JSONObject([("displayName", "Ops")]),
            members: [MemberRef(value: ana.id), MemberRef(value: bo.id, display: "Bo as pushed")],
            actor: .scim(client: "Entra ID"))
        let event = await runner.run(
            .loadTeamMembers(organizationID: "org-1", teamID: team.team.id, offset: 0, limit: 50), now: Fixture.now)
        #expect(event == .teamMembersLoaded(organizationID: "org-1", teamID: team.team.id, offset: 0, members: [
            MemberRef(value: ana.id, display: "ana@example.com"), MemberRef(value: bo.id, display: "Bo as pushed"),
        ]))
    }

    /// The whole loop: keys into the reducer, its effects through the runner, the answers back as events.
    @Test func creatingAMemberByKeysShowsItInTheList() async {
        var state = Fixture.state()
        var pending = reduce(state: &state, event: .started, now: Fixture.now)
        func drain() async {
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                if let event = await runner.run(effect, now: Fixture.now) {
                    pending += reduce(state: &state, event: event, now: Fixture.now)
                }
            }
        }
        await drain()
        #expect(state.members.list.count == 0)
        for key in "n" + "ana@example.com" { pending += reduce(state: &state, event: .key(.character(key)), now: Fixture.now) }
        for field in ["", "Ana", "Lima", "ana@example.com", "+351 912345678"] {
            for key in field { pending += reduce(state: &state, event: .key(.character(key)), now: Fixture.now) }
            pending += reduce(state: &state, event: .key(.enter), now: Fixture.now)
        }
        await drain()
        #expect(state.flash?.text == "✓ Created member ana@example.com.")
        #expect(state.members.list.count == 1)
        #expect(state.members.list.selectedItem?.row.displayName == "Ana Lima")
        #expect(state.organization.activeMembers == 13)
    }
}
