import Foundation
import RosterStore
import SCIM
import Testing

/// Application keys: the change feed's credentials, apart from SCIM keys.
@Suite struct AppKeyContractTests {
    @Test(arguments: StoreFactory.all)
    func appKeysAuthenticateAreScopedAndAreNotSCIMKeys(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let alice = ChangeActor.cli(user: "alice")
        let everything = try await store.createAppKey(organizationID: nil, label: "backend", actor: alice)
        let scoped = try await store.createAppKey(organizationID: org.id, label: "acme sync", actor: alice)
        #expect(everything.secret.hasPrefix("rsa_") && everything.key.prefix.hasPrefix("rsa_"))
        #expect(everything.key.organizationID == nil && scoped.key.organizationID == org.id)
        #expect(scoped.key.canRead(organizationID: org.id) && !scoped.key.canRead(organizationID: "other"))
        #expect(everything.key.canRead(organizationID: "any"))

        let now = Date()
        #expect(try await store.authenticateApp(secret: everything.secret, at: now)?.id == everything.key.id)
        #expect(try await store.authenticateApp(secret: everything.secret + "x", at: now) == nil)
        // A SCIM key is no application key, and the other way round.
        let scim = try await store.createAPIKey(organizationID: org.id, label: "okta", expiresAt: nil, actor: alice)
        #expect(try await store.authenticateApp(secret: scim.secret, at: now) == nil)
        #expect(try await store.authenticate(secret: everything.secret, at: now) == nil)

        #expect(try await store.appKeys().map(\.label) == ["backend", "acme sync"])
        #expect(try await store.appKey(idOrPrefix: scoped.key.prefix)?.id == scoped.key.id)
        #expect(try await store.appKeys().first { $0.id == everything.key.id }?.lastUsedAt != nil, "use is recorded")
        await expectSCIMError(status: 404) {
            _ = try await store.createAppKey(organizationID: "no-such-organization", label: "x", actor: alice)
        }
    }

    @Test(arguments: StoreFactory.all)
    func appKeysRotateAndRevokeLikeSCIMKeysWithAuditEntries(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        let alice = ChangeActor.cli(user: "alice")
        let old = try await store.createAppKey(organizationID: org.id, label: "sync", actor: alice)
        let now = Date()
        let new = try await store.rotateAppKey(id: old.key.id, grace: 3600, at: now, actor: alice)
        #expect(new.key.label == "sync" && new.key.organizationID == org.id)
        #expect(try await store.authenticateApp(secret: old.secret, at: now.addingTimeInterval(60)) != nil, "in its grace")
        #expect(try await store.authenticateApp(secret: old.secret, at: now.addingTimeInterval(3601)) == nil)
        try await store.revokeAppKey(id: new.key.prefix, at: now, actor: alice)
        #expect(try await store.authenticateApp(secret: new.secret, at: now) == nil)
        await expectSCIMError(status: 400) {
            _ = try await store.rotateAppKey(id: new.key.id, grace: 0, at: now, actor: alice)
        }
        let actions = try await store.auditLog(organizationID: org.id, limit: 10).map(\.action)
        #expect(actions == ["appKey.revoked", "appKey.rotated", "appKey.created", "organization.created"])
    }
}
