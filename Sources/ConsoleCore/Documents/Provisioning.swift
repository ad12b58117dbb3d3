import SCIM

/// Which provisioning client manages a member or team, as far as the data shows: the `MANAGED` badge, and the
/// warning that the client's next push may overwrite a change made in the console.
///
/// Roster is never told a client's name for certain, so this claims only what the data supports. An `externalId`
/// in Okta's id format (Okta's user and group ids start with `00`: `00u…`, `00g…`) means Okta. An `externalId`
/// that is a GUID (`8c2d7e4a-31f0-4b5e-9d2c-6a1f0e3b7c55`) means Entra ID, whose default mappings send a
/// group's object id, and a user's when the admin maps it. Any other `externalId` (Entra's default for users is
/// the mail nickname), or a member or team a SCIM request created (`createdVia == .scim`: Okta's Push Groups
/// sends no `externalId` at all), means some SCIM client.
public enum Provisioning: Hashable, Sendable {
    case okta
    case entra
    case scimClient

    /// The provisioning of `resource`, or nil when no client manages it (an operator created it, and no client
    /// linked it since).
    public static func of(_ resource: SCIMResource) -> Provisioning? {
        let externalId = resource.externalId ?? ""
        if externalId.hasPrefix("00") { return .okta }
        if isGUID(externalId) { return .entra }
        if !externalId.isEmpty || resource.createdVia == .scim { return .scimClient }
        return nil
    }

    /// The list badge: `okta` or `scim`.
    public var badge: String {
        switch self {
        case .okta: return "okta"
        case .entra: return "entra"
        case .scimClient: return "scim"
        }
    }

    /// The client as the subject of a sentence: `Okta`, `A SCIM client`.
    public var client: String {
        switch self {
        case .okta: return "Okta"
        case .entra: return "Entra ID"
        case .scimClient: return "A SCIM client"
        }
    }

    /// Who manages it, after "managed": `by Okta`, `by a SCIM client`.
    public var by: String {
        switch self {
        case .okta: return "by Okta"
        case .entra: return "by Entra ID"
        case .scimClient: return "by a SCIM client"
        }
    }

    /// Whose next push, at the start of a sentence: `Okta's`, `Entra ID's`, `The client's`.
    public var whose: String {
        switch self {
        case .okta: return "Okta's"
        case .entra: return "Entra ID's"
        case .scimClient: return "The client's"
        }
    }

    /// The detail views' badge: `managed by Okta`, `managed by a SCIM client`.
    public var managedBy: String {
        "managed \(by)"
    }

    /// Whether `text` is a GUID as Entra writes object ids: 8-4-4-4-12 hexadecimal digits.
    private static func isGUID(_ text: String) -> Bool {
        let groups = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy { byte in (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) } }
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
