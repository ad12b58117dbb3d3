import ArgumentParser
import RosterSQLite

/// `roster check`: is this installation sound? For after a crash, a restore or a disk scare.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a database: integrity, schema version, orphan rows, counters against rows.",
        discussion: "Read-only, and safe while the server runs. Exits 1 when it finds a problem, and names each.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let report: SQLiteMaintenance.CheckReport
        do {
            report = try SQLiteMaintenance.check(path: store.database)
        } catch {
            throw CLIError("cannot check \(store.database): \(error)")
        }
        print("\(store.database):")
        print(Self.describe(report))
        if !report.problems.isEmpty { throw ExitCode(1) }
    }

    /// The findings as lines: what was checked, then each problem (or that there is none).
    static func describe(_ report: SQLiteMaintenance.CheckReport) -> String {
        var lines = [
            "Integrity: \(report.integrity == ["ok"] ? "ok" : "FAILED")",
            "Schema: \(report.schemaVersion) (\(report.appliedMigrations.count) of \(report.knownMigrations.count) migrations known to this build)",
            "Orphan rows: \(report.orphans.isEmpty ? "none" : "\(report.orphans.count) kinds")",
            "Counters: \(report.counterMismatches.isEmpty ? "match the rows" : "\(report.counterMismatches.count) wrong")",
        ]
        let problems = report.problems
        lines.append(problems.isEmpty ? "No problems found." : "Problems:\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
        return lines.joined(separator: "\n")
    }
}
