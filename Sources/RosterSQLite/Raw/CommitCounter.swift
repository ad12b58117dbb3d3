import GRDB
import Synchronization

/// Counts the transactions this process has committed to the database, whatever wrote them (SCIM
/// writes, the request log, the console, seeding): registered as an observer of the pool's
/// writer connection, through which every write of the process goes.
///
/// ``MemberLookups`` compares the count with the one it saw when it opened its read snapshot,
/// so that a snapshot never outlives a write this process has acknowledged.
final class CommitCounter: TransactionObserver, Sendable {
    private let count = Atomic<UInt64>(0)

    /// The number of commits so far. Read it before opening a snapshot: a commit counted after
    /// the read may or may not be in the snapshot, and the next comparison then reopens it.
    var current: UInt64 { count.load(ordering: .acquiring) }

    /// No row events: only commits are counted, so observing costs the writer nothing per row.
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }

    func databaseDidChange(with event: DatabaseEvent) {}

    /// Called on the writer after the commit and before the write that made it returns to its
    /// caller: any lookup that starts after a write was acknowledged sees the new count.
    func databaseDidCommit(_ db: Database) {
        count.add(1, ordering: .releasing)
    }

    func databaseDidRollback(_ db: Database) {}
}
