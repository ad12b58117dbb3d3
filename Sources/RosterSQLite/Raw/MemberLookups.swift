import SCIM
import Synchronization

/// The reads of one member that clients send most — `GET /Users/{id}` and the `userName eq "…"`
/// look-up Okta makes before every create — as the member's stored form and its teams, in one
/// read transaction, on ``RawConnection``s lent one caller at a time and run on the calling
/// thread.
///
/// Why not GRDB here: profiled at 1,000,000 members, GRDB's share of a lookup by id — the
/// cached-statement lookup by SQL text, boxed arguments, a `Row` that lowercases column names,
/// the connection's dispatch queue — was larger than SQLite's own (~4.7 µs against ~4.9 µs); a
/// `userName eq` page through the general list path also built its SQL, a cursor-cache key and
/// a count for what is one probe of a unique index. Every other read keeps GRDB. Blocking the
/// calling thread is bounded the same way as for ``InlineReaders``: in WAL mode a reader never
/// waits for a writer.
///
/// Read snapshots are reused: a connection keeps its read transaction from one lookup to the
/// next while this process has committed nothing since it began (``CommitCounter``) and for at
/// most ``snapshotLifetime``. Why: beginning and ending a read transaction takes and releases a
/// lock on the WAL index (an `fcntl` on the `-shm` file when no other connection of the process
/// holds the same one) and revalidates the page cache; under load that was ~3 µs of a ~42 µs
/// `GET /Users/{id}` at 1,000,000 members. What a client sees does not change: a write this
/// server acknowledged is in every lookup that starts after it (its commit is counted before
/// the write returns). A write by another process on the same file (an attached console) is
/// seen within ``snapshotLifetime``, and an idle connection gives its snapshot up after it (a
/// held snapshot keeps SQLite from checkpointing past it and from restarting the WAL).
final class MemberLookups: Sendable {
    /// The longest a connection keeps one read snapshot.
    static let snapshotLifetime: Duration = .milliseconds(10)

    private struct Idle {
        var lookups: [Lookup] = []
        /// Whether a ``sweep()`` is due.
        var sweepScheduled = false
    }

    private let path: String
    private let cacheKibibytes: Int
    /// The commits of this process, which end a snapshot that began before them.
    let commits: CommitCounter
    private let idle = Mutex(Idle())

    init(path: String, cacheKibibytes: Int, commits: CommitCounter) {
        self.path = path
        self.cacheKibibytes = cacheKibibytes
        self.commits = commits
    }

    /// The organization's member `id` as stored, with its teams; nil when it has no such member.
    func storedMember(organizationID: String, id: String) throws -> StoredMember? {
        try withLookup { try $0.storedMember(.id, organizationID: organizationID, key: id) }
    }

    /// The organization's member whose `userName` folds to `userNameKey` (``CaseFolding/key(_:)``),
    /// as stored, with its teams; nil when it has none. At most one: the key is unique.
    func storedMember(organizationID: String, userNameKey: String) throws -> StoredMember? {
        try withLookup { try $0.storedMember(.userNameKey, organizationID: organizationID, key: userNameKey) }
    }

    private func withLookup<T>(_ body: (Lookup) throws -> T) throws -> T {
        // A new connection when every one is lent: as many exist as lookups ever ran at once,
        // which the cooperative thread pool bounds.
        let lookup = try idle.withLock { $0.lookups.popLast() } ?? Lookup(path: path, cacheKibibytes: cacheKibibytes)
        defer { giveBack(lookup) }
        return try lookup.inSnapshot(commits: commits.current, now: .now, lifetime: Self.snapshotLifetime) {
            try body(lookup)
        }
    }

    private func giveBack(_ lookup: Lookup) {
        let schedules = idle.withLock { idle in
            idle.lookups.append(lookup)
            guard lookup.hasSnapshot, !idle.sweepScheduled else { return false }
            idle.sweepScheduled = true
            return true
        }
        if schedules { scheduleSweep() }
    }

    private func scheduleSweep() {
        Task.detached { [weak self] in
            try? await Task.sleep(for: Self.snapshotLifetime)
            self?.sweep()
        }
    }

    /// Ends the snapshots that idle connections have held for their lifetime, so that an idle
    /// server holds none; comes back while any is still open.
    private func sweep() {
        let openedBefore = ContinuousClock.now - Self.snapshotLifetime
        let again = idle.withLock { idle -> Bool in
            for lookup in idle.lookups { try? lookup.endSnapshot(ifOpenedBefore: openedBefore) }
            idle.sweepScheduled = idle.lookups.contains { $0.hasSnapshot }
            return idle.sweepScheduled
        }
        if again { scheduleSweep() }
    }

    /// The column a lookup matches, each backed by a unique index.
    enum Key: CaseIterable {
        case id, userNameKey

        /// The organization's member whose column equals `?`, the organization by its public id
        /// `?`, one row per team of the member in team creation order (one row with NULL team
        /// columns when it has none): id, stored text, times, version, userName, then the team's
        /// id and name. One statement rather than the member's and then its teams': each statement
        /// run is its own cursors and allocations. The covering index `teamMembership_member
        /// (memberRowid, teamRowid)` yields the teams in order, so nothing is sorted.
        var sql: String {
            let match = self == .id ? "m.id = ?1" : "m.organizationRowid = o.rowid AND m.userNameKey = ?1"
            return """
                SELECT m.id, m.attributes, m.createdAt, m.lastModified, m.version, m.userName, tt.id, tt.displayName
                FROM member AS m JOIN organization AS o ON o.rowid = m.organizationRowid
                LEFT JOIN teamMembership AS tm ON tm.memberRowid = m.rowid LEFT JOIN team AS tt ON tt.rowid = tm.teamRowid
                WHERE \(match) AND o.id = ?2 ORDER BY tm.teamRowid
                """
        }
    }
}

/// One connection, the statements of the lookups, and the read snapshot it holds between them.
private final class Lookup: @unchecked Sendable {
    private let connection: RawConnection
    private let byID: RawStatement
    private let byUserNameKey: RawStatement
    private let begin: RawStatement
    private let end: RawStatement
    /// The open read transaction: the commit count read before it began, and when it began.
    private var snapshot: (commits: UInt64, openedAt: ContinuousClock.Instant)?

    init(path: String, cacheKibibytes: Int) throws {
        connection = try RawConnection(path: path, busyMilliseconds: 5000, cacheKibibytes: cacheKibibytes)
        byID = try connection.prepare(MemberLookups.Key.id.sql)
        byUserNameKey = try connection.prepare(MemberLookups.Key.userNameKey.sql)
        begin = try connection.prepare("BEGIN")
        end = try connection.prepare("COMMIT")
    }

    var hasSnapshot: Bool { snapshot != nil }

    /// Runs `body` in the open snapshot when it is still current — no commit since it began
    /// (`commits` is the count now) and younger than `lifetime` — else in a new one. A failed
    /// `body` ends the snapshot, so that no error state outlives the lookup that met it.
    func inSnapshot<T>(
        commits: UInt64, now: ContinuousClock.Instant, lifetime: Duration, _ body: () throws -> T
    ) throws -> T {
        if let snapshot, snapshot.commits != commits || now - snapshot.openedAt >= lifetime {
            try endSnapshot()
        }
        if snapshot == nil {
            // Deferred: SQLite takes the snapshot at the first read, after `commits` was read.
            try begin.run()
            snapshot = (commits, now)
        }
        do {
            return try body()
        } catch {
            try? endSnapshot()
            throw error
        }
    }

    /// Ends the snapshot if it began before `instant`.
    func endSnapshot(ifOpenedBefore instant: ContinuousClock.Instant) throws {
        guard let snapshot, snapshot.openedAt < instant else { return }
        try endSnapshot()
    }

    private func endSnapshot() throws {
        guard snapshot != nil else { return }
        try end.run()
        snapshot = nil
    }

    /// The member and its teams, read in the caller's snapshot (``inSnapshot(commits:now:lifetime:_:)``).
    func storedMember(_ key: MemberLookups.Key, organizationID: String, key value: String) throws -> StoredMember? {
        let rows = key == .id ? byID : byUserNameKey
        defer { rows.reset() }
        rows.bind(value, at: 1)
        rows.bind(organizationID, at: 2)
        guard try rows.step() else { return nil }
        var member = StoredMember(
            id: rows.text(0), attributesJSON: rows.text(1), created: rows.text(2), lastModified: rows.text(3),
            version: Int(rows.int64(4)), userName: rows.text(5), groups: [])
        guard !rows.isNull(6) else { return member }
        repeat {
            member.groups.append(GroupRef(value: rows.text(6), display: rows.isNull(7) ? nil : rows.text(7)))
        } while try rows.step()
        return member
    }
}
