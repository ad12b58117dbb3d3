import ArgumentParser
import Foundation
import RosterSQLite
import RosterStore
import SCIM

/// `--database`, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp("The SQLite database file (created if missing; default: ./roster.sqlite; $ROSTER_DATABASE).", valueName: "path"))
    var databaseFlag: String?

    /// The flag, else `ROSTER_DATABASE`, else `./roster.sqlite` (`serve` also reads its config file; see ``ServeSetting``).
    var database: String {
        databaseFlag ?? ProcessInfo.processInfo.environment["ROSTER_DATABASE"] ?? "./roster.sqlite"
    }

    func openStore() throws -> any Store {
        try Self.openStore(path: database)
    }

    static func openStore(path: String) throws -> any Store {
        do {
            return try SQLiteStore.open(path: path)
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
