/// The demo's simulated Okta as the console shows it in the header (`roster demo`): pushing at a pace, paused,
/// or done with its scenario.
public struct SimulatorStatus: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        case running, paused, finished
    }

    public var phase: Phase
    /// Pushes per second; 0 sends as fast as the server answers.
    public var rate: Double

    public init(phase: Phase, rate: Double) {
        self.phase = phase
        self.rate = max(0, rate)
    }

    /// The paces `+` and `-` step through, in pushes per second; beyond the last, as fast as the server answers.
    public static let rateSteps: [Double] = [0.5, 1, 2, 5, 10, 25, 50, 100]

    /// The next pace up (`+`): the next step, then no limit.
    public static func faster(than rate: Double) -> Double {
        guard rate > 0 else { return 0 }
        return rateSteps.first { $0 > rate } ?? 0
    }

    /// The next pace down (`-`): from no limit the fastest step, then each step down to the slowest.
    public static func slower(than rate: Double) -> Double {
        guard rate > 0 else { return rateSteps.last! }
        return rateSteps.last { $0 < rate } ?? rateSteps[0]
    }

    /// `5/s`, `0.5/s`, or `max` for no limit.
    public var rateText: String {
        guard rate > 0 else { return "max" }
        let text = rate == rate.rounded() ? String(Int(rate)) : String(rate)
        return "\(text)/s"
    }

    /// The header badge: `demo: running 5/s`, `demo: paused`, `demo: finished`.
    public var badge: String {
        switch phase {
        case .running: return "demo: running \(rateText)"
        case .paused: return "demo: paused"
        case .finished: return "demo: finished"
        }
    }

    /// The badge where the header is short of room: `demo 5/s`, `demo paused`, `demo done`.
    public var shortBadge: String {
        switch phase {
        case .running: return "demo \(rateText)"
        case .paused: return "demo paused"
        case .finished: return "demo done"
        }
    }
}

/// What the console asks of the demo's simulated Okta.
public enum SimulatorCommand: Hashable, Sendable {
    case pause
    case resume
    /// Pushes per second from the next push on; 0 for no limit.
    case setRate(Double)
}

/// The simulated Okta a console drives, in the terms of the console: `roster demo` adapts its `SimulatorControl`
/// to this, so the console core never depends on the simulator.
public protocol ConsoleSimulator: Sendable {
    /// Applies `command` and returns the status after it.
    func perform(_ command: SimulatorCommand) async -> SimulatorStatus
    /// The status changes the simulator makes on its own (its scenario ended): the runtime shows each.
    func statusChanges() -> AsyncStream<SimulatorStatus>
}
