import SCIM

/// Which provisioning client manages a member or team, as far as the data shows: the `MANAGED` badge, and the
/// warning that the client's next push may overwrite a change made in the console.
///
/// Roster is never told a client's name for certain, so this claims only what the data supports. An `externalId`
/// in Okta's id format (Okta's user and group ids start with `00`: `00u…`, `00g…`) means Okta. Any other
/// `externalId` (Entra ID sends an object id or a mail nickname), or a member or team a SCIM request created
/// (`createdVia == .scim`: Okta's Push Groups sends no `externalId` at all), means some SCIM client.
public enum Provisioning: Hashable, Sendable {
    case okta
    case scimClient

    /// The provisioning of `resource`, or nil when no client manages it (an operator created it, and no client
    /// linked it since).
    public static func of(_ resource: SCIMResource) -> Provisioning? {
        let externalId = resource.externalId ?? ""
        if externalId.hasPrefix("00") { return .okta }
        if !externalId.isEmpty || resource.createdVia == .scim { return .scimClient }
        return nil
    }

    /// The list badge: `okta` or `scim`.
    public var badge: String {
        switch self {
        case .okta: return "okta"
        case .scimClient: return "scim"
        }
    }

    /// The client as the subject of a sentence: `Okta`, `A SCIM client`.
    public var client: String {
        switch self {
        case .okta: return "Okta"
        case .scimClient: return "A SCIM client"
        }
    }

    /// Who manages it, after "managed": `by Okta`, `by a SCIM client`.
    public var by: String {
        switch self {
        case .okta: return "by Okta"
        case .scimClient: return "by a SCIM client"
        }
    }

    /// The detail views' badge: `managed by Okta`, `managed by a SCIM client`.
    public var managedBy: String {
        "managed \(by)"
    }

    /// Why Roster thinks so, for a parenthesis: `externalId 00u1a2…`, or `created over SCIM`.
    public static func evidence(_ resource: SCIMResource) -> String {
        if let externalId = resource.externalId, !externalId.isEmpty { return "externalId \(externalId)" }
        return "created over SCIM"
    }
}

extension SCIMResource {
    /// Which client manages this member or team (see `Provisioning`), nil for none.
    public var provisioning: Provisioning? {
        Provisioning.of(self)
    }
}
