import Foundation
import Logging
import RosterStore
import ServiceLifecycle
import Synchronization

/// Takes request-log entries from request handlers without ever making them wait, writes them to
/// the store in batches and applies retention. (The console shows the log live by reading the
/// store as it grows, whichever process wrote it: see `RequestLogTail`.)
///
/// A `Service`: run it in the application's service group. Recording is a lock-protected append;
/// the run loop writes what gathered every ``ServerConfiguration/requestLogFlushInterval`` in
/// transactions of at most ``ServerConfiguration/requestLogBatchSize`` entries, prunes every
/// ``ServerConfiguration/requestLogPruneInterval``, and writes what is left at shutdown.
public final class RequestLogRecorder: Service, Sendable {
    /// Entries arriving while this many wait (the store is stuck) are dropped and counted.
    static let maxPending = 50_000

    private struct State {
        /// Entries in their stored form, packed and already cut into transactions.
        var batches: [RequestLogBatch] = []
        var pendingCount = 0
        var dropped = 0
        /// Dropped since start, for `/metrics`; `dropped` is reset when a flush reports it.
        var droppedTotal = 0
    }

    private let store: any Store
    private let configuration: ServerConfiguration
    private let logger: Logger
    private let state = Mutex(State())
    private let storingPaused = Atomic<Bool>(false)

    public init(store: any Store, configuration: ServerConfiguration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    /// Whether recorded entries go to the store. Paused (`roster serve` toggles it on SIGUSR2), the
    /// server stores nothing: an operator can stop the log's writes for a while without
    /// restarting, and the benchmark compares logging on and off inside one process.
    public var isStoring: Bool { !storingPaused.load(ordering: .relaxed) }

    public func setStoring(_ storing: Bool) {
        storingPaused.store(!storing, ordering: .relaxed)
    }

    /// Queues an entry for the store (unless storing is paused); never blocks.
    public func record(_ entry: RequestLogEntry) {
        guard isStoring else { return }
        let batchSize = configuration.requestLogBatchSize
        let stored = entry.storedForm
        state.withLock { state in
            if state.pendingCount < Self.maxPending {
                if state.batches.isEmpty || state.batches[state.batches.count - 1].count >= batchSize {
                    state.batches.append(RequestLogBatch())
                }
                state.batches[state.batches.count - 1].append(stored)
                state.pendingCount += 1
            } else {
                state.dropped += 1
                state.droppedTotal += 1
            }
        }
    }

    /// Entries waiting for the next flush, and entries dropped since start because too many waited.
    public var backlog: (pending: Int, droppedTotal: Int) {
        state.withLock { ($0.pendingCount, $0.droppedTotal) }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            let clock = ContinuousClock()
            var nextPrune = clock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: self.configuration.requestLogFlushInterval)
                await self.flush()
                if clock.now >= nextPrune {
                    await self.prune()
                    nextPrune = clock.now + self.configuration.requestLogPruneInterval
                }
            }
        }
        await flush()
    }

    /// Writes every queued entry, in transactions of at most the batch size.
    ///
    /// The writes run in their own task: entries taken from the queue are written even when the
    /// caller is cancelled (a service group cancelling instead of shutting down gracefully).
    public func flush() async {
        await Task { await self.writePending() }.value
    }

    private func writePending() async {
        let (batches, dropped) = state.withLock { state in
            defer {
                state.batches = []
                state.pendingCount = 0
                state.dropped = 0
            }
            return (state.batches, state.dropped)
        }
        if dropped > 0 {
            logger.warning("Request log fell behind; dropped entries", metadata: ["dropped": "\(dropped)"])
        }
        for batch in batches {
            do {
                try await store.appendRequestLog(batch)
            } catch {
                logger.error(
                    "Could not write request log entries", metadata: ["count": "\(batch.count)", "error": "\(error)"])
            }
        }
    }

    /// Applies retention: keeps the newest entries and drops those past the maximum age.
    func prune() async {
        await Task { await self.deleteExpired() }.value
    }

    private func deleteExpired() async {
        do {
            let deleted = try await store.pruneRequestLog(
                keepLatest: configuration.requestLogKeepLatest,
                olderThan: Date().addingTimeInterval(-configuration.requestLogMaxAge))
            if deleted > 0 { logger.debug("Pruned request log", metadata: ["deleted": "\(deleted)"]) }
        } catch {
            logger.error("Could not prune the request log", metadata: ["error": "\(error)"])
        }
    }
}
