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
