import Hummingbird
import SCIM
import Testing

/// A URL longer than the HTTP decoder reads gets a SCIM 414, not a bare 400.
@Suite struct URLTooLongTests {
    @Test func anOverlongFilterAnswers414WithASCIMBody() async throws {
        let server = try await TestServer.make()
        try await server.run { client in
            let value = String(repeating: "a", count: 100 * 1024)
            let reply = try await client.get("Users?filter=\(OktaBodies.encoded("userName eq \"\(value)\""))")
            #expect(reply.status == 414)
            #expect(reply.schemas == [SCIMURN.error])
            #expect(reply.json?["status"]?.stringValue == "414")
            #expect(reply.detail?.contains("80 KiB") == true)
        }
    }

    @Test func aLongFilterUnderTheLimitIsStillAnswered() async throws {
        let server = try await TestServer.make()
        try await server.run { client in
            let value = String(repeating: "a", count: 3000)
            let reply = try await client.get("Users?filter=\(OktaBodies.encoded("userName eq \"\(value)\""))")
            #expect(reply.status == 200)
        }
    }
}
