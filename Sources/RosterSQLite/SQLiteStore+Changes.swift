import Foundation
import GRDB
import RosterStore
import SCIM

/// The change feed and the audit log, written inside the transaction of the change they record.
///
/// Order: an event's position is its `INTEGER PRIMARY KEY` rowid, given inside the writer's
/// transaction. SQLite has one writer at a time, so positions are handed out in commit order and a
/// reader never sees position P+1 committed while P is still to come: "after P" is a complete
/// cursor here. (PostgreSQL hands out sequence values before commit, so its store orders the feed
/// another way; see `FeedSequencer` there.) A new rowid is the largest one plus 1, so positions
/// only grow as long as the newest event is never deleted: retention always keeps it (without
/// AUTOINCREMENT, whose bookkeeping row was one more write per event).
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

    public func events(
        after position: Int64?, organizationID: String?, types: Set<ChangeEventType>?, limit: Int
    ) async throws -> [ChangeEvent] {
        try await pool.read { db in
            var conditions = ["e.position > ?"]
            var arguments: StatementArguments = [position ?? 0]
            if let organizationID {
                guard let organizationRowid = try OrganizationRow.rowid(db, id: organizationID) else { return [] }
                conditions.append("e.organizationRowid = ?")
                arguments += [organizationRowid]
            }
            if let types {
                conditions.append("e.type IN (SELECT value FROM json_each(?))")
                arguments += [JSONWriter().string(.array(types.map(\.rawValue).sorted().map { .string($0) }))]
            }
            arguments += [max(limit, 0)]
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT e.position, e.id, o.id, e.type, e.resourceId, e.createdAt, e.actor, e.data
                    FROM event AS e JOIN organization AS o ON o.rowid = e.organizationRowid
                    WHERE \(conditions.joined(separator: " AND ")) ORDER BY e.position LIMIT ?
                    """),
                arguments: arguments)
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

    public func eventsPrunedThrough() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT prunedThrough FROM eventRetention") ?? 0 }
    }

    public func pruneEvents(olderThan: Date) async throws -> Int {
        var deleted = 0
        while true {
            // The oldest events first, a chunk per transaction; `prunedThrough` moves with them.
            let chunk = try await pool.write { db -> Int in
                // The oldest chunk in position order (events are appended in time order, so no
                // time index is kept for this), cut at the first one still young enough, and
                // never the newest event (see above).
                let oldest = try Row.fetchAll(
                    db.cachedStatement(sql: """
                        SELECT position, createdAt FROM event WHERE position < (SELECT max(position) FROM event)
                        ORDER BY position LIMIT ?
                        """),
                    arguments: [Self.eventPruneChunk])
                let cutoff = StoredTime.text(olderThan)
                guard let last = oldest.prefix(while: { ($0[1] as String) < cutoff }).last?[0] as Int64? else { return 0 }
                try db.execute(sql: "DELETE FROM event WHERE position <= ?", arguments: [last])
                let count = db.changesCount
                try db.execute(sql: "UPDATE eventRetention SET prunedThrough = max(prunedThrough, ?)", arguments: [last])
                return count
            }
            deleted += chunk
            if chunk < Self.eventPruneChunk { return deleted }
        }
    }

    /// The most events one pruning transaction deletes.
    static let eventPruneChunk = 2_000
}
