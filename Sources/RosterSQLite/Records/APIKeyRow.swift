import Foundation
import GRDB
import RosterStore

/// Reading and writing `apiKey` rows (the hash is read only by authentication).
enum APIKeyRow {
    static let columns = columns(nil)
    static let columnCount = 8

    /// The columns ``key(_:offset:)`` reads, qualified by `alias` when given.
    static func columns(_ alias: String?) -> String {
        ["id", "organizationId", "label", "prefix", "createdAt", "lastUsedAt", "expiresAt", "revokedAt"]
            .map { column in (alias.map { "\($0)." } ?? "") + column }.joined(separator: ", ")
    }

    /// A key from a row selected with ``columns`` (starting at `offset`).
    static func key(_ row: Row, offset: Int = 0) -> APIKey {
        APIKey(
            id: row[offset], organizationID: row[offset + 1], label: row[offset + 2], prefix: row[offset + 3],
            createdAt: StoredTime.date(row[offset + 4] as String), lastUsedAt: StoredTime.date(row[offset + 5] as String?),
            expiresAt: StoredTime.date(row[offset + 6] as String?), revokedAt: StoredTime.date(row[offset + 7] as String?))
    }

    /// The key whose id or visible prefix is `idOrPrefix`.
    static func fetch(_ db: Database, idOrPrefix: String) throws -> APIKey? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM apiKey WHERE id = ?1 OR prefix = ?1")
        return try Row.fetchOne(statement, arguments: [idOrPrefix]).map { key($0) }
    }

    static func insert(_ db: Database, _ key: APIKey, hash: [UInt8]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO apiKey (id, organizationId, label, prefix, hash, createdAt, lastUsedAt, expiresAt, revokedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            key.id, key.organizationID, key.label, key.prefix, Data(hash), StoredTime.text(key.createdAt),
            StoredTime.text(key.lastUsedAt), StoredTime.text(key.expiresAt), StoredTime.text(key.revokedAt),
        ])
    }
}
