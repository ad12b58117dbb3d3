import Logging
import PostgresNIO

/// The two ways the store runs a statement: for its rows, or for its effect.
extension PostgresConnection {
    /// All rows of `query`, each readable by column position.
    func rows(_ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    /// The first row of `query`, if any.
    func row(_ query: PostgresQuery, _ logger: Logger) async throws -> PostgresRandomAccessRow? {
        try await rows(query, logger).first
    }

    /// Runs `query`, discarding any rows. (PostgresNIO's async API does not report affected
    /// rows: a statement whose count matters says `RETURNING` and is read with ``rows(_:_:)``.)
    func run(_ query: PostgresQuery, _ logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}

extension PostgresRandomAccessRow {
    /// Column `index` decoded as `T` (an optional type for a nullable column).
    func get<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        try self[index].decode(T.self)
    }
}
