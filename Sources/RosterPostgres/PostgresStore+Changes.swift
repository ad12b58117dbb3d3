import Foundation
import Logging
import PostgresNIO
import RosterStore
import SCIM

/// The change feed and the audit log, written inside the transaction of the change they record.
///
/// Order: PostgreSQL hands out sequence values before commit, so a global sequence taken by the
/// writers would let position P+1 commit (and be read, and paged past) before P. Instead each
/// write numbers its events in its organization's own sequence, `organization.eventSeq`, which it
/// increments under the organization's row lock that every write holds until its commit: within
/// an organization, `seq` order is commit order. Events are stored with no `position`; the
/// ``FeedSequencer`` gives positions later, in its own transactions (see there for why that is
/// commit-ordered), and readers return only numbered events.
extension PostgresStore {
    /// Appends `events` of the organization with rowid `organizationRowid` (whose row the caller
    /// has locked), and for an operator's change its audit entries (``AuditEntries``).
    static func record(
        _ events: [ChangeEvent], organizationRowid: Int64, actor: ChangeActor, _ db: PostgresConnection, _ logger: Logger
    ) async throws {
        guard !events.isEmpty else { return }
        let count = Int64(events.count)
        guard let last = try await db.row(
            "UPDATE organization SET eventSeq = eventSeq + \(count) WHERE rowid = \(organizationRowid) RETURNING eventSeq", logger
        )?.get(0, as: Int64.self) else {
            throw SCIMError(status: 500, detail: "The organization of a change disappeared during it")
        }
        let writer = JSONWriter()
        let seqs = (0..<count).map { last - count + 1 + $0 }
        try await db.run(
            """
            INSERT INTO event (organizationRowid, seq, id, type, resourceId, createdAt, actor, data)
            SELECT \(organizationRowid), * FROM unnest(\(seqs)::bigint[], \(events.map(\.id))::text[],
                \(events.map(\.type.rawValue))::text[], \(events.map(\.resourceID))::text[],
                \(events.map { StoredTime.text($0.createdAt) })::text[], \(events.map(\.actor))::text[],
                \(events.map { writer.string(.object($0.data)) })::text[])
            """, logger)
        if actor.isOperator {
            for event in events { try await appendAudit(AuditEntries.entry(for: event), db, logger) }
        }
    }

    /// Appends an audit entry inside the caller's transaction.
    static func appendAudit(_ entry: AuditEntry, _ db: PostgresConnection, _ logger: Logger) async throws {
        try await db.run(
            """
            INSERT INTO auditLog (time, organizationId, actor, action, target, detail)
            VALUES (\(StoredTime.text(entry.time)), \(entry.organizationID), \(entry.actor), \(entry.action), \(entry.target),
                \(entry.detail))
            """, logger)
    }

    public func events(
        after position: Int64?, organizationID: String?, types: Set<ChangeEventType>?, limit: Int
    ) async throws -> [ChangeEvent] {
        // Every event committed before this call gets its position first, so that a reader sees
        // its own writes in the feed.
        try await migrationDone()
        try await sequencer.sequenceOrThrow(wait: true)
        let logger = logger
        return try await read { db in
            var bindings = PostgresBindings()
            bindings.append(position ?? 0)
            var conditions = ["e.position > $1"]
            if let organizationID {
                bindings.append(organizationID)
                conditions.append("o.id = $\(bindings.count)")
            }
            if let types {
                bindings.append(types.map(\.rawValue).sorted())
                conditions.append("e.type = ANY($\(bindings.count))")
            }
            bindings.append(Int64(max(limit, 0)))
            let rows = try await db.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT e.position, e.id, o.id, e.type, e.resourceId, e.createdAt, e.actor, e.data
                        FROM event AS e JOIN organization AS o ON o.rowid = e.organizationRowid
                        WHERE \(conditions.joined(separator: " AND ")) ORDER BY e.position LIMIT $\(bindings.count)
                        """, binds: bindings), logger)
            return try rows.map { row in
                let position: Int64 = try row.get(0)
                guard let type = ChangeEventType(rawValue: try row.get(3)),
                    case .object(let data) = try JSONParser.parse(try row.get(7, as: String.self))
                else {
                    throw SCIMError(status: 500, detail: "The change feed holds an event Roster cannot read (position \(position))")
                }
                return ChangeEvent(
                    position: position, id: try row.get(1), type: type, organizationID: try row.get(2),
                    createdAt: StoredTime.date(try row.get(5, as: String.self)), actor: try row.get(6), resourceID: try row.get(4),
                    data: data)
            }
        }
    }

    public func eventsPrunedThrough() async throws -> Int64 {
        let logger = logger
        return try await read { db in
            try await db.row("SELECT prunedThrough FROM feedState", logger)?.get(0, as: Int64.self) ?? 0
        }
    }

    public func pruneEvents(olderThan: Date) async throws -> Int {
        let logger = logger
        let cutoff = StoredTime.text(olderThan)
        var deleted = 0
        while true {
            // The oldest numbered events first, a chunk per transaction; `prunedThrough` moves with
            // them (under the row's lock, so servers pruning at once agree). Events the sequencer has
            // not numbered yet are never pruned: a reader has not had the chance to see them; nor is
            // the newest event, as on SQLite (where it keeps positions growing).
            let chunk = try await write(events: false) { db -> Int in
                try await db.run("SELECT prunedThrough FROM feedState FOR UPDATE", logger)
                guard let last = try await db.row(
                    """
                    SELECT max(position) FROM (SELECT position FROM event WHERE position IS NOT NULL AND createdAt < \(cutoff)
                        AND position < (SELECT max(position) FROM event) ORDER BY position LIMIT \(Int64(Self.eventPruneChunk))) AS oldest
                    """, logger)?.get(0, as: Int64?.self)
                else { return 0 }
                let gone = try await db.rows("DELETE FROM event WHERE position <= \(last) RETURNING 1", logger).count
                try await db.run("UPDATE feedState SET prunedThrough = greatest(prunedThrough, \(last))", logger)
                return gone
            }
            deleted += chunk
            if chunk < Self.eventPruneChunk { return deleted }
        }
    }

    /// The most events one pruning transaction deletes.
    static let eventPruneChunk = 2_000

    static func bindings(_ text: String, _ first: Int64, _ second: Int64) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(text)
        bindings.append(first)
        bindings.append(second)
        return bindings
    }
}

/// Gives committed events their global feed positions, in commit order.
///
/// One sequencer runs at a time across all servers (`pg_try_advisory_xact_lock`, or the waiting
/// form for a reader that must see everything committed before it). In one short transaction it
/// reads the events without a position in `(organization, seq)` order, takes that many positions
/// from `feedState` and numbers them in that order. Why readers paging by `position > cursor`
/// never skip an event:
/// - a sequencer run starts after the previous one committed (the lock is held to commit), so its
///   positions are all greater than every position any reader could have seen;
/// - within an organization, `seq` is commit order (taken under the organization's row lock,
///   held to commit), and a snapshot that sees a write sees every write committed before it, so
///   a run never numbers seq N+1 while seq N is committed but unseen;
/// - a run's positions become visible all at once, at its commit.
/// Events of different organizations interleave by run; each organization's keep their order,
/// and so each resource's events follow its versions.
///
/// It runs after every write this process commits (cheap when nothing is pending: one indexed
/// probe) and on a timer, for events whose writer's run lost the lock race to another server's.
final class FeedSequencer: Sendable {
    private let client: PostgresClient
    private let logger: Logger
    /// The lock's key ("feed" in ASCII).
    static let lock: Int64 = 0x6665_6564
    /// How often the timer runs; bounds how late an event of a lost race is numbered.
    static let interval: Duration = .seconds(1)
    /// The most events one run numbers (the next run takes the rest).
    static let batch = 10_000

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Numbers pending events, ignoring failures (the timer or the next reader retries).
    func sequence(wait: Bool) async {
        try? await sequenceOrThrow(wait: wait)
    }

    /// Numbers every pending event; with `wait`, waits for a run in progress elsewhere and
    /// repeats until none is pending, so that every event committed before the call is numbered.
    func sequenceOrThrow(wait: Bool) async throws {
        while try await runOnce(wait: wait) == Self.batch {}
    }

    func runPeriodically() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.interval)
            await sequence(wait: false)
        }
    }

    /// One run in one transaction; returns how many events it numbered.
    private func runOnce(wait: Bool) async throws -> Int {
        let logger = logger
        return try await client.withConnection { db in
            try await db.run("BEGIN", logger)
            do {
                let numbered = try await Self.number(db, wait: wait, logger)
                try await db.run("COMMIT", logger)
                return numbered
            } catch {
                try? await db.run("ROLLBACK", logger)
                throw error
            }
        }
    }

    private static func number(_ db: PostgresConnection, wait: Bool, _ logger: Logger) async throws -> Int {
        if wait {
            try await db.run("SELECT pg_advisory_xact_lock(\(lock))", logger)
        } else {
            guard try await db.row("SELECT pg_try_advisory_xact_lock(\(lock))", logger)?.get(0, as: Bool.self) == true else { return 0 }
        }
        let pending = try await db.rows(
            """
            SELECT organizationRowid, seq FROM event WHERE position IS NULL ORDER BY organizationRowid, seq LIMIT \(Int64(batch))
            """, logger)
        guard !pending.isEmpty else { return 0 }
        let organizations = try pending.map { try $0.get(0, as: Int64.self) }
        let seqs = try pending.map { try $0.get(1, as: Int64.self) }
        let count = Int64(pending.count)
        guard let last = try await db.row("UPDATE feedState SET lastPosition = lastPosition + \(count) RETURNING lastPosition", logger)?
            .get(0, as: Int64.self)
        else {
            throw SCIMError(status: 500, detail: "The change feed's state row is missing")
        }
        try await db.run(
            """
            UPDATE event AS e SET position = \(last - count) + p.n
            FROM unnest(\(organizations)::bigint[], \(seqs)::bigint[]) WITH ORDINALITY AS p(o, s, n)
            WHERE e.organizationRowid = p.o AND e.seq = p.s
            """, logger)
        return pending.count
    }
}
