import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing
import Logging
import Synchronization

/// The request log: every request under /scim/v2 recorded, secrets redacted, published live,
/// written to the store in batches.
@Suite struct RequestLogTests {
    /// Runs `test` on a server with the request log on, a live subscription, and Jane created (her id).
    private func withJane(
        _ server: TestServer,
        _ test: @Sendable (SCIMClient, RequestLogRecorder, AsyncStream<RequestLogEntry>, String) async throws -> Void
    ) async throws {
        try await server.run { client, requestLog async throws in
            let recorder = try #require(requestLog)
            let live = recorder.subscribe()
            let created = try await client.post("Users", OktaBodies.user("jane@acme.com", givenName: "Jane"))
            try await test(client, recorder, live, try #require(created.json?["id"]?.stringValue))
        }
    }

    @Test func entriesAreRecordedRedactedAndPublished() async throws {
        let server = try await TestServer.make()
        try await withJane(server) { client, recorder, live, id async throws in
            _ = try await client.get("Users?filter=\(OktaBodies.encoded("userName eq \"jane@acme.com\""))")
            _ = try await client.patch(
                "Users/\(id)", OktaBodies.patch([["op": "replace", "path": "password", "value": "s3cret-sync"]]))
            _ = try await client.get("Users", credential: .header("Bearer wrong-key"))
            _ = try await client.get("/healthz", credential: .none)

            var iterator = live.makeAsyncIterator()
            var entries: [RequestLogEntry] = []
            for _ in 0..<4 { entries.append(try #require(await iterator.next())) }

            let create = entries[0]
            #expect(create.method == "POST")
            #expect(create.path == "/scim/v2/Users")
            #expect(create.status == 201)
            #expect(create.summary == "Okta · create member jane@acme.com")
            #expect(create.organizationID == server.organization.id)
            #expect(create.resourceID == id)
            #expect(create.userAgent == SCIMClient.oktaUserAgent)
            #expect(create.keyPrefix.map { server.key.hasPrefix($0) } == true)
            #expect(create.requestHeaders["authorization"] == "Bearer \(create.keyPrefix ?? "?")***")
            #expect(!create.requestBody.contains("1mz050nq"), "Okta's placeholder password is redacted")
            #expect(create.requestBody.contains("\"password\":\"***\""))
            #expect(create.responseBody.contains("\"userName\":\"jane@acme.com\""))
            #expect(create.latencyMicros > 0)
            #expect(!create.clientAddress.isEmpty)

            #expect(entries[1].summary == "Okta · look up member jane@acme.com")
            #expect(entries[1].query.contains("filter="))

            #expect(!entries[2].requestBody.contains("s3cret-sync"))
            #expect(entries[2].status == 200)

            let refused = entries[3]
            #expect(refused.status == 401)
            #expect(refused.summary == "Okta · bad API key")
            #expect(refused.organizationID == nil)
            #expect(refused.requestHeaders["authorization"] == "Bearer ***")
            #expect(refused.responseBody.contains("\"status\":\"401\""))

            // Written to the store by the recorder; /healthz is not a SCIM request and is not logged.
            await recorder.flush()
            let stored = try await server.store.requestLog(RequestLogQuery(limit: 10))
            #expect(stored.count == 4)
            #expect(Set(stored.map(\.summary)) == Set(entries.map(\.summary)))
            #expect(stored.allSatisfy { $0.id > 0 })
        }
    }

    @Test func successfulReadsAreStoredWithoutBodyHeadersOrResourceButPublishedWhole() async throws {
        let server = try await TestServer.make()
        try await withJane(server) { client, recorder, live, id async throws in
            _ = try await client.get("Users/\(id)")
            _ = try await client.get("Users/no-such-id")

            var iterator = live.makeAsyncIterator()
            var published: [RequestLogEntry] = []
            for _ in 0..<3 { published.append(try #require(await iterator.next())) }
            #expect(published[1].responseBody.contains("\"userName\":\"jane@acme.com\""), "the live feed has the body")
            #expect(published[1].resourceID == id)
            #expect(published[1].requestHeaders["authorization"]?.hasSuffix("***") == true, "and the headers")

            await recorder.flush()
            let stored = try await server.store.requestLog(RequestLogQuery(limit: 10)).reversed().map { $0 }
            #expect(stored.map(\.status) == [201, 200, 404])
            #expect(stored[0].responseBody.contains("\"userName\"") && stored[0].resourceID == id, "writes are kept whole")
            #expect(
                stored[1].responseBody.isEmpty && stored[1].requestHeaders.isEmpty && stored[1].resourceID == nil,
                "a successful read is stored lean")
            #expect(stored[1].keyPrefix == published[1].keyPrefix && stored[1].keyPrefix != nil, "its key is still named")
            #expect(!stored[0].requestHeaders.isEmpty && !stored[2].requestHeaders.isEmpty, "writes and failures keep headers")
            #expect(stored[1].summary == published[1].summary)
            #expect(stored[2].responseBody.contains("\"status\":\"404\""), "a failed read keeps its error body")
            // A member's history in the store: its writes and failures, not its reads.
            #expect(try await server.store.requestLog(RequestLogQuery(resourceID: id)).map(\.status) == [201])
        }
    }

    /// With nobody watching live, a successful read's headers and body are not even written out;
    /// what is stored is the same, and writes and failures still keep theirs.
    @Test func withoutSubscribersTheStoredEntriesAreTheSame() async throws {
        let server = try await TestServer.make()
        try await server.run { client, requestLog async throws in
            let recorder = try #require(requestLog)
            #expect(!recorder.hasSubscribers)
            let created = try await client.post("Users", OktaBodies.user("jane@acme.com", givenName: "Jane"))
            let id = try #require(created.json?["id"]?.stringValue)
            _ = try await client.get("Users/\(id)")
            _ = try await client.get("Users/no-such-id")

            await recorder.flush()
            let stored = try await server.store.requestLog(RequestLogQuery(limit: 10)).reversed().map { $0 }
            #expect(stored.map(\.status) == [201, 200, 404])
            #expect(stored[0].requestBody.contains("jane@acme.com") && stored[0].responseBody.contains("\"id\""))
            #expect(stored[0].requestHeaders["authorization"]?.hasSuffix("***") == true)
            #expect(stored[1].requestHeaders.isEmpty && stored[1].responseBody.isEmpty && stored[1].keyPrefix != nil)
            #expect(stored[1].summary.contains("jane@acme.com"), "the summary still names what was read")
            #expect(!stored[2].requestHeaders.isEmpty && stored[2].responseBody.contains("\"status\":\"404\""))
        }
    }

    /// Paused, nothing is stored while the live feed goes on; resumed, storing goes on.
    @Test func pausedStoringKeepsTheLiveFeed() async throws {
        let server = try await TestServer.make()
        try await withJane(server) { client, recorder, live, id async throws in
            recorder.setStoring(false)
            #expect(!recorder.isStoring)
            _ = try await client.get("Users/\(id)")
            recorder.setStoring(true)
            _ = try await client.get("Users/no-such-id")

            var iterator = live.makeAsyncIterator()
            var published: [Int] = []
            for _ in 0..<3 { published.append(try #require(await iterator.next()).status) }
            #expect(published == [201, 200, 404], "the live feed had all three")

            await recorder.flush()
            let stored = try await server.store.requestLog(RequestLogQuery(limit: 10)).map(\.status)
            #expect(stored == [404, 201], "the read made while paused was not stored")
        }
    }

    @Test func longBodiesAreTruncated() async throws {
        let server = try await TestServer.make(configuration: ServerConfiguration(port: 0, requestLogBodyLimit: 200))
        try await server.run { client, requestLog async throws in
            let live = try #require(requestLog).subscribe()
            _ = try await client.post("Users", OktaBodies.user(String(repeating: "long", count: 100) + "@acme.com"))
            var iterator = live.makeAsyncIterator()
            let entry = try #require(await iterator.next())
            #expect(entry.requestBody.contains("…[truncated: "))
            #expect(entry.requestBody.utf8.count < 260)
        }
    }

    @Test func loggingCanBeTurnedOff() async throws {
        let server = try await TestServer.make(configuration: ServerConfiguration(port: 0, requestLogEnabled: false))
        try await server.run { client, requestLog async throws in
            #expect(requestLog == nil)
            #expect(try await client.get("Users").status == 200)
        }
        #expect(try await server.store.requestLog(RequestLogQuery()).isEmpty)
    }

    @Test func shutdownFlushesPendingEntries() async throws {
        let configuration = ServerConfiguration(port: 0, requestLogFlushInterval: .seconds(3600))
        let server = try await TestServer.make(configuration: configuration)
        try await server.run { client async throws in
            _ = try await client.get("Users?startIndex=1&count=2")
        }
        let stored = try await server.store.requestLog(RequestLogQuery())
        #expect(stored.map(\.summary) == ["Okta · test API credentials"])
    }
}

/// The one line per request written to the server's logger (stderr under `roster serve`).
@Suite struct RequestLogLineTests {
    @Test func oneLinePerRequest() async throws {
        let server = try await TestServer.make()
        let lines = CapturedLines()
        var logger = Logger(label: "roster-test") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .info
        let roster = RosterApplication(store: server.store, configuration: server.configuration, logger: logger)
        let key = server.key
        try await roster.application.test(.live) { client async throws in
            let client = SCIMClient(client: client, key: key)
            let alice = try await client.createUser("alice@acme.com")
            let team = try await client.createGroup("Sales")
            lines.removeAll()
            _ = try await client.patch(
                "Groups/\(team)", OktaBodies.patch([["op": "add", "path": "members", "value": [["value": .string(alice)]]]]))
            let line = try #require(lines.all.first { $0.hasPrefix("PATCH ") })
            let pattern = #/^PATCH /scim/v2/Groups/[0-9a-f-]+ 200 \d+\.\dms Okta · add 1 member to team Sales$/#
            #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
        }
    }

    @Test func retentionKeepsTheNewestEntries() async throws {
        let configuration = ServerConfiguration(
            port: 0, requestLogFlushInterval: .milliseconds(20), requestLogKeepLatest: 2,
            requestLogPruneInterval: .milliseconds(50))
        let server = try await TestServer.make(configuration: configuration)
        try await server.run { client async throws in
            for _ in 0..<5 { _ = try await client.get("Users") }
            try await Task.sleep(for: .milliseconds(400))
        }
        #expect(try await server.store.requestLog(RequestLogQuery()).count == 2)
    }
}

/// Log messages captured by ``CapturingLogHandler``.
final class CapturedLines: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    func removeAll() { lines.withLock { $0.removeAll() } }
}

struct CapturingLogHandler: LogHandler {
    let lines: CapturedLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.append(event.message.description)
    }
}
