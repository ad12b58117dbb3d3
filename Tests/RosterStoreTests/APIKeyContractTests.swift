import Foundation
import RosterStore
import SCIM
import Testing

@Suite struct APIKeyContractTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: StoreFactory.all)
    func aCreatedKeyAuthenticatesItsOrganization(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let created = try await store.createAPIKey(organizationID: org.id, label: "Okta production", expiresAt: nil, actor: .cli(user: "test"))

        #expect(created.secret.hasPrefix(created.key.prefix + "_"))
        #expect(APIKeySecret.prefix(of: created.secret) == created.key.prefix)
        let auth = try #require(try await store.authenticate(secret: created.secret, at: now))
        #expect(auth.key.id == created.key.id)
        #expect(auth.organization.id == org.id)
        #expect(try await store.apiKeys(organizationID: org.id) == [created.key])
        #expect(try await store.apiKey(idOrPrefix: created.key.id) == created.key)
        #expect(try await store.apiKey(idOrPrefix: created.key.prefix) == created.key)
    }

    @Test(arguments: StoreFactory.all)
    func wrongBlankAndMalformedSecretsAreRefused(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let created = try await store.createAPIKey(organizationID: org.id, label: "k", expiresAt: nil, actor: .cli(user: "test"))
        // Same prefix, different random part: found by prefix, refused by hash.
        var forged = Array(created.secret)
        forged[forged.count - 1] = forged.last == "A" ? "B" : "A"
        for secret in ["", "   ", "rst_", created.key.prefix, String(forged), created.secret + "x", "Bearer " + created.secret,
            created.secret.uppercased(), "rst_zzzzzzzz_" + String(repeating: "a", count: 40)]
        {
            #expect(try await store.authenticate(secret: secret, at: now) == nil, "\(secret)")
        }
    }

    @Test(arguments: StoreFactory.all)
    func rotationKeepsTheOldKeyForTheGracePeriod(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let old = try await store.createAPIKey(organizationID: org.id, label: "Okta", expiresAt: nil, actor: .cli(user: "test"))

        let new = try await store.rotateAPIKey(id: old.key.id, grace: 3600, at: now, actor: .cli(user: "test"))
        #expect(new.key.label == "Okta" && new.key.organizationID == org.id && new.key.id != old.key.id)
        #expect(try await store.authenticate(secret: new.secret, at: now) != nil)
        #expect(try await store.authenticate(secret: old.secret, at: now.addingTimeInterval(3599)) != nil)
        #expect(try await store.authenticate(secret: old.secret, at: now.addingTimeInterval(3601)) == nil)
        let retired = try #require(try await store.apiKey(idOrPrefix: old.key.id))
        #expect(retired.status(at: now) == .retiring)
        #expect(retired.status(at: now.addingTimeInterval(3601)) == .expired)
    }

    @Test(arguments: StoreFactory.all)
    func rotationWithoutGraceRevokesAtOnce(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let old = try await store.createAPIKey(organizationID: org.id, label: "Okta", expiresAt: nil, actor: .cli(user: "test"))
        let new = try await store.rotateAPIKey(id: old.key.prefix, grace: 0, at: now, actor: .cli(user: "test"))
        #expect(try await store.authenticate(secret: old.secret, at: now) == nil)
        #expect(try await store.authenticate(secret: new.secret, at: now) != nil)
        #expect(try await store.apiKey(idOrPrefix: old.key.id)?.status(at: now) == .revoked)
        // A revoked key cannot be rotated again; an unknown one is not found.
        await expectSCIMError(status: 400) { _ = try await store.rotateAPIKey(id: old.key.id, grace: 0, at: now, actor: .cli(user: "test")) }
        await expectSCIMError(status: 404) { _ = try await store.rotateAPIKey(id: "nope", grace: 0, at: now, actor: .cli(user: "test")) }
    }

    @Test(arguments: StoreFactory.all)
    func revokedAndExpiredKeysAreRefused(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let revoked = try await store.createAPIKey(organizationID: org.id, label: "a", expiresAt: nil, actor: .cli(user: "test"))
        try await store.revokeAPIKey(id: revoked.key.id, at: now, actor: .cli(user: "test"))
        #expect(try await store.authenticate(secret: revoked.secret, at: now) == nil)

        let expiring = try await store.createAPIKey(organizationID: org.id, label: "b", expiresAt: now.addingTimeInterval(60), actor: .cli(user: "test"))
        #expect(try await store.authenticate(secret: expiring.secret, at: now) != nil)
        #expect(try await store.authenticate(secret: expiring.secret, at: now.addingTimeInterval(61)) == nil)
        await expectSCIMError(status: 404) { try await store.revokeAPIKey(id: "nope", at: now, actor: .cli(user: "test")) }
    }

    @Test(arguments: StoreFactory.all)
    func keyUseIsRecordedInBatches(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let a = try await store.createAPIKey(organizationID: org.id, label: "a", expiresAt: nil, actor: .cli(user: "test"))
        let b = try await store.createAPIKey(organizationID: org.id, label: "b", expiresAt: nil, actor: .cli(user: "test"))
        try await store.recordKeyUse([a.key.id: now, b.key.id: now.addingTimeInterval(5)])
        // An older report arriving late does not move the time back.
        try await store.recordKeyUse([a.key.id: now.addingTimeInterval(-100)])
        #expect(try await store.apiKey(idOrPrefix: a.key.id)?.lastUsedAt == now)
        #expect(try await store.apiKey(idOrPrefix: b.key.id)?.lastUsedAt == now.addingTimeInterval(5))
    }

    @Test(arguments: StoreFactory.all)
    func keysNeedAnExistingOrganization(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        await expectSCIMError(status: 404) { _ = try await store.createAPIKey(organizationID: "nope", label: "x", expiresAt: nil, actor: .cli(user: "test")) }
    }
}
