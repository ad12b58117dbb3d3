import Foundation
import RosterSimulator
import RosterStore

/// The demo's organization and key, made through the store (setup only: the simulator itself uses HTTP).
struct DemoOrganization: Sendable {
    static let name = "Roster demo"

    var organization: Organization
    /// The key's full secret, for the simulator's `Authorization: Bearer`.
    var key: String

    /// What the simulator should expect from this organization.
    var rules: ProductRules {
        ProductRules(
            seatLimit: organization.seatLimit, phonePolicy: organization.phonePolicy == .flag ? .flag : .strict)
    }

    /// Reuses the organization "Roster demo" or creates it (Enterprise, strict phones, a seat limit the
    /// scenario's onboarding of `people` runs into), and gives the `idp` simulator a new key.
    static func prepare(
        in store: any Store, people: [Person], scenario: Scenario, idp: IdentityProvider
    ) async throws -> DemoOrganization {
        let organization: Organization
        if let existing = try await store.organizations().first(where: { $0.name == name }) {
            organization = existing
        } else {
            let seats = scenario.demoSeatLimit(for: people, phonePolicy: .strict)
            organization = try await store.createOrganization(
                name: name, plan: .enterprise, seatLimit: seats, phonePolicy: .strict, actor: .commandLine)
        }
        let key = try await store.createAPIKey(
            organizationID: organization.id, label: "\(idp.displayName) demo simulator", expiresAt: nil, actor: .commandLine)
        return DemoOrganization(organization: organization, key: key.secret)
    }

    /// One line for the start of a run.
    func banner(baseURL: String) -> String {
        "Roster demo: organization \"\(organization.name)\" (\(organization.plan), \(organization.seatLimit) seats, "
            + "\(organization.phonePolicy.rawValue) phone policy), SCIM base URL \(baseURL)"
    }
}
