import Foundation
import Logging
import PostgresNIO
import RosterStore
import SCIM

/// The shared ``Store`` for several `roster serve` processes: one PostgreSQL database, through
/// PostgresNIO's connection pool.
///
/// Concurrency across servers rests on one lock: every member, team, membership and organization
/// write begins by locking its organization's row (`SELECT … FOR UPDATE`). Writes to one
/// organization are therefore serialised cluster-wide, which makes the seat check, the counters,
/// a `replace members` delta and the change feed's per-organization sequence exact without
/// retries; writes to different organizations run in parallel. Reads never lock.
///
/// Durability: a write returns after its `COMMIT`, and `synchronous_commit` is left as the server
/// has it (on by default), so an acknowledged write survives a crash of either side. Every read
/// goes to the same primary, so a client reads its own writes.
///
/// The pool's `run()` and the feed's sequencer run in a task the store owns (started by the
/// initialiser, ended by ``shutdown()`` or when the store goes away), so that short CLI commands
/// and tests need no service group around it.
public final class PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    /// The clock for `meta.created`/`lastModified` and key timestamps; injectable for tests.
    let clock: @Sendable () -> Date
    /// The pool's `run()` and the sequencer's timer.
    private let background: Task<Void, Never>
    /// The schema migration, awaited before the first statement.
    private let migration: Task<Void, any Error>
    let sequencer: FeedSequencer

    /// Connects to `url` (`postgres://user:password@host:port/database`, also `postgresql://`;
    /// query items `sslmode=disable|prefer|require` and `pool=N`, the most connections this
    /// process opens) and brings the schema up to date before the first statement.
    /// - Parameter schema: a PostgreSQL schema (namespace) of its own, created if missing, so that
    ///   several stores can share one database (the tests give every store a fresh one).
    public init(url: String, schema: String? = nil, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        var configuration = try Self.configuration(url: url)
        if let schema {
            guard schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw PostgresURLError("schema name \(schema) must be letters, digits and _")
            }
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        var logger = Logger(label: "roster.postgres")
        logger.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let sequencer = FeedSequencer(client: client, logger: logger)
        self.client = client
        self.logger = logger
        self.clock = clock
        self.sequencer = sequencer
        background = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await client.run() }
                group.addTask { await sequencer.runPeriodically() }
            }
        }
        migration = Task { try await PostgresSchema.migrate(client, schema: schema, logger: logger) }
    }

    deinit {
        background.cancel()
    }

    /// Closes the pool (cancelling `run()` closes it) and stops the sequencer.
    public func shutdown() async {
        background.cancel()
        await background.value
    }

    /// Whether `text` names a PostgreSQL database rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard isURL(url), let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
            let user = components.user, !user.isEmpty
        else {
            throw PostgresURLError("\(url) is not a PostgreSQL URL: write postgres://user:password@host:port/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let items = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let tls: PostgresClient.Configuration.TLS
        switch items["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        case let mode: throw PostgresURLError("sslmode=\(mode) is not supported: use disable, prefer or require")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: tls)
        if let pool = items["pool"] {
            guard let size = Int(pool), size > 0 else { throw PostgresURLError("pool=\(pool) must be a positive number") }
            configuration.options.maximumConnections = size
        }
        return configuration
    }

    /// Now, truncated to the millisecond precision that is stored, as a date and as stored text.
    func timestamp() -> (date: Date, text: String) {
        let text = SCIMDateTime.format(clock())
        return (StoredTime.date(text), text)
    }

    // MARK: - Transactions

    /// Waits for the schema migration started by the initialiser.
    func migrationDone() async throws {
        try await migration.value
    }

    /// Runs `body` in one transaction on a pooled connection and commits it; on error it rolls
    /// back and rethrows (database errors as SCIM errors where a client caused them). Then, for a
    /// write that may `record` events, gives the feed's sequencer a chance to number them.
    func write<T: Sendable>(events: Bool = true, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await migration.value
        let value = try await mappingDatabaseErrors {
            try await client.withConnection { connection in
                try await connection.run("BEGIN", logger)
                do {
                    let value = try await body(connection)
                    try await connection.run("COMMIT", logger)
                    return value
                } catch {
                    try? await connection.run("ROLLBACK", logger)
                    throw error
                }
            }
        }
        if events { await sequencer.sequence(wait: false) }
        return value
    }

    /// Runs `body` on a pooled connection, in one transaction when it reads more than once, so
    /// that it sees one snapshot (`REPEATABLE READ … READ ONLY`).
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await migration.value
        return try await mappingDatabaseErrors {
            try await client.withConnection { connection in
                try await connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger)
                do {
                    let value = try await body(connection)
                    try await connection.run("COMMIT", logger)
                    return value
                } catch {
                    try? await connection.run("ROLLBACK", logger)
                    throw error
                }
            }
        }
    }
}

/// A `--database` URL this store cannot use.
public struct PostgresURLError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Dates as stored: `SCIMDateTime.format` text (UTC, milliseconds), which sorts in time order in
/// the C collation, as in the SQLite store, so filters on `meta.lastModified` compare the same.
enum StoredTime {
    static func text(_ date: Date) -> String { SCIMDateTime.format(date) }

    static func text(_ date: Date?) -> String? { date.map(SCIMDateTime.format) }

    /// The stored text as a date; only text this store wrote reaches here.
    static func date(_ text: String) -> Date { SCIMDateTime.parse(text) ?? Date(timeIntervalSince1970: 0) }

    static func date(_ text: String?) -> Date? { text.map(date) }
}
