import ArgumentParser
import Foundation
import RosterSQLite

/// `roster backup`: a consistent copy of the database while the server keeps running, checked before it is called
/// good.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to a new file while the server runs, then verify the copy.",
        discussion: """
            The copy is made with SQLite's VACUUM INTO in one read transaction: it holds every write \
            committed before it began, and a running server keeps answering meanwhile. The copy is then \
            checked (integrity, schema, orphan rows, counters) and its tables counted. Exits 1 when the \
            check finds a problem. To restore, stop the server and put the copy in place of the database \
            file (remove the old -wal and -shm files beside it). For PostgreSQL use pg_dump instead: \
            pg_dump --format=custom --file roster.dump "$DATABASE_URL".
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("The file to write (must not exist).", valueName: "file")) var to: String

    func run() throws {
        let source = store.database
        if source.hasPrefix("postgres://") || source.hasPrefix("postgresql://") {
            throw CLIError("\(source) is PostgreSQL: back it up with pg_dump --format=custom --file roster.dump '\(source)'")
        }
        let report: SQLiteMaintenance.BackupReport
        do {
            report = try SQLiteMaintenance.backup(from: source, to: to)
        } catch {
            throw CLIError("cannot back up \(source) to \(to): \(error)")
        }
        print("Backed up \(source) to \(report.path) (\(ByteCountFormatter.string(fromByteCount: Int64(report.bytes), countStyle: .file))).")
        print(Check.describe(report.check))
        print("Rows:")
        let width = report.rowCounts.map(\.table.count).max() ?? 0
        for (table, rows) in report.rowCounts {
            print("  \(table.padding(toLength: width, withPad: " ", startingAt: 0))  \(rows)")
        }
        if !report.check.problems.isEmpty { throw ExitCode(1) }
    }
}
