import Foundation
import Logging
import PostgresNIO
import RosterStore
import SCIM

extension PostgresStore {
    public func appendRequestLog(_ entries: [RequestLogEntry]) async throws {
        try await appendRequestLog(RequestLogBatch(entries))
    }

    /// One statement per batch, whatever its size: every column travels as one array and
    /// `unnest` turns them back into rows, so a busy server's flush is one round trip. Nullable
    /// columns travel with a flag array (these array bindings cannot carry NULL elements).
    public func appendRequestLog(_ batch: RequestLogBatch) async throws {
        guard !batch.isEmpty else { return }
        var columns: [[String]] = Array(repeating: [], count: RequestLogBatch.Field.allCases.count)
        var present: [[Bool]] = Array(repeating: [], count: RequestLogBatch.Field.allCases.count)
        batch.withTexts { texts in
            for index in 0..<batch.count {
                for field in RequestLogBatch.Field.allCases {
                    let text = texts.text(field, at: index)
                    // PostgreSQL text cannot hold NUL: such a byte in a logged body becomes U+FFFD.
                    columns[field.rawValue].append(text.map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\0", with: "\u{FFFD}") } ?? "")
                    present[field.rawValue].append(text != nil)
                }
            }
        }
        let statuses = (0..<batch.count).map { Int64(batch.status(at: $0)) }
        let latencies = (0..<batch.count).map { Int64(batch.latencyMicros(at: $0)) }
        let texts = columns
        let flags = present
        func c(_ field: RequestLogBatch.Field) -> [String] { texts[field.rawValue] }
        func p(_ field: RequestLogBatch.Field) -> [Bool] { flags[field.rawValue] }
        let logger = logger
        try await write(events: false) { db in
            try await db.run(
                """
                INSERT INTO requestLog (time, organizationId, method, path, query, clientAddress, userAgent, keyPrefix,
                    requestHeaders, requestBody, responseBody, summary, resourceId, scimType, status, latencyMicros)
                SELECT time, CASE WHEN hasOrganization THEN organizationId END, method, path, query, clientAddress, userAgent,
                    CASE WHEN hasKeyPrefix THEN keyPrefix END, requestHeaders, requestBody, responseBody, summary,
                    CASE WHEN hasResource THEN resourceId END, CASE WHEN hasScimType THEN scimType END, status, latencyMicros
                FROM unnest(\(c(.time))::text[], \(c(.organizationID))::text[], \(p(.organizationID))::boolean[],
                    \(c(.method))::text[], \(c(.path))::text[], \(c(.query))::text[], \(c(.clientAddress))::text[],
                    \(c(.userAgent))::text[], \(c(.keyPrefix))::text[], \(p(.keyPrefix))::boolean[], \(c(.requestHeaders))::text[],
                    \(c(.requestBody))::text[], \(c(.responseBody))::text[], \(c(.summary))::text[], \(c(.resourceID))::text[],
                    \(p(.resourceID))::boolean[], \(c(.scimType))::text[], \(p(.scimType))::boolean[], \(statuses)::bigint[],
                    \(latencies)::bigint[])
                    AS e(time, organizationId, hasOrganization, method, path, query, clientAddress, userAgent, keyPrefix, hasKeyPrefix,
                        requestHeaders, requestBody, responseBody, summary, resourceId, hasResource, scimType, hasScimType, status,
                        latencyMicros)
                """, logger)
        }
    }

    public func requestLog(_ query: RequestLogQuery) async throws -> [RequestLogEntry] {
        var text = SQLText(sql: "", binds: PostgresBindings(), next: 1)
        var conditions: [String] = ["TRUE"]
        if let organizationID = query.organizationID { conditions.append("organizationId = \(text.bind(organizationID))") }
        if let resourceID = query.resourceID { conditions.append("resourceId = \(text.bind(resourceID))") }
        if let beforeID = query.beforeID { conditions.append("id < \(text.bind(Int64(beforeID)))") }
        if let afterID = query.afterID { conditions.append("id > \(text.bind(Int64(afterID)))") }
        if query.errorsOnly { conditions.append("status >= 400") }
        let limit = text.bind(Int64(max(query.limit, 0)))
        let sql = """
            SELECT id, time, organizationId, method, path, query, status, latencyMicros, clientAddress, userAgent, keyPrefix,
                requestHeaders, requestBody, responseBody, summary, resourceId, scimType
            FROM requestLog WHERE \(conditions.joined(separator: " AND ")) ORDER BY id DESC LIMIT \(limit)
            """
        let logger = logger
        return try await read { db in
            try await db.rows(PostgresQuery(unsafeSQL: sql, binds: text.binds), logger).map { row in
                RequestLogEntry(
                    id: try row.get(0, as: Int64.self), time: StoredTime.date(try row.get(1, as: String.self)), organizationID: try row.get(2),
                    method: try row.get(3), path: try row.get(4), query: try row.get(5), status: Int(try row.get(6, as: Int64.self)),
                    latencyMicros: Int(try row.get(7, as: Int64.self)), clientAddress: try row.get(8), userAgent: try row.get(9),
                    keyPrefix: try row.get(10), requestHeaders: RequestLogBatch.headers(fromJSON: try row.get(11)),
                    requestBody: try row.get(12), responseBody: try row.get(13), summary: try row.get(14), resourceID: try row.get(15),
                    scimType: try row.get(16))
            }
        }
    }

    /// Deletes in transactions of at most ``requestLogPruneChunk`` entries, so that a large prune
    /// never holds one long transaction (and its locks and WAL) over a busy table.
    @discardableResult
    public func pruneRequestLog(keepLatest: Int, olderThan: Date) async throws -> Int {
        // Entries are numbered in arrival order, so both rules cut the id order: everything below
        // the keepLatest-th newest id, and everything below the first entry young enough to stay.
        let cutoff = StoredTime.text(olderThan)
        let logger = logger
        let firstKept: Int64 = try await read { db in
            let byCount: Int64 = keepLatest <= 0
                ? Int64.max
                : try await db.row("SELECT id FROM requestLog ORDER BY id DESC LIMIT 1 OFFSET \(Int64(keepLatest - 1))", logger)?
                    .get(0, as: Int64.self) ?? 0
            let byAge = try await db.row(
                """
                SELECT coalesce((SELECT id FROM requestLog WHERE time >= \(cutoff) ORDER BY id LIMIT 1),
                                (SELECT max(id) + 1 FROM requestLog), 0)
                """, logger)?.get(0, as: Int64.self) ?? 0
            return max(byCount, byAge)
        }
        var deleted = 0
        while true {
            let chunk = try await write(events: false) { db in
                try await db.rows(
                    """
                    DELETE FROM requestLog WHERE id IN (SELECT id FROM requestLog WHERE id < \(firstKept) ORDER BY id LIMIT \(Int64(Self.requestLogPruneChunk)))
                    RETURNING 1
                    """, logger
                ).count
            }
            deleted += chunk
            if chunk < Self.requestLogPruneChunk { return deleted }
        }
    }

    /// The most request-log entries one pruning transaction deletes.
    static let requestLogPruneChunk = 2_000

    public func auditLog(organizationID: String?, limit: Int) async throws -> [AuditEntry] {
        let logger = logger
        return try await read { db in
            let rows: [PostgresRandomAccessRow]
            if let organizationID {
                rows = try await db.rows(
                    """
                    SELECT id, time, organizationId, actor, action, target, detail FROM auditLog
                    WHERE organizationId = \(organizationID) ORDER BY id DESC LIMIT \(Int64(max(limit, 0)))
                    """, logger)
            } else {
                rows = try await db.rows(
                    """
                    SELECT id, time, organizationId, actor, action, target, detail FROM auditLog ORDER BY id DESC LIMIT \(Int64(max(limit, 0)))
                    """, logger)
            }
            return try rows.map { row in
                AuditEntry(
                    id: try row.get(0, as: Int64.self), time: StoredTime.date(try row.get(1, as: String.self)), organizationID: try row.get(2),
                    actor: try row.get(3), action: try row.get(4), target: try row.get(5), detail: try row.get(6))
            }
        }
    }
}
