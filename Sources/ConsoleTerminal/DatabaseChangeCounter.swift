import Foundation
import GRDB

/// Something that tells cheaply whether a database changed: its value moves whenever another connection commits.
public protocol DatabaseChangeCounter: Sendable {
    func currentValue() throws -> Int64
}

/// SQLite's `PRAGMA data_version` on a connection of its own, read-only, that does nothing else.
///
/// The value changes when any *other* connection commits — the server's in this process, or a `roster serve` in
/// another — so it has to be a dedicated connection: a pool hands out different reader connections, whose values
/// cannot be compared. One poll costs a few microseconds and never touches a table.
public final class SQLiteDataVersion: DatabaseChangeCounter {
    private let queue: DatabaseQueue

    /// Opens a read-only connection to the database file at `path`, which must exist.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "roster.data_version"
        configuration.busyMode = .timeout(1)
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    public func currentValue() throws -> Int64 {
        try queue.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
