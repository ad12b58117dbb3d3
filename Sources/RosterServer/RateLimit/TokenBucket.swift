/// One client's bucket: pure arithmetic over the instants it is given, so that it is tested without a clock.
struct TokenBucket: Sendable {
    private(set) var tokens: Double
    private var updated: ContinuousClock.Instant

    /// A full bucket.
    init(limit: RateLimit, now: ContinuousClock.Instant) {
        tokens = Double(limit.burst)
        updated = now
    }

    /// Refills for the time since the last call, then takes one token when `consume` and one is there.
    /// - Returns: nil when the request may go; otherwise the whole seconds until a token will be there, at least 1
    ///   (an integer `Retry-After`: Okta waits exactly that long, and waits 5 minutes for anything else).
    mutating func take(limit: RateLimit, now: ContinuousClock.Instant, consume: Bool = true) -> Int? {
        let elapsed = now - updated
        if elapsed > .zero {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            tokens = min(Double(limit.burst), tokens + seconds * limit.perSecond)
            updated = now
        }
        if tokens >= 1 {
            if consume { tokens -= 1 }
            return nil
        }
        return max(1, Int(((1 - tokens) / limit.perSecond).rounded(.up)))
    }

    /// Whether the bucket is full at `now`, so that forgetting it changes nothing.
    func isFull(limit: RateLimit, now: ContinuousClock.Instant) -> Bool {
        var copy = self
        _ = copy.take(limit: limit, now: now, consume: false)
        return copy.tokens >= Double(limit.burst)
    }
}
