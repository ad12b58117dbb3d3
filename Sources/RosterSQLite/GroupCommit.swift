import GRDB
import Synchronization

/// Runs the SCIM writes that arrive together in one transaction: while one transaction commits,
/// the writes that come in wait, then run in the next, each inside its own savepoint, with one
/// commit for all of them.
///
/// Why: a provisioning push (Okta creating or deactivating people) is many small writes at once,
/// and each of them as its own transaction wrote every page it touched to the WAL and took its
/// own hop to GRDB's writer queue. Writes in one transaction share those pages (the table's last
/// leaf, the organization's counters, the audit log's last page) and the hop.
///
/// What does not change: a write returns only after the transaction holding it has committed (a
/// caller is never told "done" for a write that could still be lost); a write that throws is
/// rolled back to its savepoint alone, and the others commit; when the commit itself fails,
/// or SQLite aborts the transaction, every write in it fails and none is kept. Writes run in the
/// order they arrived, each seeing the ones before it, as sequential transactions would.
final class GroupCommit: Sendable {
    /// One caller's write: its block, and how to hand the caller its outcome once it is known.
    private struct Job: Sendable {
        let run: @Sendable (Database) throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct Queue {
        var waiting: [Job] = []
        var draining = false
    }

    private let pool: DatabasePool
    private let queue = Mutex(Queue())

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `block` in a write transaction shared with the writes that arrive while another
    /// commits; returns its value once that transaction has committed.
    func write<T: Sendable>(_ block: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = ResultSlot<T>()
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                run: { db in result.store(try block(db)) },
                finish: { error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else {
                        continuation.resume(returning: result.take())
                    }
                })
            let startsDraining = queue.withLock { queue in
                queue.waiting.append(job)
                defer { queue.draining = true }
                return !queue.draining
            }
            if startsDraining {
                Task { await self.drain() }
            }
        }
    }

    /// Commits batches until no write is waiting.
    private func drain() async {
        while true {
            let batch = queue.withLock { queue -> [Job] in
                defer { queue.waiting.removeAll(keepingCapacity: true) }
                if queue.waiting.isEmpty { queue.draining = false }
                return queue.waiting
            }
            guard !batch.isEmpty else { return }
            await commit(batch)
        }
    }

    private func commit(_ batch: [Job]) async {
        do {
            let failures = try await pool.writeWithoutTransaction { db -> [(any Error)?] in
                var failures: [(any Error)?] = []
                try db.inTransaction(.immediate) {
                    for job in batch {
                        do {
                            try db.inSavepoint {
                                try job.run(db)
                                return .commit
                            }
                            failures.append(nil)
                        } catch {
                            failures.append(error)
                        }
                    }
                    return .commit
                }
                return failures
            }
            for (job, failure) in zip(batch, failures) { job.finish(failure) }
        } catch {
            for job in batch { job.finish(error) }
        }
    }
}

/// Where a write's value waits between its block (on the writer's thread) and its caller's
/// resumption after the commit; each is written once and read once, in that order.
private final class ResultSlot<T: Sendable>: @unchecked Sendable {
    private var value: T?

    func store(_ value: T) { self.value = value }

    func take() -> T {
        defer { value = nil }
        return value!
    }
}
