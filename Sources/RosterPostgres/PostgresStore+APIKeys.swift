import Foundation
import Logging
import PostgresNIO
import RosterStore
import SCIM

extension PostgresStore {
    public func createAPIKey(organizationID: String, label: String, expiresAt: Date?, actor: ChangeActor) async throws -> NewAPIKey {
        let now = timestamp()
        let logger = logger
        return try await write(events: false) { db in
            guard try await OrganizationRow.rowid(db, id: organizationID, logger) != nil else {
                throw SCIMError.notFound("Organization \(organizationID) not found")
            }
            let new = try await Self.insertNewKey(db, organizationID: organizationID, label: label, expiresAt: expiresAt, now: now.date, logger)
            try await Self.appendAudit(AuditEntries.keyCreated(new.key, by: actor, at: now.date), db, logger)
            return new
        }
    }

    public func apiKeys(organizationID: String) async throws -> [APIKey] {
        let logger = logger
        return try await read { db in
            try await db.rows(
                PostgresQuery(
                    unsafeSQL: "SELECT \(APIKeyRow.columns) FROM apiKey WHERE organizationId = $1 ORDER BY createdAt, id",
                    binds: binds(organizationID)), logger
            ).map { try APIKeyRow.key($0) }
        }
    }

    public func apiKey(idOrPrefix: String) async throws -> APIKey? {
        let logger = logger
        return try await read { db in try await APIKeyRow.fetch(db, idOrPrefix: idOrPrefix, logger) }
    }

    public func authenticate(secret: String, at now: Date) async throws -> (key: APIKey, organization: Organization)? {
        guard let prefix = APIKeySecret.prefix(of: secret) else { return nil }
        let logger = logger
        let found = try await read { db -> (APIKey, Organization, Data)? in
            let sql = """
                SELECT \(OrganizationRow.columns.split(separator: ",").map { "o.\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")),
                    k.hash, \(APIKeyRow.columns.split(separator: ",").map { "k.\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", "))
                FROM apiKey AS k JOIN organization AS o ON o.id = k.organizationId
                WHERE k.prefix = $1
                """
            guard let row = try await db.row(PostgresQuery(unsafeSQL: sql, binds: binds(prefix)), logger) else { return nil }
            return (try APIKeyRow.key(row, offset: 8), try OrganizationRow.organization(row), try row.get(7, as: Data.self))
        }
        guard let (key, organization, hash) = found, APIKeySecret.matches(secret, storedHash: hash), key.isUsable(at: now) else {
            return nil
        }
        return (key, organization)
    }

    public func rotateAPIKey(id: String, grace: TimeInterval, at now: Date, actor: ChangeActor) async throws -> NewAPIKey {
        let logger = logger
        return try await write(events: false) { db in
            guard let old = try await APIKeyRow.fetch(db, idOrPrefix: id, forUpdate: true, logger) else {
                throw SCIMError.notFound("API key \(id) not found")
            }
            let end = try APIKeyRules.rotate(old, grace: grace, at: now)
            let rotated = try await Self.insertNewKey(db, organizationID: old.organizationID, label: old.label, expiresAt: nil, now: now, logger)
            switch end {
            case .revoked(let time):
                try await db.run("UPDATE apiKey SET revokedAt = \(StoredTime.text(time)) WHERE id = \(old.id)", logger)
            case .expires(let time):
                try await db.run("UPDATE apiKey SET expiresAt = \(StoredTime.text(time)) WHERE id = \(old.id)", logger)
            }
            try await Self.appendAudit(AuditEntries.keyRotated(old, to: rotated.key, grace: grace, by: actor, at: now), db, logger)
            return rotated
        }
    }

    public func revokeAPIKey(id: String, at now: Date, actor: ChangeActor) async throws {
        let logger = logger
        try await write(events: false) { db in
            guard let key = try await APIKeyRow.fetch(db, idOrPrefix: id, forUpdate: true, logger) else {
                throw SCIMError.notFound("API key \(id) not found")
            }
            // Revoking twice keeps the first time.
            try await db.run("UPDATE apiKey SET revokedAt = coalesce(revokedAt, \(StoredTime.text(now))) WHERE id = \(key.id)", logger)
            try await Self.appendAudit(AuditEntries.keyRevoked(key, by: actor, at: now), db, logger)
        }
    }

    public func recordKeyUse(_ lastUsed: [String: Date]) async throws {
        guard !lastUsed.isEmpty else { return }
        // In id order, so that two servers flushing overlapping batches lock the rows in the same
        // order and never deadlock.
        let ids = lastUsed.keys.sorted()
        let times = ids.map { StoredTime.text(lastUsed[$0]!) }
        let logger = logger
        try await write(events: false) { db in
            // One statement for the batch; keeps the later time when batches arrive out of order
            // (from this server or another).
            try await db.run(
                """
                UPDATE apiKey AS k SET lastUsedAt = greatest(coalesce(k.lastUsedAt, ''), u.time)
                FROM unnest(\(ids)::text[], \(times)::text[]) AS u(id, time) WHERE k.id = u.id
                """, logger)
        }
    }

    /// Generates a key and stores its hash. A prefix collision (one in 2.8 trillion per pair)
    /// draws again, in a savepoint so that the transaction survives the failed insert.
    private static func insertNewKey(
        _ db: PostgresConnection, organizationID: String, label: String, expiresAt: Date?, now: Date, _ logger: Logger
    ) async throws -> NewAPIKey {
        var attempts = 0
        while true {
            let (secret, prefix) = APIKeySecret.generate()
            let key = APIKey(
                id: ResourceID.make(at: now), organizationID: organizationID, label: label, prefix: prefix,
                createdAt: StoredTime.date(StoredTime.text(now)), expiresAt: expiresAt.map { StoredTime.date(StoredTime.text($0)) })
            try await db.run("SAVEPOINT new_key", logger)
            do {
                try await db.run(
                    """
                    INSERT INTO apiKey (id, organizationId, label, prefix, hash, createdAt, expiresAt)
                    VALUES (\(key.id), \(key.organizationID), \(key.label), \(key.prefix), \(Data(APIKeySecret.hash(secret))),
                        \(StoredTime.text(key.createdAt)), \(StoredTime.text(key.expiresAt)))
                    """, logger)
                try await db.run("RELEASE SAVEPOINT new_key", logger)
                return NewAPIKey(key: key, secret: secret)
            } catch let error as PSQLError where error.sqlState == SQLState.uniqueViolation && attempts < 3 {
                try await db.run("ROLLBACK TO SAVEPOINT new_key", logger)
                attempts += 1
            }
        }
    }
}

/// Reading `apiKey` rows (the hash is read only by authentication).
enum APIKeyRow {
    static let columns = "id, organizationId, label, prefix, createdAt, lastUsedAt, expiresAt, revokedAt"

    /// A key from a row selected with ``columns`` (starting at `offset`).
    static func key(_ row: PostgresRandomAccessRow, offset: Int = 0) throws -> APIKey {
        APIKey(
            id: try row.get(offset), organizationID: try row.get(offset + 1), label: try row.get(offset + 2),
            prefix: try row.get(offset + 3), createdAt: StoredTime.date(try row.get(offset + 4, as: String.self)),
            lastUsedAt: StoredTime.date(try row.get(offset + 5, as: String?.self)),
            expiresAt: StoredTime.date(try row.get(offset + 6, as: String?.self)),
            revokedAt: StoredTime.date(try row.get(offset + 7, as: String?.self)))
    }

    /// The key whose id or visible prefix is `idOrPrefix`, locked for the transaction when asked.
    static func fetch(_ db: PostgresConnection, idOrPrefix: String, forUpdate: Bool = false, _ logger: Logger) async throws -> APIKey? {
        let sql = "SELECT \(columns) FROM apiKey WHERE id = $1 OR prefix = $1" + (forUpdate ? " FOR UPDATE" : "")
        return try await db.row(PostgresQuery(unsafeSQL: sql, binds: binds(idOrPrefix)), logger).map { try key($0) }
    }
}
