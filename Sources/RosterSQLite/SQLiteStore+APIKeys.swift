import Foundation
import GRDB
import RosterStore
import SCIM

extension SQLiteStore {
    public func createAPIKey(organizationID: String, label: String, expiresAt: Date?, actor: ChangeActor) async throws -> NewAPIKey {
        let now = timestamp()
        return try await pool.write { db in
            _ = try OrganizationRow.require(db, id: organizationID)
            let new = try Self.insertNewKey(db, organizationID: organizationID, label: label, expiresAt: expiresAt, now: now.date)
            try Self.appendAudit(AuditEntries.keyCreated(new.key, by: actor, at: now.date), db)
            return new
        }
    }

    public func apiKeys(organizationID: String) async throws -> [APIKey] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(APIKeyRow.columns) FROM apiKey WHERE organizationId = ? ORDER BY createdAt, id",
                arguments: [organizationID]
            ).map { APIKeyRow.key($0) }
        }
    }

    public func apiKey(idOrPrefix: String) async throws -> APIKey? {
        try await pool.read { db in try APIKeyRow.fetch(db, idOrPrefix: idOrPrefix) }
    }

    public func authenticate(secret: String, at now: Date) async throws -> (key: APIKey, organization: Organization)? {
        guard let prefix = APIKeySecret.prefix(of: secret) else { return nil }
        let found = try await pool.read { db -> (APIKey, Organization, Data)? in
            let statement = try db.cachedStatement(sql: Self.authenticationSQL)
            guard let row = try Row.fetchOne(statement, arguments: [prefix]) else { return nil }
            let hashIndex = APIKeyRow.columnCount
            return (APIKeyRow.key(row), OrganizationRow.organization(row, offset: hashIndex + 1), row[hashIndex])
        }
        guard let (key, organization, hash) = found, APIKeySecret.matches(secret, storedHash: hash), key.isUsable(at: now) else {
            return nil
        }
        return (key, organization)
    }

    public func rotateAPIKey(id: String, grace: TimeInterval, at now: Date, actor: ChangeActor) async throws -> NewAPIKey {
        try await pool.write { db in
            guard let old = try APIKeyRow.fetch(db, idOrPrefix: id) else { throw SCIMError.notFound("API key \(id) not found") }
            let end = try APIKeyRules.rotate(old, grace: grace, at: now)
            let rotated = try Self.insertNewKey(db, organizationID: old.organizationID, label: old.label, expiresAt: nil, now: now)
            switch end {
            case .revoked(let time):
                try db.execute(sql: "UPDATE apiKey SET revokedAt = ? WHERE id = ?", arguments: [StoredTime.text(time), old.id])
            case .expires(let time):
                try db.execute(sql: "UPDATE apiKey SET expiresAt = ? WHERE id = ?", arguments: [StoredTime.text(time), old.id])
            }
            try Self.appendAudit(AuditEntries.keyRotated(old, to: rotated.key, grace: grace, by: actor, at: now), db)
            return rotated
        }
    }

    public func revokeAPIKey(id: String, at now: Date, actor: ChangeActor) async throws {
        try await pool.write { db in
            guard let key = try APIKeyRow.fetch(db, idOrPrefix: id) else { throw SCIMError.notFound("API key \(id) not found") }
            // Revoking twice keeps the first time.
            try db.execute(
                sql: "UPDATE apiKey SET revokedAt = coalesce(revokedAt, ?) WHERE id = ?", arguments: [StoredTime.text(now), key.id])
            try Self.appendAudit(AuditEntries.keyRevoked(key, by: actor, at: now), db)
        }
    }

    public func recordKeyUse(_ lastUsed: [String: Date]) async throws {
        guard !lastUsed.isEmpty else { return }
        try await pool.write { db in
            // Keeps the later time when batches arrive out of order.
            let statement = try db.cachedStatement(
                sql: "UPDATE apiKey SET lastUsedAt = max(coalesce(lastUsedAt, ''), ?1) WHERE id = ?2")
            for (id, time) in lastUsed { try statement.execute(arguments: [StoredTime.text(time), id]) }
        }
    }

    /// The key, its hash and its organization, by visible prefix: one indexed lookup per request.
    private static let authenticationSQL = """
        SELECT \(APIKeyRow.columns("k")), k.hash, \(OrganizationRow.columns("o"))
        FROM apiKey AS k JOIN organization AS o ON o.id = k.organizationId
        WHERE k.prefix = ?
        """

    /// Generates a key and stores its hash. A prefix collision (one in 2.8 trillion per pair)
    /// draws again.
    private static func insertNewKey(_ db: Database, organizationID: String, label: String, expiresAt: Date?, now: Date) throws -> NewAPIKey {
        var attempts = 0
        while true {
            let (secret, prefix) = APIKeySecret.generate()
            let key = APIKey(
                id: ResourceID.make(at: now), organizationID: organizationID, label: label, prefix: prefix,
                createdAt: StoredTime.date(StoredTime.text(now)), expiresAt: expiresAt.map { StoredTime.date(StoredTime.text($0)) })
            do {
                try APIKeyRow.insert(db, key, hash: APIKeySecret.hash(secret))
                return NewAPIKey(key: key, secret: secret)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && attempts < 3 {
                attempts += 1
            }
        }
    }
}
