/// A simulated identity provider with the story it tells, as ``SimulationRunner`` drives it: choose
/// the next action from the tenant's state, perform it, and read the server back at the end.
protocol SimulatedClient: Sendable {
    /// Chooses the next action; false when the story is over.
    mutating func prepareNext() -> Bool
    /// Performs the chosen action.
    mutating func performNext() async throws(SimulationStopped) -> ActionReport
    /// The records of the action in progress (for a run stopped halfway through one).
    var records: [RequestRecord] { get }
    mutating func readBack() async throws(SimulationStopped) -> (state: FinalState, problems: [String], records: [RequestRecord])
}

/// Okta telling a ``Scenario``.
struct OktaClient: SimulatedClient {
    var simulator: OktaSimulator
    var player: ScenarioPlayer
    private var pending: OktaAction?

    init(simulator: OktaSimulator, player: ScenarioPlayer) {
        self.simulator = simulator
        self.player = player
    }

    mutating func prepareNext() -> Bool {
        pending = player.next(simulator.state)
        return pending != nil
    }

    mutating func performNext() async throws(SimulationStopped) -> ActionReport {
        guard let action = pending else { throw SimulationStopped("no action was prepared") }
        pending = nil
        return try await simulator.perform(action)
    }

    var records: [RequestRecord] { simulator.records }

    mutating func readBack() async throws(SimulationStopped) -> (state: FinalState, problems: [String], records: [RequestRecord]) {
        try await simulator.readBack()
    }
}

/// Entra ID telling a ``Scenario``.
struct EntraClient: SimulatedClient {
    var simulator: EntraSimulator
    var player: EntraScenarioPlayer
    private var pending: EntraAction?

    init(simulator: EntraSimulator, player: EntraScenarioPlayer) {
        self.simulator = simulator
        self.player = player
    }

    mutating func prepareNext() -> Bool {
        pending = player.next(simulator.state)
        return pending != nil
    }

    mutating func performNext() async throws(SimulationStopped) -> ActionReport {
        guard let action = pending else { throw SimulationStopped("no action was prepared") }
        pending = nil
        return try await simulator.perform(action)
    }

    var records: [RequestRecord] { simulator.records }

    mutating func readBack() async throws(SimulationStopped) -> (state: FinalState, problems: [String], records: [RequestRecord]) {
        try await simulator.readBack()
    }
}
