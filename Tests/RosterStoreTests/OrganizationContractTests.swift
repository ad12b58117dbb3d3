import Foundation
import RosterStore
import SCIM
import Testing

@Suite struct OrganizationContractTests {
    @Test(arguments: StoreFactory.all)
    func createsListsAndUpdatesOrganizations(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let acme = try await store.createOrganization(name: "Acme", plan: .enterprise, seatLimit: 25, phonePolicy: .strict, actor: .cli(user: "test"))
        let globex = try await store.createOrganization(name: "Globex", plan: .business, seatLimit: 5, phonePolicy: .flag, actor: .cli(user: "test"))

        #expect(try await store.organization(id: acme.id) == acme)
        #expect(try await store.organizations().map(\.name) == ["Acme", "Globex"])
        #expect(acme.activeMembers == 0 && acme.scimEnabled && !globex.scimEnabled)

        var changed = globex
        changed.name = "Globex Corp"
        changed.plan = .enterprise
        changed.seatLimit = 50
        changed.phonePolicy = .strict
        let updated = try await store.updateOrganization(changed, actor: .cli(user: "test"))
        #expect(updated == changed)
        #expect(try await store.organization(id: globex.id) == changed)
        #expect(try await store.organization(id: "no-such-organization") == nil)
    }

    @Test(arguments: StoreFactory.all)
    func organizationNamesAreUniqueWithoutRegardToCase(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        _ = try await store.createOrganization(name: "Société Générale", plan: .enterprise, seatLimit: 1, phonePolicy: .flag, actor: .cli(user: "test"))
        let error = await expectSCIMError(status: 409, scimType: .uniqueness) {
            _ = try await store.createOrganization(name: "SOCIÉTÉ GÉNÉRALE", plan: .free, seatLimit: 1, phonePolicy: .flag, actor: .cli(user: "test"))
        }
        #expect(error?.detail.contains("SOCIÉTÉ GÉNÉRALE") == true)
        #expect(try await store.organizations().count == 1)
    }

    @Test(arguments: StoreFactory.all)
    func updatingAnUnknownOrganizationIs404(_ factory: StoreFactory) async throws {
        let store = try factory.make()
        let ghost = Organization(id: "missing", name: "Ghost", plan: .free, seatLimit: 1, phonePolicy: .flag, createdAt: Date())
        await expectSCIMError(status: 404) { _ = try await store.updateOrganization(ghost, actor: .cli(user: "test")) }
    }
}
