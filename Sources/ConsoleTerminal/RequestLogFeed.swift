import Foundation
import RosterStore

/// The live source of the Requests screen: every `interval` it polls a `DatabaseChangeCounter`, and when the
/// database changed it reads the request-log entries above the last one seen (see `RequestLogTail`) and hands
/// them over, with their store ids, to the console.
///
/// The same feed serves `roster` (the server in this process stores entries within its flush interval, 100 ms)
/// and `roster console --attach` (the server is another process), so both show the same entries the same way.
public struct RequestLogFeed: Sendable {
    public let store: any Store
    public let changes: any DatabaseChangeCounter
    public let interval: Duration

    public init(store: any Store, changes: any DatabaseChangeCounter, interval: Duration = .milliseconds(250)) {
        self.store = store
        self.changes = changes
        self.interval = interval
    }

    /// Polls until the task is cancelled, calling `deliver` with each non-empty batch of new entries, newest
    /// first. Errors (a busy or briefly missing file) are retried next interval and reported through `failed`
    /// once each, not on every poll while they last.
    public func run(
        deliver: @Sendable ([RequestLogEntry]) -> Void, failed: @Sendable (any Error) -> Void = { _ in }
    ) async {
        var tail: RequestLogTail?
        var lastFailure: String?
        while !Task.isCancelled {
            do {
                var current: RequestLogTail
                if let tail { current = tail } else { current = try await startingTail() }
                if current.databaseChanged(version: try changes.currentValue()) {
                    let fresh = current.accept(try await store.requestLog(current.query))
                    if !fresh.isEmpty { deliver(fresh) }
                }
                tail = current
                lastFailure = nil
            } catch {
                let description = String(describing: error)
                if description != lastFailure { failed(error) }
                lastFailure = description
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// A tail that starts after the newest stored entry: older ones are the Requests screen's first load.
    private func startingTail() async throws -> RequestLogTail {
        RequestLogTail(lastSeenID: try await store.requestLog(RequestLogQuery(limit: 1)).first?.id ?? 0)
    }
}
