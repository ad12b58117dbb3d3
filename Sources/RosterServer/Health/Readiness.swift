import Synchronization

/// Whether this server should be sent traffic, as `GET /readyz` reports it to a load balancer: not before it
/// listens with its store open and migrated, and no longer once it has begun to shut down, so that the balancer
/// drains it while requests in flight still finish.
public final class Readiness: Sendable {
    public enum State: UInt8, Sendable {
        /// Not yet listening.
        case starting
        /// Listening, store open: send traffic.
        case ready
        /// Graceful shutdown has begun: send no new traffic.
        case draining
    }

    private let value = Atomic<UInt8>(State.starting.rawValue)

    public init() {}

    public var state: State { State(rawValue: value.load(ordering: .relaxed)) ?? .starting }

    /// Marks the server ready, unless it is already draining (a shutdown never becomes ready again).
    func markReady() {
        _ = value.compareExchange(expected: State.starting.rawValue, desired: State.ready.rawValue, ordering: .relaxed)
    }

    func markDraining() {
        value.store(State.draining.rawValue, ordering: .relaxed)
    }
}
