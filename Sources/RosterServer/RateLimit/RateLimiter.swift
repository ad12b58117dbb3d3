import Synchronization

/// Token buckets by client (an API key's id, or an address), behind one lock: a request costs a dictionary hit and
/// some arithmetic.
///
/// The table stays bounded: ``check(_:now:)`` forgets a bucket that has refilled, and once `capacity` clients are
/// tracked, full buckets are dropped (and if none is full, all are: a flood from that many addresses at once is a
/// firewall's job).
final class RateLimiter: Sendable {
    let limit: RateLimit
    private let buckets = Mutex<[String: TokenBucket]>([:])
    private let tracked = Atomic<Int>(0)
    private let capacity: Int

    init(limit: RateLimit, capacity: Int = 10_000) {
        self.limit = limit
        self.capacity = capacity
    }

    /// Whether any client has a bucket; lets the caller skip work for the common case of none.
    var isTracking: Bool { tracked.load(ordering: .relaxed) > 0 }

    /// Takes a token from `client`'s bucket.
    /// - Returns: nil when the request may go, else the `Retry-After` seconds.
    func take(_ client: String, now: ContinuousClock.Instant = .now) -> Int? {
        let limit = self.limit
        return buckets.withLock { buckets in
            if let index = buckets.index(forKey: client) {
                return buckets.values[index].take(limit: limit, now: now)
            }
            if buckets.count >= capacity {
                buckets = buckets.filter { !$0.value.isFull(limit: limit, now: now) }
                if buckets.count >= capacity { buckets.removeAll(keepingCapacity: true) }
            }
            var bucket = TokenBucket(limit: limit, now: now)
            let retryAfter = bucket.take(limit: limit, now: now)
            buckets[client] = bucket
            tracked.store(buckets.count, ordering: .relaxed)
            return retryAfter
        }
    }

    /// Whether `client` may send a request now, without taking a token; forgets its bucket once it has refilled.
    /// - Returns: nil when it may, else the `Retry-After` seconds.
    func check(_ client: String, now: ContinuousClock.Instant = .now) -> Int? {
        let limit = self.limit
        return buckets.withLock { buckets in
            guard let index = buckets.index(forKey: client) else { return nil }
            if let retryAfter = buckets.values[index].take(limit: limit, now: now, consume: false) { return retryAfter }
            if buckets.values[index].isFull(limit: limit, now: now) {
                buckets.remove(at: index)
                tracked.store(buckets.count, ordering: .relaxed)
            }
            return nil
        }
    }

    var trackedClients: Int { buckets.withLock { $0.count } }
}
