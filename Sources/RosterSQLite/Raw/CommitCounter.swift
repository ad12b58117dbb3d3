import CSQLiteSettings
import GRDB

/// Counts the transactions this process has committed to the database, whatever wrote them (SCIM
/// writes, the request log, the console, seeding): a WAL hook on the pool's writer connection,
/// through which every write of the process goes, counts each commit before the statement that
/// made it returns.
///
/// ``MemberLookups`` compares the count with the one it saw when it opened its read snapshot,
/// so that a snapshot never outlives a write this process has acknowledged.
///
/// Why a WAL hook (`CSQLiteSettings`) rather than a GRDB `TransactionObserver`: with any observer
/// registered, even one that observes no table, GRDB sorts out observers for every statement the
/// writer runs; measured on `POST /Users`, that was ~3 µs of its ~133 µs of CPU.
final class CommitCounter: @unchecked Sendable {
    private let pool: DatabasePool
    private let counter: OpaquePointer

    /// SQLite's default WAL size that triggers a passive checkpoint, which the hook keeps doing.
    private static let autocheckpointFrames: Int32 = 1000

    init(counting pool: DatabasePool) throws {
        self.pool = pool
        let counter = pool.writeWithoutTransaction { db in
            roster_commit_counter_install(db.sqliteConnection, Self.autocheckpointFrames)
        }
        guard let counter else { throw DatabaseError(resultCode: .SQLITE_NOMEM, message: "no memory for the commit counter") }
        self.counter = counter
    }

    deinit {
        let counter = self.counter
        pool.writeWithoutTransaction { db in roster_commit_counter_remove(db.sqliteConnection, counter) }
    }

    /// The number of commits so far. Read it before opening a snapshot: a commit counted after
    /// the read may or may not be in the snapshot, and the next comparison then reopens it.
    var current: UInt64 { UInt64(roster_commit_count(counter)) }
}
