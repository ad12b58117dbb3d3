import ConsoleCore
import Foundation
import RosterStore
import Testing

/// The demo's simulated Okta from the console: `P` pauses and resumes it, `+`/`-` pace it, the header shows it.
struct ReducerSimulatorTests {
    func demo(
        rows: Int = 24, cols: Int = 120, status: SimulatorStatus = SimulatorStatus(phase: .running, rate: 5)
    ) -> ConsoleState {
        var state = ConsoleState(
            organization: Fixture.organization, options: Fixture.options(), size: TerminalSize(rows: rows, cols: cols),
            now: Fixture.now, simulator: status)
        state.answer(state.send(.started))
        return state
    }

    func header(_ state: ConsoleState) -> String {
        String(state.screen().split(separator: "\n", omittingEmptySubsequences: false)[0])
    }

    @Test func pPausesAndResumesFromAnyScreen() {
        var state = demo()
        #expect(header(state).hasSuffix("demo 5/s · http://127.0.0.1:8080/scim/v2 · Acme · 12/100 seats"))
        #expect(state.type("P") == [.simulator(.pause)])
        #expect(state.simulator == SimulatorStatus(phase: .paused, rate: 5))
        #expect(header(state).contains("demo: paused · http://127.0.0.1:8080/scim/v2"))
        #expect(state.flash?.text == "Demo paused after the push in flight; P resumes.")
        state.answer(state.type("3"))
        state.press(.enter)
        #expect(state.type("P") == [.simulator(.resume)], "also from a request's detail")
        #expect(state.simulator?.phase == .running)
    }

    @Test func plusAndMinusStepThroughThePaces() {
        var state = demo()
        #expect(state.type("+") == [.simulator(.setRate(10))])
        #expect(state.type("=") == [.simulator(.setRate(25))], "= is + without Shift")
        #expect(state.type("---") == [.simulator(.setRate(10)), .simulator(.setRate(5)), .simulator(.setRate(2))])
        #expect(state.flash?.text == "Demo pace: 2/s.")
        #expect(SimulatorStatus.faster(than: 100) == 0 && SimulatorStatus.slower(than: 0) == 100)
        #expect(SimulatorStatus.slower(than: 0.5) == 0.5 && SimulatorStatus.faster(than: 0) == 0)
        #expect(SimulatorStatus(phase: .running, rate: 0.5).rateText == "0.5/s")
        #expect(SimulatorStatus(phase: .running, rate: 0).badge == "demo: running max")
    }

    @Test func theSimulatorsAnswerIsWhatTheHeaderShows() {
        var state = demo()
        state.type("P")
        // The simulator had already been told to stop: its word wins.
        state.send(.simulatorChanged(SimulatorStatus(phase: .running, rate: 5)))
        #expect(state.simulator?.phase == .running)
        state.send(.simulatorChanged(SimulatorStatus(phase: .finished, rate: 5)))
        #expect(state.flash?.text
                == "The simulated Okta is done (its scenario or --duration is over); quit to see its summary.")
        #expect(header(state).contains("demo: finished"))
        #expect(state.type("P").isEmpty, "nothing left to pause")
    }

    @Test func withoutASimulatorTheKeysAreHiddenAndSaySo() {
        var state = Fixture.state(cols: 120)
        state.answer(state.send(.started))
        #expect(!state.screen().contains("demo"))
        #expect(state.simulator == nil)
        #expect(state.type("P").isEmpty)
        #expect(state.flash?.level == .error)
        #expect(state.flash?.text.contains("roster demo") == true)
        state.type("?")
        #expect(!state.screen().contains("Pause or resume the demo"))
    }

    @Test func theDemoBadgeShortensBeforeTheServerDetailsGo() {
        #expect(header(demo(cols: 80)).hasSuffix("4 Keys        demo 5/s · 12/100 seats"))
        #expect(header(demo(cols: 80, status: SimulatorStatus(phase: .paused, rate: 5)))
            .hasSuffix("demo: paused · 12/100 seats"))
        var helped = demo(rows: 40, cols: 80)
        helped.type("?")
        #expect(helped.screen().contains("Pause or resume the demo's simulated Okta"))
        let hints = helped.screen().split(separator: "\n").last ?? ""
        #expect(!hints.contains("P pause demo"), "the help has its own hints")
    }
}

/// The server badge at the top right: the base URL when the width allows, degrading to the port, then the seats.
struct HeaderTests {
    func header(cols: Int, organizations: [Organization]? = nil, attached: Bool = false, readOnly: Bool = false,
                endpoint: ConsoleEndpoint? = nil) -> String {
        var options = Fixture.options(readOnly: readOnly, attached: attached)
        if let endpoint { options.endpoint = endpoint }
        let state = ConsoleState(organization: Fixture.organization, organizations: organizations, options: options,
                                 size: TerminalSize(rows: 24, cols: cols), now: Fixture.now)
        return String(state.screen().split(separator: "\n", omittingEmptySubsequences: false)[0])
    }

    @Test func theBaseURLShowsWhereTheWidthAllows() {
        #expect(header(cols: 120)
            .hasSuffix("4 Keys       http://127.0.0.1:8080/scim/v2 · Acme · enterprise · 12/100 seats"))
        #expect(header(cols: 100).hasSuffix("4 Keys       http://127.0.0.1:8080/scim/v2 · 12/100 seats"),
                "one organization: the URL before its name")
        #expect(header(cols: 100, organizations: [Fixture.organization, Fixture.otherOrganization])
            .hasSuffix("127.0.0.1:8080 · Acme · 12/100 seats"), "several: which one is on screen matters more")
        #expect(header(cols: 80).hasSuffix("4 Keys    :8080 · Acme · 12/100 seats"))
        #expect(header(cols: 64).hasSuffix("4 Keys   12/100 seats"))
        #expect(header(cols: 60).hasSuffix("4 Keys"), "nothing rather than a cut badge")
    }

    @Test func aPublicURLShowsWithTheAddressItIsServedFrom() {
        let proxied = ConsoleEndpoint.serving(address: "0.0.0.0:8080", baseURL: "https://scim.acme.example/scim/v2")
        #expect(header(cols: 160, endpoint: proxied)
            .hasSuffix("https://scim.acme.example/scim/v2 · 0.0.0.0:8080 · Acme · enterprise · 12/100 seats"))
        #expect(header(cols: 120, endpoint: proxied)
            .hasSuffix("https://scim.acme.example/scim/v2 · Acme · 12/100 seats"))
    }

    @Test func attachedAndReadOnly() {
        #expect(header(cols: 160, attached: true)
            .hasSuffix("attached /var/lib/roster/roster.sqlite · Acme · enterprise · 12/100 seats"))
        #expect(header(cols: 80, readOnly: true).hasSuffix("12/100 seats  [RO]"))
    }
}
