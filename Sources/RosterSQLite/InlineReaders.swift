import GRDB
import Synchronization

/// A few read-only connections that run short reads on the calling thread, for the request
/// path's point lookups (GET by id, `userName eq`, a page of members).
///
/// Why: `DatabasePool.read` hands every read to a reader's dispatch queue and resumes the
/// caller from there. On a busy server that is three thread switches per request, which cost
/// several times the lookup itself (profiled: a GET of one member spent more time in futex wakes
/// and the scheduler than in SQLite and JSON together). A read here takes an idle connection
/// from a lock-protected list, runs one deferred transaction on the current thread and gives the
/// connection back.
///
/// Blocking a Swift-concurrency thread is acceptable for these reads only because in WAL mode
/// a reader never waits for a writer: the work is bounded by the query itself. Long reads
/// (exports, whole big teams, the request log) keep using the pool. When every connection is
/// busy the read falls back to the pool rather than wait.
final class InlineReaders: Sendable {
    private let idle: Mutex<[DatabaseQueue]>
    private let pool: DatabasePool

    /// Opens `count` read-only connections to the pool's file.
    init(pool: DatabasePool, count: Int) throws {
        var configuration = SQLiteStore.configuration(readerCacheKibibytes: Self.cacheKibibytes)
        configuration.readonly = true
        configuration.label = "roster.inline"
        var connections: [DatabaseQueue] = []
        for _ in 0..<count {
            connections.append(try DatabaseQueue(path: pool.path, configuration: configuration))
        }
        self.idle = Mutex(connections)
        self.pool = pool
    }

    /// Page cache per connection. Point lookups jump around a million-row index, so a big cache
    /// buys little; the OS page cache serves the rest.
    static let cacheKibibytes = 4096

    /// Runs `block` in one read transaction: inline on an idle connection, or on the pool when
    /// none is idle.
    func read<T: Sendable>(_ block: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard let connection = idle.withLock({ $0.popLast() }) else {
            return try await pool.read(block)
        }
        defer { idle.withLock { $0.append(connection) } }
        return try Self.readNow(on: connection, block)
    }

    /// The synchronous read (a separate function so that the synchronous `unsafeRead` is chosen).
    private static func readNow<T>(on connection: DatabaseQueue, _ block: (Database) throws -> T) throws -> T {
        try connection.unsafeRead { db in
            try db.cachedStatement(sql: "BEGIN DEFERRED").execute()
            do {
                let value = try block(db)
                try db.cachedStatement(sql: "COMMIT").execute()
                return value
            } catch {
                try? db.cachedStatement(sql: "ROLLBACK").execute()
                throw error
            }
        }
    }
}
