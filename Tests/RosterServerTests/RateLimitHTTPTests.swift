import Hummingbird
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

/// 429 over real requests: per API key, and per address for requests without a valid key.
@Suite struct RateLimitHTTPTests {
    @Test func aKeyPastItsRateGets429WithAnIntegerRetryAfterAndASCIMBody() async throws {
        var configuration = ServerConfiguration(port: 0, requestLogFlushInterval: .milliseconds(20))
        // One request per 100 s after a burst of 3: slow enough that a loaded machine adds no token mid-test.
        configuration.rateLimit = RateLimit(perSecond: 0.01, burst: 3)
        let server = try await TestServer.make(configuration: configuration)
        try await server.run { client in
            for _ in 0..<3 { #expect(try await client.get("Users").status == 200) }
            let refused = try await client.get("Users")
            #expect(refused.status == 429)
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...100).contains(retryAfter))
            #expect(refused.schemas == [SCIMURN.error])
            #expect(refused.json?["status"]?.stringValue == "429")
            #expect(refused.detail?.contains("retry after \(retryAfter) s") == true)
            try await Task.sleep(for: .milliseconds(200))
        }
        // The request log records it as a refusal, with the key and organization.
        let entries = try await server.store.requestLog(RequestLogQuery())
        let logged = try #require(entries.first { $0.status == 429 })
        #expect(logged.summary.contains("rate limited"))
        #expect(logged.organizationID == server.organization.id)
    }

    @Test func badKeysFromOneAddressSlowDownToItsRate() async throws {
        var configuration = ServerConfiguration(port: 0)
        configuration.unauthenticatedRateLimit = RateLimit(perSecond: 0.05, burst: 2)
        let server = try await TestServer.make(configuration: configuration)
        try await server.run { client in
            let guess = Credential.header("Bearer rst_guess_0000000000000000")
            #expect(try await client.get("Users", credential: guess).status == 401)
            #expect(try await client.get("Users", credential: .none).status == 401)
            let slowed = try await client.get("Users", credential: guess)
            #expect(slowed.status == 429)
            #expect(slowed.headers[.retryAfter].flatMap { Int($0) }.map { (1...20).contains($0) } == true)
            // While the address is slowed down, even a right key waits: a guess that happens to be right tells
            // the guesser nothing until the address's rate allows it (RateLimiterTests: and then it may go).
            #expect(try await client.get("Users").status == 429)
        }
    }
}
