import Foundation
import GRDB

/// What an operator does to a Roster database file beside a running server: a consistent copy, and a check of an
/// installation. Both open their own connection (another process may be serving the file) and never migrate it.
public enum SQLiteMaintenance {
    /// What ``backup(from:to:)`` wrote.
    public struct BackupReport: Sendable {
        public var path: String
        public var bytes: Int
        /// Rows per table in the copy, by table name.
        public var rowCounts: [(table: String, rows: Int)]
        /// The check of the copy (integrity, schema, orphans, counters).
        public var check: CheckReport
    }

    /// The findings of ``check(path:)``; ``problems`` is empty for a healthy installation.
    public struct CheckReport: Sendable {
        /// `PRAGMA integrity_check`'s answer: `["ok"]` when the file is sound.
        public var integrity: [String]
        /// Migrations applied to the file, oldest first.
        public var appliedMigrations: [String]
        /// Migrations this build of Roster knows, oldest first.
        public var knownMigrations: [String]
        /// Rows whose foreign key names a row that does not exist, as `table → parent` with a count.
        public var orphans: [String]
        /// Stored counters that disagree with the rows they count.
        public var counterMismatches: [String]

        /// Every finding that needs attention, one line each.
        public var problems: [String] {
            var problems: [String] = []
            if integrity != ["ok"] { problems += integrity.map { "integrity: \($0)" } }
            let unknown = appliedMigrations.filter { !knownMigrations.contains($0) }
            if !unknown.isEmpty {
                problems.append("schema: migrations from a newer Roster: \(unknown.joined(separator: ", "))")
            }
            let pending = knownMigrations.filter { !appliedMigrations.contains($0) }
            if !pending.isEmpty {
                problems.append("schema: not yet migrated (the next `roster serve` applies): \(pending.joined(separator: ", "))")
            }
            problems += orphans.map { "orphan rows: \($0)" }
            problems += counterMismatches.map { "counter: \($0)" }
            return problems
        }

        /// The schema version as the last migration applied.
        public var schemaVersion: String { appliedMigrations.last ?? "none" }
    }

    public struct MaintenanceError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Copies the database at `source` to a new file at `destination` with `VACUUM INTO`: one read transaction, so
    /// the copy is the database as of one instant (every write committed before it began is in it) while a server
    /// keeps writing; then checks the copy.
    /// - Throws: when `destination` exists, or SQLite fails.
    public static func backup(from source: String, to destination: String) throws -> BackupReport {
        guard FileManager.default.fileExists(atPath: source) else {
            throw MaintenanceError(description: "there is no database at \(source)")
        }
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw MaintenanceError(description: "\(destination) already exists; back up to a new file")
        }
        let queue = try DatabaseQueue(path: source, configuration: SQLiteStore.configuration())
        try queue.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [destination]) }
        try queue.close()
        let bytes = (try FileManager.default.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.intValue ?? 0
        let copy = try DatabaseQueue(path: destination, configuration: SQLiteStore.configuration())
        defer { try? copy.close() }
        let rowCounts = try copy.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).map { table in (table, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0) }
        }
        return BackupReport(path: destination, bytes: bytes, rowCounts: rowCounts, check: try check(copy))
    }

    /// Checks the installation at `path`: integrity, the schema version against this build's migrations, rows
    /// whose parent is gone, and the counters triggers keep against the rows.
    public static func check(path: String) throws -> CheckReport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw MaintenanceError(description: "there is no database at \(path)")
        }
        let queue = try DatabaseQueue(path: path, configuration: SQLiteStore.configuration())
        defer { try? queue.close() }
        return try check(queue)
    }

    private static func check(_ queue: DatabaseQueue) throws -> CheckReport {
        try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let applied =
                try db.tableExists("grdb_migrations")
                ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") : []
            var orphans: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0]
                let parent: String = row[2]
                orphans["\(table) → \(parent)", default: 0] += 1
            }
            return CheckReport(
                integrity: integrity, appliedMigrations: applied, knownMigrations: Migrations.migrator.migrations,
                orphans: orphans.sorted { $0.key < $1.key }.map { "\($0.value) in \($0.key)" },
                counterMismatches: try counterMismatches(db))
        }
    }

    /// Counters kept by triggers, each with the query that recounts it: `(label, stored, recounted)` per row that
    /// disagrees. A counter whose table or column this schema lacks is skipped.
    private static let counters: [(label: String, sql: String)] = [
        ("organization.activeMembers", """
            SELECT o.id, o.activeMembers, (SELECT count(*) FROM member m WHERE m.organizationRowid = o.rowid AND m.active)
            FROM organization o
            """),
        ("organization.memberCount", """
            SELECT o.id, o.memberCount, (SELECT count(*) FROM member m WHERE m.organizationRowid = o.rowid)
            FROM organization o
            """),
        ("organization.teamCount", """
            SELECT o.id, o.teamCount, (SELECT count(*) FROM team t WHERE t.organizationRowid = o.rowid)
            FROM organization o
            """),
        ("team.memberCount", """
            SELECT t.id, t.memberCount, (SELECT count(*) FROM teamMembership tm WHERE tm.teamRowid = t.rowid)
            FROM team t
            """),
    ]

    private static func counterMismatches(_ db: Database) throws -> [String] {
        var mismatches: [String] = []
        for counter in counters {
            let rows: [Row]
            do {
                rows = try Row.fetchAll(db, sql: counter.sql)
            } catch {
                continue
            }
            for row in rows {
                let id: String = row[0]
                let stored: Int = row[1]
                let counted: Int = row[2]
                if stored != counted { mismatches.append("\(counter.label) of \(id) is \(stored), the rows say \(counted)") }
            }
        }
        return mismatches
    }
}
