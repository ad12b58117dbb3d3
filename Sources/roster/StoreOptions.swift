import ArgumentParser
import Foundation
import RosterPostgres
import RosterSQLite
import RosterStore
import SCIM

/// `--database`, shared by every command: an SQLite file, or a PostgreSQL URL shared by several
/// servers (`postgres://user:password@host:port/database`, also `postgresql://`).
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "The SQLite database file (created if missing; default: ./roster.sqlite; $ROSTER_DATABASE), or a PostgreSQL URL "
                + "(postgres://user:password@host:port/db).",
            valueName: "path-or-url"))
    var databaseFlag: String?

    /// The flag, else `ROSTER_DATABASE`, else `./roster.sqlite` (`serve` also reads its config file; see ``ServeSetting``).
    var database: String {
        databaseFlag ?? ProcessInfo.processInfo.environment["ROSTER_DATABASE"] ?? "./roster.sqlite"
    }

    /// Whether `--database` names a PostgreSQL database.
    var isPostgres: Bool { PostgresStore.isURL(database) }

    func openStore() throws -> any Store {
        try Self.openStore(path: database)
    }

    /// The store `path` names. A PostgreSQL store connects and migrates its schema in the
    /// background; its first statement waits for that and reports a failure to reach the database.
    static func openStore(path: String) throws -> any Store {
        do {
            return PostgresStore.isURL(path) ? try PostgresStore(url: path) : try SQLiteStore.open(path: path)
        } catch {
            throw CLIError("cannot open database \(path): \(error)")
        }
    }
}

/// A one-line error for the terminal: ArgumentParser prints `Error: <description>` and exits 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension CLIError {
    /// Runs a command body, turning store errors into their human detail (`Error: An organization
    /// named "Acme" already exists…`) instead of the SCIM status line.
    static func mapping(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as SCIMError {
            throw CLIError(error.detail)
        }
    }
}
