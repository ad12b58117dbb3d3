import Foundation
import Logging
import RosterStore
import ServiceLifecycle
import Synchronization

/// Keeps the hot path of authentication cheap: successful key lookups are reused for a short
/// time (at most ``ServerConfiguration/authCacheLifetime``, so a revoked key stops working
/// within it), and last-used times are gathered in memory and written in one batch.
///
/// A `Service`: its run loop flushes the last-used times periodically and once more at shutdown.
final class APIKeyCache: Service, Sendable {
    private struct Entry {
        var client: AuthenticatedClient
        var validUntil: ContinuousClock.Instant
    }

    private struct State {
        /// Keyed by the presented secret; only secrets the store accepted get here.
        var entries: [String: Entry] = [:]
        /// Key id → when it was last used, not yet written.
        var pendingUse: [String: Date] = [:]
    }

    private let store: any Store
    private let lifetime: Duration
    private let flushInterval: Duration
    private let logger: Logger
    private let state = Mutex(State())

    init(store: any Store, lifetime: Duration, flushInterval: Duration, logger: Logger) {
        self.store = store
        self.lifetime = lifetime
        self.flushInterval = flushInterval
        self.logger = logger
    }

    /// The client a secret authenticates, from the cache or the store; nil when the store refuses
    /// it. Records the use either way it succeeds.
    func authenticate(secret: String, at now: Date) async throws -> AuthenticatedClient? {
        let clock = ContinuousClock.now
        let cached = state.withLock { state -> AuthenticatedClient? in
            guard let entry = state.entries[secret], entry.validUntil > clock, entry.client.key.isUsable(at: now) else {
                return nil
            }
            state.pendingUse[entry.client.key.id] = now
            return entry.client
        }
        if let cached { return cached }
        guard let (key, organization) = try await store.authenticate(secret: secret, at: now) else { return nil }
        let client = AuthenticatedClient(key: key, organization: organization)
        guard lifetime > .zero else {
            state.withLock { $0.pendingUse[key.id] = now }
            return client
        }
        state.withLock { state in
            if state.entries.count >= 1024 { state.entries = state.entries.filter { $0.value.validUntil > clock } }
            state.entries[secret] = Entry(client: client, validUntil: clock + lifetime)
            state.pendingUse[key.id] = now
        }
        return client
    }

    /// Writes the gathered last-used times until graceful shutdown, then once more.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.flushInterval)
                await self.flush()
            }
        }
        await flush()
    }

    /// Writes the last-used times gathered so far in one store call, in its own task so that
    /// times taken from the queue are written even when the caller is cancelled.
    func flush() async {
        await Task { await self.writePending() }.value
    }

    private func writePending() async {
        let pending = state.withLock { state -> [String: Date] in
            defer { state.pendingUse.removeAll(keepingCapacity: true) }
            return state.pendingUse
        }
        guard !pending.isEmpty else { return }
        do {
            try await store.recordKeyUse(pending)
        } catch {
            logger.warning("Could not record API key use", metadata: ["error": "\(error)"])
        }
    }
}
