import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

/// API key authentication (okta-requests.md §0 "Authorization") and the Enterprise plan rule.
@Suite struct AuthenticationTests {
    @Test func bearerInAnyCaseAndTheBareKeyAreAccepted() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            #expect(try await client.get("Users", credential: .bearer).status == 200)
            #expect(try await client.get("Users", credential: .bare).status == 200)
            #expect(try await client.get("Users", credential: .header("bearer \(client.key)")).status == 200)
            #expect(try await client.get("Users", credential: .header("BEARER  \(client.key) ")).status == 200)
        }
    }

    @Test(arguments: [Credential.none, .header(""), .header("Bearer"), .header("Bearer "), .header("non-token"),
                      .header("Bearer rst_aaaaaaaa_0000000000000000000000000000000000000000")])
    func missingBlankOrUnknownKeysAre401(credential: Credential) async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            let reply = try await client.get("Users?startIndex=1&count=2", credential: credential)
            #expect(reply.status == 401)
            #expect(reply.headers[.wwwAuthenticate] == "Bearer realm=\"roster\"")
            #expect(reply.json?["status"]?.stringValue == "401")
            #expect(reply.schemas.contains(SCIMURN.error))
            #expect(reply.detail?.isEmpty == false)
            #expect(reply.detail?.contains("non-token") == false)
            #expect(reply.headers[.contentType] == "application/scim+json; charset=utf-8")
        }
    }

    @Test func everyEndpointNeedsTheKey() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            for path in ["ServiceProviderConfig", "Schemas", "ResourceTypes", "Groups", "Nowhere", "Bulk"] {
                #expect(try await client.get(path, credential: .none).status == 401, "\(path)")
            }
            #expect(try await client.get("/healthz", credential: .none).status == 200)
        }
    }

    /// A revoked key stops working within the auth cache's lifetime (1 s), and the detail says why
    /// without echoing the secret.
    @Test func revokedKeyStopsWorkingWithinASecond() async throws {
        let server = try await TestServer.make()
        try await server.run { client async throws in
            #expect(try await client.get("Users").status == 200)
            try await server.store.revokeAPIKey(id: server.keyID, at: Date(), actor: .cli(user: "test"))
            try await Task.sleep(for: .milliseconds(1100))
            let reply = try await client.get("Users")
            #expect(reply.status == 401)
            #expect(reply.detail?.contains("revoked") == true)
            #expect(reply.detail?.contains(client.key) == false)
        }
    }

    @Test func expiredKeyIsRefused() async throws {
        let server = try await TestServer.make()
        // Long enough that the first request lands before expiry while the whole suite loads the machine.
        let expiry = Date().addingTimeInterval(8)
        let expiring = try await server.store.createAPIKey(
            organizationID: server.organization.id, label: "short", expiresAt: expiry, actor: .cli(user: "test"))
        try await server.run { client async throws in
            #expect(try await client.get("Users", credential: .header("Bearer \(expiring.secret)")).status == 200)
            try await Task.sleep(for: .seconds(expiry.timeIntervalSinceNow + 0.2))
            let reply = try await client.get("Users", credential: .header("Bearer \(expiring.secret)"))
            #expect(reply.status == 401)
            #expect(reply.detail?.contains("expired") == true)
        }
    }

    /// A key sees only its organization: another organization's member is a 404.
    @Test func anotherOrganizationsIDsAreNotFound() async throws {
        let server = try await TestServer.make()
        let other = try await server.store.createOrganization(name: "Globex", plan: .enterprise, seatLimit: 10, phonePolicy: .strict, actor: .cli(user: "test"))
        let foreign = try await server.store.createMember(
            organizationID: other.id, attributes: JSONObject([("userName", "hank@globex.com")]), actor: .console(operator: "test"))
        try await server.run { client async throws in
            let reply = try await client.get("Users/\(foreign.id)")
            #expect(reply.status == 404)
            #expect(reply.detail?.contains("User") == true)
            #expect(try await client.get("Users").totalResults == 0)
            let patch = try await client.patch("Users/\(foreign.id)", OktaBodies.setActive(false))
            #expect(patch.status == 404)
            #expect(patch.detail == "No User with id '\(foreign.id)' exists in this organization.")
            let group = try await client.patch(
                "Groups/010101001010101011001010101011", OktaBodies.patch([["op": "replace", "value": ["displayName": "X"]]]))
            #expect(group.status == 404)
            #expect(group.detail == "No Group with id '010101001010101011001010101011' exists in this organization.")
        }
    }

    @Test func lastUseIsRecorded() async throws {
        let server = try await TestServer.make(configuration: ServerConfiguration(port: 0, keyUseFlushInterval: .milliseconds(50)))
        try await server.run { client async throws in
            #expect(try await client.get("Users").status == 200)
            try await Task.sleep(for: .milliseconds(300))
            let key = try await server.store.apiKey(idOrPrefix: server.keyID)
            #expect(key?.lastUsedAt != nil)
        }
    }

    @Test(arguments: [Plan.business, .starter, .free])
    func organizationsWithoutEnterpriseGet403(plan: Plan) async throws {
        let server = try await TestServer.make(plan: plan)
        try await server.run { client async throws in
            for path in ["Users?startIndex=1&count=2", "Groups?startIndex=1&count=100", "ServiceProviderConfig"] {
                let reply = try await client.get(path)
                #expect(reply.status == 403)
                #expect(reply.json?["status"]?.stringValue == "403")
                #expect(reply.detail?.contains("Enterprise plan") == true)
                #expect(reply.detail?.lowercased().contains(plan.rawValue) == true)
            }
            #expect(try await client.post("Users", OktaBodies.user("x@acme.com")).status == 403)
        }
        #expect(try await server.store.members(organizationID: server.organization.id, query: ListQuery()).totalResults == 0)
    }
}
