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

/// The request log: every request under /scim/v2 recorded, secrets redacted, written to the
/// store in batches.
@Suite struct RequestLogTests {
    /// Runs `test` on a server with the request log on and Jane created (her id).
    private func withJane(
        _ server: TestServer, _ test: @Sendable (SCIMClient, RequestLogRecorder, String) async throws -> Void
    ) async throws {
        try await server.run { client, requestLog async throws in
            let recorder = try #require(requestLog)
            let created = try await client.post("Users", OktaBodies.user("jane@acme.com", givenName: "Jane"))
            try await test(client, recorder, try #require(created.json?["id"]?.stringValue))
        }
    }

    /// What the recorder has stored once it flushed, oldest first.
    private func stored(_ server: TestServer, _ recorder: RequestLogRecorder) async throws -> [RequestLogEntry] {
        await recorder.flush()
        return try await server.store.requestLog(RequestLogQuery(limit: 100)).reversed()
    }

    @Test func entriesAreRecordedAndRedacted() async throws {
        let server = try await TestServer.make()
        try await withJane(server) { client, recorder, id async throws in
            _ = try await client.get("Users?filter=\(OktaBodies.encoded("userName eq \"jane@acme.com\""))")
            _ = try await client.patch(
                "Users/\(id)", OktaBodies.patch([["op": "replace", "path": "password", "value": "s3cret-sync"]]))
            _ = try await client.get("Users", credential: .header("Bearer wrong-key"))
            _ = try await client.get("/healthz", credential: .none)

            // /healthz is not a SCIM request and is not logged.
            let entries = try await stored(server, recorder)
            try #require(entries.count == 4)

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
            #expect(entries.allSatisfy { $0.id > 0 })
        }
    }

    @Test func successfulReadsAreStoredWithoutBodyHeadersOrResource() async throws {
        let server = try await TestServer.make()
        try await withJane(server) { client, recorder, id async throws in
            _ = try await client.get("Users/\(id)")
            _ = try await client.get("Users/no-such-id")

            let stored = try await stored(server, recorder)
            try #require(stored.map(\.status) == [201, 200, 404])
            #expect(stored[0].responseBody.contains("\"userName\"") && stored[0].resourceID == id, "writes are kept whole")
            #expect(
                stored[1].responseBody.isEmpty && stored[1].requestHeaders.isEmpty && stored[1].resourceID == nil,
                "a successful read is stored lean")
            #expect(stored[1].keyPrefix.map { server.key.hasPrefix($0) } == true, "its key is still named")
            #expect(!stored[0].requestHeaders.isEmpty && !stored[2].requestHeaders.isEmpty, "writes and failures keep headers")
            #expect(stored[1].summary.contains("jane@acme.com"), "the summary still names what was read")
            #expect(stored[0].requestBody.contains("jane@acme.com"))
            #expect(stored[2].responseBody.contains("\"status\":\"404\""), "a failed read keeps its error body")
            // A member's history in the store: its writes and failures, not its reads.
            #expect(try await server.store.requestLog(RequestLogQuery(resourceID: id)).map(\.status) == [201])
        }
    }

    /// Paused, nothing is stored; resumed, storing goes on.
    @Test func pausedStoringStoresNothingUntilResumed() async throws {
        let server = try await TestServer.make()
        try await withJane(server) { client, recorder, id async throws in
            recorder.setStoring(false)
            #expect(!recorder.isStoring)
            _ = try await client.get("Users/\(id)")
            recorder.setStoring(true)
            _ = try await client.get("Users/no-such-id")

            await recorder.flush()
            let stored = try await server.store.requestLog(RequestLogQuery(limit: 10)).map(\.status)
            #expect(stored == [404, 201], "the read made while paused was not stored")
        }
    }

    @Test func longBodiesAreTruncated() async throws {
        let server = try await TestServer.make(configuration: ServerConfiguration(port: 0, requestLogBodyLimit: 200))
        try await server.run { client, requestLog async throws in
            let recorder = try #require(requestLog)
            _ = try await client.post("Users", OktaBodies.user(String(repeating: "long", count: 100) + "@acme.com"))
            let entry = try #require(try await stored(server, recorder).first)
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
