import ConsoleTerminal
import Foundation
import GRDB
import RosterSQLite
import RosterStore
import Synchronization
import Testing

func logEntry(_ id: Int64 = 0, status: Int = 200, path: String = "/scim/v2/Users") -> RequestLogEntry {
    RequestLogEntry(
        id: id, time: Date(timeIntervalSince1970: 1_790_000_000), organizationID: nil, method: "GET", path: path,
        query: "", status: status, latencyMicros: 900, clientAddress: "127.0.0.1", userAgent: "curl", keyPrefix: nil,
        requestBody: "", responseBody: "", summary: "list members", resourceID: nil, scimType: nil)
}

struct RequestLogTailTests {
    @Test func readsOnlyWhenTheCounterMoved() {
        var tail = RequestLogTail(lastSeenID: 10)
        let polls = [7, 7, 7, 8, 8].map { tail.databaseChanged(version: $0) }
        #expect(polls == [true, false, false, true, false],
                "the first poll reads (writes may predate the counter); an idle database costs no read")
    }

    @Test func handsOutEachEntryOnceNewestFirst() {
        var tail = RequestLogTail(lastSeenID: 10)
        #expect(tail.query == RequestLogQuery(afterID: 10, limit: RequestLogTail.batchLimit))
        let first = tail.accept([logEntry(12), logEntry(11)])
        #expect(first.map(\.id) == [12, 11])
        #expect(tail.lastSeenID == 12)
        #expect(tail.query.afterID == 12)
        let second = tail.accept([logEntry(11), logEntry(13), logEntry(12)])
        #expect(second.map(\.id) == [13], "a late answer repeats nothing")
        let third = tail.accept([])
        #expect(third.isEmpty && tail.lastSeenID == 13)
    }
}

/// The data_version counter and the feed on a real SQLite file, written by the store's own connections, as the
/// server in this process or another one writes.
struct RequestLogFeedTests {
    @Test func theCounterMovesOnlyWhenAnotherConnectionCommits() async throws {
        let store = try SQLiteStore.temporary()
        let counter = try SQLiteDataVersion(path: store.pool.path)
        let before = try counter.currentValue()
        #expect(try counter.currentValue() == before)
        try await store.appendRequestLog([logEntry()])
        let after = try counter.currentValue()
        #expect(after != before)
        #expect(try counter.currentValue() == after)
    }

    @Test func newEntriesArriveWithTheirStoreIds() async throws {
        let store = try SQLiteStore.temporary()
        try await store.appendRequestLog([logEntry(path: "/old")])
        let delivered = Mutex<[RequestLogEntry]>([])
        let feed = RequestLogFeed(
            store: store, changes: try SQLiteDataVersion(path: store.pool.path), interval: .milliseconds(20))
        let task = Task { await feed.run(deliver: { batch in delivered.withLock { $0 += batch } }) }
        defer { task.cancel() }

        try await Task.sleep(for: .milliseconds(100))
        try await store.appendRequestLog([logEntry(status: 201, path: "/a"), logEntry(status: 404, path: "/b")])
        let arrived = try await waitFor { delivered.withLock { $0.count >= 2 ? $0 : nil } }
        #expect(arrived.map(\.path) == ["/b", "/a"], "newest first; the entry from before the start is not repeated")
        #expect(arrived.allSatisfy { $0.id > 1 })

        try await store.appendRequestLog([logEntry(path: "/c")])
        let third = try await waitFor { delivered.withLock { $0.count >= 3 ? $0[2] : nil } }
        #expect(third.path == "/c")
        try await Task.sleep(for: .milliseconds(100))
        let total = delivered.withLock { $0.count }
        #expect(total == 3, "nothing is delivered twice")
    }

    /// Polls `probe` every 10 ms for up to 10 s.
    func waitFor<Value>(_ probe: () -> Value?) async throws -> Value {
        for _ in 0..<1000 {
            if let value = probe() { return value }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CancellationError()
    }
}
