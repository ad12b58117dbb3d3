import Foundation
import GRDB
import RosterStore
import SCIM

/// The change feed and the audit log, written inside the transaction of the change they record.
///
/// Order: an event's position is its `INTEGER PRIMARY KEY AUTOINCREMENT` rowid, given inside the
/// writer's transaction. SQLite has one writer at a time, so positions are handed out in commit
/// order and a reader never sees position P+1 committed while P is still to come: "after P" is a
/// complete cursor here. (PostgreSQL hands out sequence values before commit, so its store must
/// order the feed another way; see the README's change feed section.) AUTOINCREMENT because
/// retention deletes the oldest events: without it, emptying the table would let positions start
/// again at 1 and readers holding a cursor would skip everything.
extension SQLiteStore {
    /// Appends `events` of the organization with rowid `organizationRowid`, and for an operator's
    /// change its audit entries (``AuditEntries``).
    static func record(_ events: [ChangeEvent], organizationRowid: Int64, actor: ChangeActor, _ db: Database) throws {
        guard !events.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO event (id, organizationRowid, type, resourceId, createdAt, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let writer = JSONWriter()
        for event in events {
            try insert.execute(arguments: [
                event.id, organizationRowid, event.type.rawValue, event.resourceID, StoredTime.text(event.createdAt), event.actor,
                writer.string(.object(event.data)),
            ])
        }
        if actor.isOperator {
            for event in events { try appendAudit(AuditEntries.entry(for: event), db) }
        }
    }

    /// Appends an audit entry inside the caller's transaction.
    static func appendAudit(_ entry: AuditEntry, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO auditLog (time, organizationId, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [
            StoredTime.text(entry.time), entry.organizationID, entry.actor, entry.action, entry.target, entry.detail,
        ])
    }

    public func events(after position: Int64?, organizationID: String?, limit: Int) async throws -> [ChangeEvent] {
        try await pool.read { db in
            let columns = "e.position, e.id, o.id, e.type, e.resourceId, e.createdAt, e.actor, e.data"
            let rows: [Row]
            if let organizationID {
                guard let organizationRowid = try OrganizationRow.rowid(db, id: organizationID) else { return [] }
                rows = try Row.fetchAll(
                    db.cachedStatement(sql: """
                        SELECT \(columns) FROM event AS e JOIN organization AS o ON o.rowid = e.organizationRowid
                        WHERE e.organizationRowid = ? AND e.position > ? ORDER BY e.position LIMIT ?
                        """),
                    arguments: [organizationRowid, position ?? 0, max(limit, 0)])
            } else {
                rows = try Row.fetchAll(
                    db.cachedStatement(sql: """
                        SELECT \(columns) FROM event AS e JOIN organization AS o ON o.rowid = e.organizationRowid
                        WHERE e.position > ? ORDER BY e.position LIMIT ?
                        """),
                    arguments: [position ?? 0, max(limit, 0)])
            }
            return try rows.map { row in
                let type: String = row[3]
                guard let eventType = ChangeEventType(rawValue: type), case .object(let data) = try JSONParser.parse(row[7] as String)
                else {
                    throw SCIMError(status: 500, detail: "The change feed holds an event Roster cannot read (position \(row[0] as Int64))")
                }
                return ChangeEvent(
                    position: row[0], id: row[1], type: eventType, organizationID: row[2], createdAt: StoredTime.date(row[5] as String),
                    actor: row[6], resourceID: row[4], data: data)
            }
        }
    }
}
