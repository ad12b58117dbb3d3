import Hummingbird
import HummingbirdTesting
import Logging
import RosterSQLite
import RosterServer
import RosterSimulator
import RosterStore
import Testing

/// The simulated Entra ID against a real Roster over real HTTP: every answer must be the one the model
/// expects, with both product rules exercised and every sequence of entra-requests.md §4 sent.
struct EntraEndToEndTests {
    func run(
        _ scenario: Scenario, seed: UInt64, people: Int, phonePolicy: PhonePolicy, maxActions: Int? = nil
    ) async throws -> SimulationSummary {
        let store = try SQLiteStore.temporary()
        let generated = PeopleGenerator(seed: seed).people(people)
        let expectation: PhonePolicyExpectation = phonePolicy == .flag ? .flag : .strict
        let seats = scenario.demoSeatLimit(for: generated, phonePolicy: expectation)
        let organization = try await store.createOrganization(
            name: "Demo", plan: .enterprise, seatLimit: seats, phonePolicy: phonePolicy, actor: .cli(user: "test"))
        let key = try await store.createAPIKey(organizationID: organization.id, label: "entra", expiresAt: nil, actor: .cli(user: "test"))
        var logger = Logger(label: "roster-entra-test")
        logger.logLevel = .warning
        let roster = RosterApplication(store: store, configuration: ServerConfiguration(port: 0), logger: logger)
        let options = SimulationOptions(
            idp: .entra, scenario: scenario, seed: seed, people: people,
            rules: ProductRules(seatLimit: seats, phonePolicy: expectation), maxActions: maxActions)
        return try await roster.application.test(.live) { client in
            let port = try #require(client.port)
            let baseURL = "http://127.0.0.1:\(port)/scim/v2"
            return try await HTTPTransport.with(baseURL: baseURL) { transport in
                await SimulationRunner.run(
                    options, token: key.secret, transport: transport, target: baseURL, control: SimulatorControl(rate: 0))
            }
        }
    }

    @Test func mixedAgainstRosterHasNoUnexpectedOutcome() async throws {
        let summary = try await run(.mixed, seed: 1, people: 30, phonePolicy: .strict, maxActions: 200)
        #expect(summary.passed, "\(summary.render())")
        #expect(summary.render().hasPrefix("Simulated Entra ID → "))
        #expect(summary.refusals["phone format", default: 0] > 0)
        #expect(summary.refusals["seat limit", default: 0] > 0)
        let sent = Set(summary.requestsByKind.keys)
        let sequences: Set<RequestKind> = [
            .entraProbeUsers, .entraProbeGroups, .entraMatchUser, .entraCreateUser, .entraUpdateUser, .entraDisableUser,
            .entraEnableUser, .entraDeleteUser, .entraMatchGroup, .entraCreateGroup, .entraReadGroup, .entraRenameGroup,
            .entraAddMembers, .entraRemoveMembers, .entraDeleteGroup,
        ]
        #expect(sequences.subtracting(sent).isEmpty, "never sent: \(sequences.subtracting(sent))")
        #expect(!sent.contains(.replaceUser) && !sent.contains(.importUsers), "Entra sends no PUT and never imports")
    }

    @Test func underTheFlagPolicyRawPhonesAreStored() async throws {
        let summary = try await run(.offboarding, seed: 2, people: 24, phonePolicy: .flag)
        #expect(summary.passed, "\(summary.render())")
        #expect(summary.refusals["phone format"] == nil)
        #expect(summary.refusals["seat limit", default: 0] > 0)
        #expect(summary.requestsByKind[.entraDeleteUser] != nil)
    }
}
