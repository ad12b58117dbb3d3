import Foundation
import Logging
import PostgresNIO
import RosterStore
import SCIM

extension PostgresStore {
    public func createAppKey(organizationID: String?, label: String, actor: ChangeActor) async throws -> NewAppKey {
        let now = timestamp()
        let logger = logger
        return try await write(events: false) { db in
            if let organizationID, try await OrganizationRow.rowid(db, id: organizationID, logger) == nil {
                throw SCIMError.notFound("Organization \(organizationID) not found")
            }
            let new = try await Self.insertNewAppKey(db, organizationID: organizationID, label: label, now: now.date, logger)
            try await Self.appendAudit(AuditEntries.appKeyCreated(new.key, by: actor, at: now.date), db, logger)
            return new
        }
    }

    public func appKeys() async throws -> [AppKey] {
        let logger = logger
        return try await read { db in
            try await db.rows("SELECT \(unescaped: AppKeyRow.columns) FROM appKey ORDER BY createdAt, id", logger)
                .map { try AppKeyRow.key($0) }
        }
    }

    public func appKey(idOrPrefix: String) async throws -> AppKey? {
        let logger = logger
        return try await read { db in try await AppKeyRow.fetch(db, idOrPrefix: idOrPrefix, logger) }
    }

    public func authenticateApp(secret: String, at now: Date) async throws -> AppKey? {
        guard let prefix = APIKeySecret.prefix(of: secret, scheme: APIKeySecret.applicationScheme) else { return nil }
        let logger = logger
        let found = try await read { db -> (AppKey, Data)? in
            guard let row = try await db.row("SELECT \(unescaped: AppKeyRow.columns), hash FROM appKey WHERE prefix = \(prefix)", logger)
            else { return nil }
            return (try AppKeyRow.key(row), try row.get(AppKeyRow.columnCount, as: Data.self))
        }
        guard let (key, hash) = found, APIKeySecret.matches(secret, storedHash: hash), key.isUsable(at: now) else { return nil }
        // Feed readers poll: one small write per poll keeps "last used" exact without a cache.
        try await write(events: false) { db in
            try await db.run(
                "UPDATE appKey SET lastUsedAt = greatest(coalesce(lastUsedAt, ''), \(StoredTime.text(now))) WHERE id = \(key.id)", logger)
        }
        return key
    }

    public func rotateAppKey(id: String, grace: TimeInterval, at now: Date, actor: ChangeActor) async throws -> NewAppKey {
        let logger = logger
        return try await write(events: false) { db in
            guard let old = try await AppKeyRow.fetch(db, idOrPrefix: id, forUpdate: true, logger) else {
                throw SCIMError.notFound("Application key \(id) not found")
            }
            let end = try APIKeyRules.rotate(old, grace: grace, at: now)
            let rotated = try await Self.insertNewAppKey(db, organizationID: old.organizationID, label: old.label, now: now, logger)
            switch end {
            case .revoked(let time):
                try await db.run("UPDATE appKey SET revokedAt = \(StoredTime.text(time)) WHERE id = \(old.id)", logger)
            case .expires(let time):
                try await db.run("UPDATE appKey SET expiresAt = \(StoredTime.text(time)) WHERE id = \(old.id)", logger)
            }
            try await Self.appendAudit(AuditEntries.appKeyRotated(old, to: rotated.key, grace: grace, by: actor, at: now), db, logger)
            return rotated
        }
    }

    public func revokeAppKey(id: String, at now: Date, actor: ChangeActor) async throws {
        let logger = logger
        try await write(events: false) { db in
            guard let key = try await AppKeyRow.fetch(db, idOrPrefix: id, forUpdate: true, logger) else {
                throw SCIMError.notFound("Application key \(id) not found")
            }
            try await db.run("UPDATE appKey SET revokedAt = coalesce(revokedAt, \(StoredTime.text(now))) WHERE id = \(key.id)", logger)
            try await Self.appendAudit(AuditEntries.appKeyRevoked(key, by: actor, at: now), db, logger)
        }
    }

    /// Generates a key and stores its hash; a prefix collision draws again, in a savepoint so that
    /// the transaction survives the failed insert.
    private static func insertNewAppKey(
        _ db: PostgresConnection, organizationID: String?, label: String, now: Date, _ logger: Logger
    ) async throws -> NewAppKey {
        var attempts = 0
        while true {
            let (secret, prefix) = APIKeySecret.generate(scheme: APIKeySecret.applicationScheme)
            let key = AppKey(
                id: ResourceID.make(at: now), organizationID: organizationID, label: label, prefix: prefix,
                createdAt: StoredTime.date(StoredTime.text(now)))
            try await db.run("SAVEPOINT new_app_key", logger)
            do {
                try await db.run(
                    """
                    INSERT INTO appKey (id, organizationId, label, prefix, hash, createdAt)
                    VALUES (\(key.id), \(organizationID), \(label), \(prefix), \(Data(APIKeySecret.hash(secret))),
                        \(StoredTime.text(key.createdAt)))
                    """, logger)
                try await db.run("RELEASE SAVEPOINT new_app_key", logger)
                return NewAppKey(key: key, secret: secret)
            } catch let error as PSQLError where error.sqlState == SQLState.uniqueViolation && attempts < 3 {
                try await db.run("ROLLBACK TO SAVEPOINT new_app_key", logger)
                attempts += 1
            }
        }
    }
}

/// Reading `appKey` rows (the hash is read only by authentication).
enum AppKeyRow {
    static let columns = "id, organizationId, label, prefix, createdAt, lastUsedAt, expiresAt, revokedAt"
    static let columnCount = 8

    static func key(_ row: PostgresRandomAccessRow) throws -> AppKey {
        AppKey(
            id: try row.get(0), organizationID: try row.get(1, as: String?.self), label: try row.get(2), prefix: try row.get(3),
            createdAt: StoredTime.date(try row.get(4, as: String.self)), lastUsedAt: StoredTime.date(try row.get(5, as: String?.self)),
            expiresAt: StoredTime.date(try row.get(6, as: String?.self)), revokedAt: StoredTime.date(try row.get(7, as: String?.self)))
    }

    /// The key whose id or visible prefix is `idOrPrefix`, locked for the transaction when asked.
    static func fetch(_ db: PostgresConnection, idOrPrefix: String, forUpdate: Bool = false, _ logger: Logger) async throws -> AppKey? {
        let sql = "SELECT \(columns) FROM appKey WHERE id = $1 OR prefix = $1" + (forUpdate ? " FOR UPDATE" : "")
        var bindings = PostgresBindings()
        bindings.append(idOrPrefix)
        return try await db.row(PostgresQuery(unsafeSQL: sql, binds: bindings), logger).map { try key($0) }
    }
}
