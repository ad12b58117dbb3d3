import RosterStore

/// Decides when the live request log reads the store and which entries are new, for a console that does not
/// share the server's memory (`--attach`) or that reads what the server's recorder stored.
///
/// The store's request log only grows at the top (ids are assigned in commit order), so "new" is "id above the
/// last one seen". Reading is only worth it when the database changed: the caller polls a cheap change counter
/// (SQLite's `PRAGMA data_version` on a dedicated connection, a few microseconds) and reads the entries above
/// `lastSeenID` only when the counter moved, so an idle server costs no table reads at all.
public struct RequestLogTail: Hashable, Sendable {
    /// Most entries taken per read: after a burst the newest ones; older ones stay in the store, where the
    /// Requests screen pages back to them.
    public static let batchLimit = 500

    /// The highest request-log id handed out so far.
    public private(set) var lastSeenID: Int64
    private var lastVersion: Int64?

    /// - Parameter lastSeenID: the newest id when the tail starts (entries up to it were loaded another way).
    public init(lastSeenID: Int64) {
        self.lastSeenID = lastSeenID
    }

    /// Records the change counter's current value; true when the database changed since the previous call
    /// (always on the first call, which may follow writes made before the counter was first read).
    public mutating func databaseChanged(version: Int64) -> Bool {
        defer { lastVersion = version }
        return lastVersion != version
    }

    /// The read to run after a change: the newest entries above `lastSeenID`, of every organization.
    public var query: RequestLogQuery {
        RequestLogQuery(afterID: lastSeenID, limit: Self.batchLimit)
    }

    /// The entries of a read that were not handed out yet, newest first; advances `lastSeenID` past them.
    public mutating func accept(_ entries: [RequestLogEntry]) -> [RequestLogEntry] {
        let fresh = entries.filter { $0.id > lastSeenID }.sorted { $0.id > $1.id }
        if let newest = fresh.first { lastSeenID = newest.id }
        return fresh
    }
}
