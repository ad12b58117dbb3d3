/// Everything a run needs to know besides where the server is and its pace (``SimulatorControl``).
public struct SimulationOptions: Sendable {
    /// The identity provider whose requests the run sends.
    public var idp: IdentityProvider
    public var scenario: Scenario
    public var seed: UInt64
    /// How many people the company has.
    public var people: Int
    /// No new push starts after this; nil runs until the scenario ends (`mixed` never does).
    public var duration: Duration?
    /// What the server is expected to enforce.
    public var rules: ProductRules
    /// Stop after this many pushes (tests); nil for no limit.
    public var maxActions: Int?

    public init(
        idp: IdentityProvider = .okta, scenario: Scenario = .mixed, seed: UInt64 = 1, people: Int = 40,
        duration: Duration? = nil, rules: ProductRules = ProductRules(), maxActions: Int? = nil
    ) {
        self.idp = idp
        self.scenario = scenario
        self.seed = seed
        self.people = people
        self.duration = duration
        self.rules = rules
        self.maxActions = maxActions
    }
}

/// Runs a scenario against a server: paces the pushes, honours pause and stop, publishes every
/// request and action, reads the final state back and returns the summary.
public enum SimulationRunner {
    /// - Parameters:
    ///   - target: the SCIM base URL, for the summary.
    ///   - events: called on the running task with each event, in order.
    public static func run(
        _ options: SimulationOptions, token: String, transport: any SCIMTransport, target: String,
        control: SimulatorControl, events: @escaping @Sendable (SimulatorEvent) -> Void = { _ in }
    ) async -> SimulationSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = options.duration.map { started + $0 }
        let people = PeopleGenerator(seed: options.seed).people(options.people)
        let state = SimulationState(people: people, rules: options.rules)
        let observe: @Sendable (RequestRecord) -> Void = { events(.request($0)) }
        var client: any SimulatedClient =
            switch options.idp {
            case .okta:
                OktaClient(
                    simulator: OktaSimulator(state: state, token: token, transport: transport, observe: observe),
                    player: ScenarioPlayer(scenario: options.scenario, seed: options.seed))
            case .entra:
                EntraClient(
                    simulator: EntraSimulator(state: state, token: token, transport: transport, observe: observe),
                    player: EntraScenarioPlayer(scenario: options.scenario, seed: options.seed))
            }
        var summary = SimulationSummary(options: options, target: target)
        var nextStart = started

        while true {
            if await control.isPaused {
                events(.paused)
                await control.waitWhilePaused()
                events(.resumed)
                nextStart = clock.now
            }
            if await control.isStopped || Task.isCancelled { break }
            if let deadline, clock.now >= deadline { break }
            if let limit = options.maxActions, summary.actions >= limit { break }
            guard client.prepareNext() else { break }

            let rate = await control.rate
            if rate > 0 {
                if nextStart > clock.now { try? await clock.sleep(until: nextStart) }
                nextStart = max(nextStart, clock.now) + .seconds(1 / rate)
            }
            do {
                let report = try await client.performNext()
                summary.add(report)
                events(.action(report))
            } catch {
                summary.actions += 1
                summary.add(client.records)
                summary.stopped = error.description
                break
            }
        }
        summary.elapsed = clock.now - started
        let readingBack = await control.readsBackAfterStop && !Task.isCancelled
        if summary.stopped == nil && readingBack {
            do {
                let readBack = try await client.readBack()
                summary.add(readBack.records)
                summary.finalState = readBack.state
                summary.finalProblems = readBack.problems
            } catch {
                summary.stopped = "reading the final state back: \(error.description)"
            }
        }
        summary.seatLimit = options.rules.seatLimit
        events(.finished(summary))
        return summary
    }
}
