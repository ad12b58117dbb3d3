import AsyncHTTPClient
import Hummingbird
import Logging
import NIOHTTP1
import RosterServer
import RosterStore
import SCIM
import Testing

/// `GET /metrics` on its own listener, after real SCIM requests.
@Suite struct MetricsTests {
    @Test func countsRoutesByTemplateAndOrganizationsByRefusal() async throws {
        var configuration = ServerConfiguration(port: 0)
        configuration.rateLimit = RateLimit(perSecond: 1000, burst: 1000)
        configuration.maxPendingWrites = 256
        let server = try await TestServer.make(seats: 1, configuration: configuration)
        let logger = Logger(label: "roster-metrics-test")
        let metrics = ServerMetrics()
        let (ports, onListening) = listeningPort()
        let (metricsPorts, onMetricsListening) = listeningPort()
        let roster = RosterApplication(
            store: server.store, configuration: server.configuration, logger: logger, metrics: metrics,
            onListening: onListening)
        let listener = MetricsListener(
            metrics: metrics, store: server.store, requestLog: roster.requestLog, host: "127.0.0.1", port: 0,
            logger: logger, onListening: onMetricsListening)
        let key = server.key
        let organizationID = server.organization.id
        try await LiveServer.run(roster, services: [listener.application], logger: logger, onListening: ports) { live in
            var iterator = metricsPorts.makeAsyncIterator()
            let metricsPort = try #require(await iterator.next())
            let base = "http://127.0.0.1:\(live.port)/scim/v2"
            let bearer = ["Authorization": "Bearer \(key)", "Content-Type": "application/scim+json"]

            // One member fills the only seat; a second active member is refused for the seat limit.
            let created = try await SCIMClientless.post("\(base)/Users", OktaBodies.user("ada@acme.com"), headers: bearer)
            let id = try #require(created.json?["id"]?.stringValue)
            let refused = try await SCIMClientless.post("\(base)/Users", OktaBodies.user("bob@acme.com"), headers: bearer)
            #expect(refused.status == 403)
            for _ in 0..<3 { #expect(try await httpGet("\(base)/Users/\(id)", headers: bearer).status == 200) }
            #expect(try await httpGet("\(base)/Users", headers: ["Authorization": "Bearer nope"]).status == 401)

            let scrape = try await httpGet("http://127.0.0.1:\(metricsPort)/metrics")
            #expect(scrape.status == 200)
            #expect(scrape.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            let lines = Set(scrape.body.split(separator: "\n").map(String.init))
            let text = scrape.body

            // Routes by template, never by raw path: the member's id appears nowhere.
            #expect(!text.contains(id))
            #expect(lines.contains { $0.hasPrefix("roster_http_requests_total{") && $0.contains("method=\"GET\"")
                && $0.contains("/scim/v2/Users/") && $0.contains("status=\"2xx\"") && $0.hasSuffix(" 3") })
            #expect(text.contains("roster_http_request_duration_seconds_bucket{"))
            // Per organization: requests, refusals by reason, seats.
            #expect(lines.contains("roster_scim_requests_total{organization=\"\(organizationID)\"} 5"))
            #expect(lines.contains("roster_scim_refusals_total{organization=\"\(organizationID)\",reason=\"seat_limit\"} 1"))
            #expect(lines.contains("roster_scim_refusals_total{organization=\"unknown\",reason=\"auth\"} 1"))
            #expect(lines.contains("roster_organization_active_members_count{organization=\"\(organizationID)\"} 1.0"))
            #expect(lines.contains("roster_organization_seat_limit_count{organization=\"\(organizationID)\"} 1.0"))
            #expect(text.contains("roster_request_log_pending_entries "))
            #expect(text.contains("roster_request_log_dropped_entries 0"))
            #expect(lines.contains("roster_scim_writes_pending_count 0.0"))
        }
    }
}

/// POST with AsyncHTTPClient, for tests that run their own listeners.
enum SCIMClientless {
    static func post(
        _ url: String, _ json: JSONValue, headers: [String: String]
    ) async throws -> (status: Int, json: JSONValue?, retryAfter: String?) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: json.jsonString))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), try? JSONParser.parse(String(buffer: body)), response.headers.first(name: "Retry-After"))
    }
}
