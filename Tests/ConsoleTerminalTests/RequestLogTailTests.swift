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

        // The feed starts after the newest entry stored when it first polls, which can come late on a loaded
        // machine: mark entries until one arrives, so the entries below are written after the start.
        for attempt in 0... {
            if delivered.withLock({ !$0.isEmpty }) { break }
            try #require(attempt < 200, "the feed never delivered anything")
            try await store.appendRequestLog([logEntry(path: "/warm-up")])
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(delivered.withLock { !$0.contains { $0.path == "/old" } },
                "the entry from before the start is not repeated")

        try await store.appendRequestLog([logEntry(status: 201, path: "/a"), logEntry(status: 404, path: "/b")])
        let pair = try await waitFor { () -> [RequestLogEntry]? in
            let entries = delivered.withLock { $0.filter { $0.path == "/a" || $0.path == "/b" } }
            return entries.count >= 2 ? entries : nil
        }
        #expect(pair.map(\.path) == ["/b", "/a"], "newest first")
        #expect(pair.allSatisfy { $0.id > 1 })

        try await store.appendRequestLog([logEntry(path: "/c")])
        let third = try await waitFor { delivered.withLock { $0.first { $0.path == "/c" } } }
        #expect(third.id > pair[0].id)
        try await Task.sleep(for: .milliseconds(100))
        let ids = delivered.withLock { $0.map(\.id) }
        #expect(Set(ids).count == ids.count, "nothing is delivered twice")
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
