/// The demo's simulated Okta: `P` pauses and resumes it, `+` and `-` change its pace. The header changes at once;
/// the simulator's answer (`simulatorChanged`) confirms or corrects it.
extension ConsoleState {
    mutating func controlSimulator(_ action: ConsoleAction) -> [ConsoleEffect] {
        guard var status = simulator else {
            showFlash("\(options.glyphs.cross) No simulated Okta runs in this console; `roster demo` starts one.",
                      level: .error)
            return []
        }
        guard status.phase != .finished else {
            showFlash("The simulated Okta is done pushing; quit to see its summary.")
            return []
        }
        let command: SimulatorCommand
        switch action {
        case .toggleSimulator where status.phase == .paused:
            status.phase = .running
            command = .resume
            showFlash("Demo resumed: the simulated Okta pushes at \(status.rateText) (+/- change the pace).")
        case .toggleSimulator:
            status.phase = .paused
            command = .pause
            showFlash("Demo paused after the push in flight; P resumes.")
        case .simulatorFaster, .simulatorSlower:
            status.rate = action == .simulatorFaster
                ? SimulatorStatus.faster(than: status.rate) : SimulatorStatus.slower(than: status.rate)
            command = .setRate(status.rate)
            showFlash("Demo pace: \(status.rate > 0 ? status.rateText : "as fast as the server answers").")
        default:
            return []
        }
        simulator = status
        return [.simulator(command)]
    }

    /// The simulator's own word on its status.
    mutating func simulatorChanged(_ status: SimulatorStatus) {
        guard let current = simulator, current != status else { return }
        if status.phase == .finished {
            showFlash("The simulated Okta is done (its scenario or --duration is over); quit to see its summary.")
        }
        simulator = status
    }
}
