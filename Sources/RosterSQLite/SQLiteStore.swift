import CSQLiteSettings
import Foundation
import GRDB
import RosterStore
import SCIM

/// The embedded default ``Store``: one SQLite file in WAL mode, through GRDB.
///
/// Durability: every write method is one immediate transaction, committed before it returns.
/// The connection runs `synchronous=NORMAL`, which in WAL mode survives a killed process
/// (`kill -9`, a crash) without losing a committed transaction; only a power loss or kernel crash
/// can lose the last few commits (<https://www.sqlite.org/pragma.html#pragma_synchronous>).
///
/// A second process (the console attached to a running server) may open the same file: writes
/// wait up to 5 s for the other's lock, and counters are kept by triggers so they stay exact
/// whichever process writes.
public final class SQLiteStore: Store {
    /// The only connection pool to the file in this process (GRDB's "connect once" rule).
    public let pool: DatabasePool
    /// Connections for short reads on the request path (see ``InlineReaders``).
    let inline: InlineReaders
    /// Connections for the hottest reads, a member by id or by `userName` (see ``MemberLookups``).
    let lookups: MemberLookups
    /// The transactions member and team writes share (see ``GroupCommit``).
    let groupCommit: GroupCommit
    /// Keyset cursors and totals of recent list pages (see ``CursorCache``).
    let cursors = CursorCache()
    /// The clock for `meta.created`/`lastModified` and key timestamps; injectable for tests.
    let clock: @Sendable () -> Date
    /// A file this store made for itself and removes when it goes away.
    private let temporaryPath: String?

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public static func open(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws -> SQLiteStore {
        try SQLiteStore(pool: DatabasePool(path: path, configuration: configuration()), clock: clock, temporaryPath: nil)
    }

    /// A store on a fresh file in the temporary directory, deleted when the store is released:
    /// for tests and `--ephemeral` runs. A file (not `:memory:`) so that WAL readers and the
    /// writer behave as in production.
    public static func temporary(clock: @escaping @Sendable () -> Date = { Date() }) throws -> SQLiteStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString).sqlite").path
        return try SQLiteStore(pool: DatabasePool(path: path, configuration: configuration()), clock: clock, temporaryPath: path)
    }

    private init(pool: DatabasePool, clock: @escaping @Sendable () -> Date, temporaryPath: String?) throws {
        self.pool = pool
        self.clock = clock
        self.inline = try InlineReaders(pool: pool, count: max(2, ProcessInfo.processInfo.activeProcessorCount))
        self.lookups = MemberLookups(
            path: pool.path, cacheKibibytes: InlineReaders.cacheKibibytes, commits: try CommitCounter(counting: pool))
        self.groupCommit = GroupCommit(pool: pool)
        self.temporaryPath = temporaryPath
        try Migrations.migrator.migrate(pool)
    }

    deinit {
        guard let temporaryPath else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporaryPath + suffix) }
    }

    /// The connection setup every Roster database uses (the console's read-only attach included).
    public static func configuration(readerCacheKibibytes: Int = 8192) -> Configuration {
        _ = processSettings
        var config = Configuration()
        config.label = "roster"
        config.foreignKeysEnabled = true
        // Wait for another process's write lock instead of failing at once.
        config.busyMode = .timeout(5)
        // (GRDB 7 opens write transactions with BEGIN IMMEDIATE: the lock is taken, and waited
        // for, up front rather than on a read-to-write upgrade that could fail at once.)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Page cache: 16 MB for the writer, whose bulk writes (seeding, big teams) thrash in
            // the default 2 MB over the ~150 MB of member indexes of a 1M-member database (seeding
            // 1M members takes the same ~30 s with 16 MB as with 32 MB); less for each reader,
            // whose lookups mostly miss anyway and are served by the OS page cache. Every
            // connection's cache counts in the server's memory, which is meant to stay under
            // 150 MB at 1M members: with 32 MB for the writer, a mixed load peaked at 154–160 MB,
            // with 16 MB at 136–139 MB.
            try db.execute(sql: "PRAGMA cache_size = -\(db.configuration.readonly ? readerCacheKibibytes : 16384)")
            db.add(function: foldFunction)
        }
        return config
    }

    /// Applied once, before the process's first connection: SQLite's memory statistics off. Roster
    /// never reads them, and they take a process-wide mutex around every allocation SQLite makes,
    /// on every thread, the request log's writer included (measured at 1,000,000 members: a
    /// `GET /Users/{id}` went from 45.6–48 to 42.8–43.3 µs of CPU without them).
    private static let processSettings: Void = { _ = roster_sqlite_disable_memory_statistics() }()

    /// `scim_fold(text)`: ``CaseFolding/key(_:)`` in SQL, for case-insensitive comparison of
    /// attributes that have no key column. Non-text values pass through unchanged.
    static let foldFunction = DatabaseFunction("scim_fold", argumentCount: 1, pure: true) { values in
        if case .string(let text) = values[0].storage { return CaseFolding.key(text) }
        return values[0]
    }

    /// `PRAGMA integrity_check`: `"ok"` for a sound file, otherwise SQLite's list of problems.
    public func integrityCheck() throws -> String {
        try pool.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
        }
    }

    /// Now, truncated to the millisecond precision that is stored, as a date and as stored text.
    func timestamp() -> (date: Date, text: String) {
        let text = SCIMDateTime.format(clock())
        return (StoredTime.date(text), text)
    }
}
