import Foundation
import GRDB
import RosterStore
import SCIM

extension SQLiteStore {
    public func createAppKey(organizationID: String?, label: String, actor: ChangeActor) async throws -> NewAppKey {
        let now = timestamp()
        return try await pool.write { db in
            if let organizationID { _ = try OrganizationRow.require(db, id: organizationID) }
            let new = try Self.insertNewAppKey(db, organizationID: organizationID, label: label, now: now.date)
            try Self.appendAudit(AuditEntries.appKeyCreated(new.key, by: actor, at: now.date), db)
            return new
        }
    }

    public func appKeys() async throws -> [AppKey] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(AppKeyRow.columns) FROM appKey ORDER BY createdAt, id").map { AppKeyRow.key($0) }
        }
    }

    public func appKey(idOrPrefix: String) async throws -> AppKey? {
        try await pool.read { db in try AppKeyRow.fetch(db, idOrPrefix: idOrPrefix) }
    }

    public func authenticateApp(secret: String, at now: Date) async throws -> AppKey? {
        guard let prefix = APIKeySecret.prefix(of: secret, scheme: APIKeySecret.applicationScheme) else { return nil }
        let found = try await pool.read { db -> (AppKey, Data)? in
            let statement = try db.cachedStatement(sql: "SELECT \(AppKeyRow.columns), hash FROM appKey WHERE prefix = ?")
            return try Row.fetchOne(statement, arguments: [prefix]).map { (AppKeyRow.key($0), $0[AppKeyRow.columnCount]) }
        }
        guard let (key, hash) = found, APIKeySecret.matches(secret, storedHash: hash), key.isUsable(at: now) else { return nil }
        // Feed readers poll: one small write per poll keeps "last used" exact without a cache.
        try await pool.write { db in
            try db.execute(sql: "UPDATE appKey SET lastUsedAt = ? WHERE id = ?", arguments: [StoredTime.text(now), key.id])
        }
        return key
    }

    public func rotateAppKey(id: String, grace: TimeInterval, at now: Date, actor: ChangeActor) async throws -> NewAppKey {
        try await pool.write { db in
            guard let old = try AppKeyRow.fetch(db, idOrPrefix: id) else { throw SCIMError.notFound("Application key \(id) not found") }
            let end = try APIKeyRules.rotate(old, grace: grace, at: now)
            let rotated = try Self.insertNewAppKey(db, organizationID: old.organizationID, label: old.label, now: now)
            switch end {
            case .revoked(let time):
                try db.execute(sql: "UPDATE appKey SET revokedAt = ? WHERE id = ?", arguments: [StoredTime.text(time), old.id])
            case .expires(let time):
                try db.execute(sql: "UPDATE appKey SET expiresAt = ? WHERE id = ?", arguments: [StoredTime.text(time), old.id])
            }
            try Self.appendAudit(AuditEntries.appKeyRotated(old, to: rotated.key, grace: grace, by: actor, at: now), db)
            return rotated
        }
    }

    public func revokeAppKey(id: String, at now: Date, actor: ChangeActor) async throws {
        try await pool.write { db in
            guard let key = try AppKeyRow.fetch(db, idOrPrefix: id) else { throw SCIMError.notFound("Application key \(id) not found") }
            try db.execute(
                sql: "UPDATE appKey SET revokedAt = coalesce(revokedAt, ?) WHERE id = ?", arguments: [StoredTime.text(now), key.id])
            try Self.appendAudit(AuditEntries.appKeyRevoked(key, by: actor, at: now), db)
        }
    }

    private static func insertNewAppKey(_ db: Database, organizationID: String?, label: String, now: Date) throws -> NewAppKey {
        var attempts = 0
        while true {
            let (secret, prefix) = APIKeySecret.generate(scheme: APIKeySecret.applicationScheme)
            let key = AppKey(
                id: ResourceID.make(at: now), organizationID: organizationID, label: label, prefix: prefix,
                createdAt: StoredTime.date(StoredTime.text(now)))
            do {
                try db.execute(
                    sql: """
                        INSERT INTO appKey (id, organizationId, label, prefix, hash, createdAt) VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [key.id, organizationID, label, prefix, Data(APIKeySecret.hash(secret)), StoredTime.text(key.createdAt)])
                return NewAppKey(key: key, secret: secret)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && attempts < 3 {
                attempts += 1
            }
        }
    }
}

/// Reading `appKey` rows (the hash is read only by authentication).
enum AppKeyRow {
    static let columns = "id, organizationId, label, prefix, createdAt, lastUsedAt, expiresAt, revokedAt"
    static let columnCount = 8

    static func key(_ row: Row) -> AppKey {
        AppKey(
            id: row[0], organizationID: row[1], label: row[2], prefix: row[3], createdAt: StoredTime.date(row[4] as String),
            lastUsedAt: StoredTime.date(row[5] as String?), expiresAt: StoredTime.date(row[6] as String?),
            revokedAt: StoredTime.date(row[7] as String?))
    }

    static func fetch(_ db: Database, idOrPrefix: String) throws -> AppKey? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM appKey WHERE id = ?1 OR prefix = ?1")
        return try Row.fetchOne(statement, arguments: [idOrPrefix]).map { key($0) }
    }
}
