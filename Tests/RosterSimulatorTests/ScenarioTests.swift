import SCIM
import Synchronization
import Testing

@testable import RosterSimulator

/// Okta actions expanded into requests against an in-memory server, and whole scenarios.
struct ScenarioTests {
    /// A simulator over `server` with `people` and the server's rules, after Okta's initial imports.
    func simulator(
        _ server: FakeSCIMServer, people: Int = 12, seats: Int? = nil, policy: PhonePolicyExpectation = .strict
    ) async throws -> OktaSimulator {
        let state = SimulationState(
            people: PeopleGenerator(seed: 4).people(people), rules: ProductRules(seatLimit: seats, phonePolicy: policy))
        var simulator = OktaSimulator(state: state, token: "k", transport: server)
        _ = try await simulator.perform(.importUsers)
        _ = try await simulator.perform(.importGroups)
        return simulator
    }

    func kinds(_ report: ActionReport) -> [RequestKind] { report.records.map(\.request.kind) }

    @Test func assignCreatesWhenTheLookupFindsNobody() async throws {
        let server = FakeSCIMServer()
        var okta = try await simulator(server)
        let report = try await okta.perform(.assign(person: 0))
        #expect(kinds(report) == [.lookupUser, .createUser])
        #expect(report.records.map { $0.response?.status } == [200, 201])
        #expect(report.unexpectedCount == 0)
        #expect(okta.state.appUsers[0].memberID == "u1")
    }

    @Test func assignLinksWhenTheLookupFindsTheMember() async throws {
        let server = FakeSCIMServer()
        var earlier = try await simulator(server)
        _ = try await earlier.perform(.assign(person: 0))
        _ = try await earlier.perform(.deactivate(person: 0))
        // A second Okta tenant (or a reassignment) finds the deactivated member and links it: GET then PUT, no POST.
        var okta = try await simulator(server)
        let report = try await okta.perform(.assign(person: 0))
        #expect(kinds(report) == [.lookupUser, .getUser, .replaceUser])
        #expect(report.unexpectedCount == 0)
        let put = try #require(report.records.last?.request.body?.objectValue)
        #expect(put["id"] == "u1")
        #expect(put["active"] == true)
        #expect(await server.users[0].active)
    }

    @Test func profileUpdatesAreGetThenPut() async throws {
        let server = FakeSCIMServer()
        var okta = try await simulator(server)
        _ = try await okta.perform(.assign(person: 1))
        let report = try await okta.perform(.updateProfile(person: 1, .title("Controller")))
        #expect(kinds(report) == [.getUser, .replaceUser])
        #expect(report.records[1].request.body?.member("title") == "Controller")
        #expect(report.unexpectedCount == 0)
    }

    @Test func deactivateAndReactivateArePathlessPatches() async throws {
        let server = FakeSCIMServer()
        var okta = try await simulator(server)
        _ = try await okta.perform(.assign(person: 2))
        let off = try await okta.perform(.deactivate(person: 2))
        #expect(kinds(off) == [.setUserActive])
        #expect(off.records[0].request.body?.member("Operations") == [["op": "replace", "value": ["active": false]]])
        let on = try await okta.perform(.reactivate(person: 2))
        #expect(kinds(on) == [.lookupUser, .setUserActive])
        #expect(on.records[1].request.body?.member("Operations") == [["op": "replace", "value": ["active": true]]])
        #expect(off.unexpectedCount == 0 && on.unexpectedCount == 0)
        #expect(try await okta.perform(.deactivate(person: 9)).records.isEmpty, "never assigned: Okta sends nothing")
    }

    @Test func pushGroupIsCreateThenRenameThenDelta() async throws {
        let server = FakeSCIMServer()
        var okta = try await simulator(server)
        for person in 0..<12 { _ = try await okta.perform(.assign(person: person)) }
        let group = try #require(okta.state.groups.first { $0.memberIndexes.count >= 2 })
        let report = try await okta.perform(.pushGroup(key: group.key))
        #expect(kinds(report) == [.createGroup, .renameGroup, .membershipDelta])
        #expect(report.unexpectedCount == 0)
        let rename = report.records[1].request
        #expect(rename.body?.member("schemas") == nil)
        #expect(rename.body?.member("Operations")?.arrayValue?.first?.member("value")?.member("id") != nil)
        let operations = report.records[2].request.body?.member("Operations")?.arrayValue ?? []
        #expect(operations.count == 1 && operations[0].member("op") == "add")

        let moving = group.memberIndexes[0]
        let joining = try #require((0..<12).first { !group.memberIndexes.contains($0) })
        let delta = try await okta.perform(.changeMembers(key: group.key, add: [joining], remove: [moving]))
        #expect(kinds(delta) == [.renameGroup, .membershipDelta], "every membership push renames first")
        let ops = delta.records[1].request.body?.member("Operations")?.arrayValue?.compactMap {
            $0.member("op")?.stringValue
        }
        #expect(ops == ["remove", "add"])
        #expect(delta.unexpectedCount == 0)

        let empty = try await okta.perform(.pushNow(key: group.key, emptied: true))
        #expect(kinds(empty) == [.renameGroup, .replaceMembers])
        #expect(empty.records[1].request.body?.member("Operations")?.arrayValue?.first?.member("value") == [])
        #expect(empty.unexpectedCount == 0)
        #expect(await server.groups.first?.members == [])

        let delete = try await okta.perform(.deleteGroup(key: group.key))
        #expect(kinds(delete) == [.deleteGroup] && delete.unexpectedCount == 0)
        let check = try await okta.perform(.checkGroup(key: group.key))
        #expect(check.records.map { $0.response?.status } == [404] && check.unexpectedCount == 0)
    }

    @Test func aPushOfAGroupThatExistsLinksItByName() async throws {
        let server = FakeSCIMServer()
        var first = try await simulator(server)
        let key = try #require(first.state.groups.first?.key)
        _ = try await first.perform(.pushGroup(key: key))
        var second = try await simulator(server)
        let report = try await second.perform(.pushGroup(key: key))
        #expect(kinds(report).prefix(2) == [.lookupGroup, .renameGroup])
        #expect(report.unexpectedCount == 0)
    }

    @Test func rulesProduceTheExpectedRefusalsAndTheFixesSucceed() async throws {
        let server = FakeSCIMServer(seatLimit: 5)
        var okta = try await simulator(server, people: 12, seats: 5)
        var reports: [ActionReport] = []
        for person in 0..<12 { reports.append(try await okta.perform(.assign(person: person))) }
        let rules = reports.flatMap(\.records).compactMap(\.refusalRule)
        #expect(rules.contains("seat limit"))
        #expect(reports.allSatisfy { $0.unexpectedCount == 0 })
        #expect(await server.activeCount == 5)
        let raw = try #require(okta.state.people.firstIndex { $0.phoneFormat == .raw })
        #expect(
            okta.state.appUsers[raw].failure?.contains("HTTP 400") == true
                || okta.state.appUsers[raw].failure?.contains("HTTP 403") == true)

        let leaver = try #require(okta.state.activePeople.first)
        _ = try await okta.perform(.deactivate(person: leaver))
        let fixed = try await okta.perform(.fixPhone(person: raw))
        #expect(kinds(fixed) == [.lookupUser, .createUser])
        #expect(fixed.records.last?.response?.status == 201 && fixed.unexpectedCount == 0)
    }

    @Test(arguments: Scenario.allCases)
    func everyScenarioRunsCleanAgainstACorrectServer(_ scenario: Scenario) async throws {
        let people = PeopleGenerator(seed: 9).people(30)
        let seats = scenario.demoSeatLimit(for: people, phonePolicy: .strict)
        let server = FakeSCIMServer(seatLimit: seats)
        let summary = await SimulationRunner.run(
            SimulationOptions(
                scenario: scenario, seed: 9, people: 30, rules: ProductRules(seatLimit: seats), maxActions: 250),
            token: "k", transport: server, target: "fake", control: SimulatorControl(rate: 0))
        #expect(summary.passed, "\(summary.render())")
        #expect(summary.refusals["phone format", default: 0] > 0)
        #expect(summary.refusals["seat limit", default: 0] > 0)
        #expect(summary.requestsByKind[.testUsers] != nil && summary.requestsByKind[.readBackUsers] != nil)
    }

    @Test func theSameSeedTellsTheSameStory() async throws {
        func story(_ seed: UInt64) async -> [String] {
            let server = FakeSCIMServer(seatLimit: 20)
            let recorder = Recorder()
            _ = await SimulationRunner.run(
                SimulationOptions(
                    scenario: .mixed, seed: seed, people: 25, rules: ProductRules(seatLimit: 20), maxActions: 120),
                token: "k", transport: server, target: "fake", control: SimulatorControl(rate: 0),
                events: { event in if case .action(let report) = event { recorder.append(report.description) } })
            return recorder.lines
        }
        let first = await story(5)
        #expect(first.count == 120)
        #expect(first == (await story(5)))
        #expect(first != (await story(6)))
    }

    @Test func aRenameThatWipesMembersIsCaught() async throws {
        let server = FakeSCIMServer(bugs: .init(renameWipesMembers: true))
        let summary = await SimulationRunner.run(
            SimulationOptions(scenario: .reorg, seed: 3, people: 20),
            token: "k", transport: server, target: "fake", control: SimulatorControl(rate: 0))
        #expect(!summary.passed)
        #expect(
            summary.unexpected.contains {
                $0.request.kind == .renameGroup && $0.problems.contains { $0.contains("members differ") }
            })
    }

    @Test func aServerIgnoringTheSeatLimitIsCaught() async throws {
        let server = FakeSCIMServer(seatLimit: 5, bugs: .init(ignoresSeatLimit: true))
        let summary = await SimulationRunner.run(
            SimulationOptions(scenario: .onboarding, seed: 3, people: 12, rules: ProductRules(seatLimit: 5)),
            token: "k", transport: server, target: "fake", control: SimulatorControl(rate: 0))
        #expect(summary.unexpected.contains { $0.request.kind == .createUser && $0.response?.status == 201 })
    }

    @Test func aCaseSensitiveLookupIsCaught() async throws {
        let server = FakeSCIMServer(bugs: .init(caseSensitiveLookup: true))
        var okta = try await simulator(server)
        _ = try await okta.perform(.assign(person: 0))
        _ = try await okta.perform(.deactivate(person: 0))
        okta.state.people[0].userName = okta.state.people[0].userName.uppercased()
        let report = try await okta.perform(.reactivate(person: 0))
        #expect(report.unexpectedCount == 1)
    }

    @Test func theRateCanChangeDuringARun() async throws {
        let control = SimulatorControl(rate: 1)
        await control.setRate(0)
        let clock = ContinuousClock()
        let start = clock.now
        let summary = await SimulationRunner.run(
            SimulationOptions(scenario: .mixed, seed: 1, people: 10, maxActions: 20), token: "k",
            transport: FakeSCIMServer(), target: "fake", control: control)
        #expect(summary.actions == 20)
        #expect(clock.now - start < .seconds(10), "at one push per second 20 pushes take 19 s")
    }

    @Test func pauseHoldsTheRunAndStopEndsIt() async throws {
        let control = SimulatorControl(rate: 0)
        await control.pause()
        let server = FakeSCIMServer()
        let run = Task {
            await SimulationRunner.run(
                SimulationOptions(scenario: .mixed, seed: 1, people: 10), token: "k", transport: server,
                target: "fake", control: control)
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(await server.requests.isEmpty, "nothing is sent while paused")
        await control.resume()
        try await Task.sleep(for: .milliseconds(200))
        await control.stop()
        let summary = await run.value
        #expect(summary.actions > 0 && summary.passed)
    }
}

/// Collects lines from a `@Sendable` callback.
final class Recorder: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}
