/// Live control of a running simulation, shared with whoever drives it (the console's keys, a
/// signal handler): pause and resume between pushes, change the pace, stop after the current push.
public actor SimulatorControl {
    public private(set) var isPaused = false
    public private(set) var isStopped = false
    /// False when ``stop(readingBack:)`` asked to skip the final read-back (the server is going away).
    public private(set) var readsBackAfterStop = true
    /// Pushes (Okta actions) per second; 0 sends as fast as the server answers.
    public private(set) var rate: Double
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(rate: Double) {
        self.rate = max(0, rate)
    }

    public func pause() {
        isPaused = true
    }

    public func resume() {
        isPaused = false
        wakeAll()
    }

    /// Changes the pace from the next push on.
    public func setRate(_ rate: Double) {
        self.rate = max(0, rate)
    }

    /// Ends the run after the push in progress (also wakes a paused run). With `readingBack` false the run
    /// skips reading the final state back, for a server that is shutting down.
    public func stop(readingBack: Bool = true) {
        isStopped = true
        readsBackAfterStop = readingBack
        wakeAll()
    }

    /// Returns at once unless paused; then when resumed or stopped.
    func waitWhilePaused() async {
        while isPaused && !isStopped {
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    private func wakeAll() {
        let waiting = waiters
        waiters = []
        for waiter in waiting { waiter.resume() }
    }
}
