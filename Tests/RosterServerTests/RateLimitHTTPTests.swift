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
        configuration.rateLimit = RateLimit(perSecond: 0.5, burst: 3)
        let server = try await TestServer.make(configuration: configuration)
        try await server.run { client in
            for _ in 0..<3 { #expect(try await client.get("Users").status == 200) }
            let refused = try await client.get("Users")
            #expect(refused.status == 429)
            #expect(refused.headers[.retryAfter] == "2")
            #expect(refused.schemas == [SCIMURN.error])
            #expect(refused.json?["status"]?.stringValue == "429")
            #expect(refused.detail?.contains("retry after 2 s") == true)
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
        configuration.unauthenticatedRateLimit = RateLimit(perSecond: 1, burst: 2)
        let server = try await TestServer.make(configuration: configuration)
        try await server.run { client in
            let guess = Credential.header("Bearer rst_guess_0000000000000000")
            #expect(try await client.get("Users", credential: guess).status == 401)
            #expect(try await client.get("Users", credential: .none).status == 401)
            let slowed = try await client.get("Users", credential: guess)
            #expect(slowed.status == 429)
            #expect(slowed.headers[.retryAfter] == "1")
            // While the address is slowed down, even a right key waits: a guess that happens to be right tells
            // the guesser nothing until the address's rate allows it.
            #expect(try await client.get("Users").status == 429)
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await client.get("Users").status == 200)
        }
    }
}
