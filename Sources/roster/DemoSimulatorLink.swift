import ConsoleCore
import RosterSimulator

/// The demo's `SimulatorControl` in the console's terms: `P`, `+` and `-` become pause, resume and pace changes, and
/// the end of the scenario reaches the header. The console core knows only `ConsoleSimulator`, never the simulator.
struct DemoSimulatorLink: ConsoleSimulator {
    let control: SimulatorControl
    /// What the header shows before the first command: running at the `--rate` pace.
    let initialStatus: SimulatorStatus
    private let changes: AsyncStream<SimulatorStatus>
    private let continuation: AsyncStream<SimulatorStatus>.Continuation
    private let ports: AsyncStream<Int>
    private let portContinuation: AsyncStream<Int>.Continuation

    init(control: SimulatorControl, rate: Double) {
        self.control = control
        initialStatus = SimulatorStatus(phase: .running, rate: rate)
        (changes, continuation) = AsyncStream.makeStream(of: SimulatorStatus.self, bufferingPolicy: .bufferingNewest(4))
        (ports, portContinuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Called by the console session once its server listens: the demo asks for port 0, so only the server knows
    /// which port it bound (a port picked beforehand could be taken by another process in between).
    func serverListening(on port: Int) {
        portContinuation.yield(port)
        portContinuation.finish()
    }

    /// Called when the console ends without a server (it could not start one).
    func serverNeverStarted() {
        portContinuation.finish()
    }

    /// The port the console's server listens on; nil when it never started.
    func serverPort() async -> Int? {
        for await port in ports { return port }
        return nil
    }

    func perform(_ command: SimulatorCommand) async -> SimulatorStatus {
        switch command {
        case .pause: await control.pause()
        case .resume: await control.resume()
        case .setRate(let rate): await control.setRate(rate)
        }
        let (stopped, paused, rate) = (await control.isStopped, await control.isPaused, await control.rate)
        return SimulatorStatus(phase: stopped ? .finished : paused ? .paused : .running, rate: rate)
    }

    func statusChanges() -> AsyncStream<SimulatorStatus> {
        changes
    }

    /// Tells the console that the simulation ended (its scenario or `--duration` is over).
    func finished() async {
        continuation.yield(SimulatorStatus(phase: .finished, rate: await control.rate))
        continuation.finish()
    }
}
