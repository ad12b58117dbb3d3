import Foundation
import GRDB
import RosterStore
import SCIM

extension SQLiteStore {
    public func appendRequestLog(_ entries: [RequestLogEntry]) async throws {
        try await appendRequestLog(RequestLogBatch(entries))
    }

    public func appendRequestLog(_ batch: RequestLogBatch) async throws {
        guard !batch.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO requestLog (time, organizationId, method, path, query, clientAddress, userAgent, keyPrefix,
                    requestHeaders, requestBody, responseBody, summary, resourceId, scimType, status, latencyMicros)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try batch.withTexts { texts in
                try RowInserter.withRows(of: statement, in: db) { row in
                    for index in 0..<batch.count {
                        for field in RequestLogBatch.Field.allCases { row.bind(texts.text(field, at: index)) }
                        row.bind(batch.status(at: index))
                        row.bind(batch.latencyMicros(at: index))
                        try row.insertRow()
                    }
                }
            }
        }
    }

    public func requestLog(_ query: RequestLogQuery) async throws -> [RequestLogEntry] {
        var conditions: [SQLFragment] = []
        if let organizationID = query.organizationID { conditions.append(.format("organizationId = %@", .value(organizationID))) }
        if let resourceID = query.resourceID { conditions.append(.format("resourceId = %@", .value(resourceID))) }
        if let beforeID = query.beforeID { conditions.append(.format("id < %@", .value(beforeID))) }
        if let afterID = query.afterID { conditions.append(.format("id > %@", .value(afterID))) }
        if query.errorsOnly { conditions.append(SQLFragment("status >= 400")) }
        let condition = conditions.isEmpty ? SQLFragment.true : SQLFragment.joined(conditions, separator: " AND ")
        let select = SQLFragment.format(
            """
            SELECT id, time, organizationId, method, path, query, status, latencyMicros, clientAddress, userAgent, keyPrefix,
                requestHeaders, requestBody, responseBody, summary, resourceId, scimType
            FROM requestLog WHERE %@ ORDER BY id DESC LIMIT %@
            """, condition, .value(max(query.limit, 0)))
        return try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: select.sql), arguments: select.statementArguments).map { row in
                RequestLogEntry(
                    id: row[0], time: StoredTime.date(row[1] as String), organizationID: row[2], method: row[3], path: row[4],
                    query: row[5], status: row[6], latencyMicros: row[7], clientAddress: row[8], userAgent: row[9],
                    keyPrefix: row[10], requestHeaders: RequestLogBatch.headers(fromJSON: row[11]), requestBody: row[12], responseBody: row[13],
                    summary: row[14], resourceID: row[15], scimType: row[16])
            }
        }
    }

    /// Deletes in transactions of at most ``requestLogPruneChunk`` entries, so that SCIM writes
    /// interleave with a large prune instead of waiting for all of it: a server that logged 5,000
    /// requests a second has 1.4 million entries to drop at its 5-minute retention pass (at about
    /// 16 µs each, 22 s in one transaction), and a restart prunes everything past the limit at once.
    @discardableResult
    public func pruneRequestLog(keepLatest: Int, olderThan: Date) async throws -> Int {
        // Entries are numbered in arrival order, so both rules cut the id order, and an entry goes
        // when either rule drops it: everything below the keepLatest-th newest id, and everything
        // below the first entry young enough to stay (found by walking from the oldest entry:
        // O(expired entries), no time index).
        let cutoff = StoredTime.text(olderThan)
        let firstKept: Int64 = try await pool.read { db in
            let byCount = keepLatest <= 0
                ? Int64.max
                : try Int64.fetchOne(
                    db, sql: "SELECT id FROM requestLog ORDER BY id DESC LIMIT 1 OFFSET ?", arguments: [keepLatest - 1]) ?? 0
            let byAge = try Int64.fetchOne(db, sql: """
                SELECT coalesce((SELECT id FROM requestLog WHERE time >= ? ORDER BY id LIMIT 1),
                                (SELECT max(id) + 1 FROM requestLog), 0)
                """, arguments: [cutoff]) ?? 0
            return max(byCount, byAge)
        }
        var deleted = 0
        while true {
            let chunk = try await pool.write { db in
                try db.execute(
                    sql: "DELETE FROM requestLog WHERE id IN (SELECT id FROM requestLog WHERE id < ? ORDER BY id LIMIT ?)",
                    arguments: [firstKept, Self.requestLogPruneChunk])
                return db.changesCount
            }
            deleted += chunk
            if chunk < Self.requestLogPruneChunk { return deleted }
        }
    }

    /// The most request-log entries one pruning transaction deletes (about 30 ms of write lock).
    static let requestLogPruneChunk = 2_000

    public func auditLog(organizationID: String?, limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            let columns = "id, time, organizationId, actor, action, target, detail"
            let rows: [Row]
            if let organizationID {
                rows = try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT \(columns) FROM auditLog WHERE organizationId = ? ORDER BY id DESC LIMIT ?"),
                    arguments: [organizationID, max(limit, 0)])
            } else {
                rows = try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT \(columns) FROM auditLog ORDER BY id DESC LIMIT ?"), arguments: [max(limit, 0)])
            }
            return rows.map { row in
                AuditEntry(
                    id: row[0], time: StoredTime.date(row[1] as String), organizationID: row[2], actor: row[3], action: row[4],
                    target: row[5], detail: row[6])
            }
        }
    }
}
