import Foundation
import RosterStore
import SCIM

/// What an empty database gets on first start, so that a new user can connect Okta at once:
/// the organization `Default` (Enterprise, 100 seats) and one API key, shown only this once.
struct FirstRun {
    var organization: Organization
    var key: NewAPIKey

    /// Happens once per database, not once per server: when several servers share one
    /// (PostgreSQL) and start together, the unique organization name lets only one create
    /// `Default`; the others see the conflict and start without a first run.
    static func bootstrapIfEmpty(_ store: any Store) async throws -> FirstRun? {
        guard try await store.organizations().isEmpty else { return nil }
        let org: Organization
        do {
            org = try await store.createOrganization(
                name: "Default", plan: .enterprise, seatLimit: 100, phonePolicy: .strict, actor: .commandLine)
        } catch let error as SCIMError where error.scimType == .uniqueness {
            return nil
        }
        let key = try await store.createAPIKey(organizationID: org.id, label: "first key", expiresAt: nil, actor: .commandLine)
        return FirstRun(organization: org, key: key)
    }

    func message(baseURL: String) -> String {
        """
        created organization \(organization.name) (\(organization.plan), \(organization.seatLimit) seats) and its first API key, shown only this once:
          \(key.secret)
        SCIM base URL: \(baseURL)
        In Okta: Provisioning › Integration › SCIM connector base URL = the base URL, Authentication Mode = HTTP Header, token = the key.
        """
    }
}
