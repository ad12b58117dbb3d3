import Foundation
import RosterStore
import SCIM

/// A change the operator asked for. The runtime hands it to `ConsoleDataSource`, which applies it through
/// `Directory` (the same rules as SCIM: seat limit, phone policy, uniqueness) and records it in the audit log.
public enum ConsoleWrite: Hashable, Sendable {
    /// A new member from canonical attributes (the create form).
    case createMember(attributes: JSONObject)
    /// A member's new attributes (the edit form); `expectedVersion` makes a concurrent change a 412, not a loss.
    case replaceMember(id: String, attributes: JSONObject, expectedVersion: Int?)
    /// Deactivate (`false`) or reactivate (`true`), as Okta does with a PATCH of `active`.
    case setMemberActive(id: String, userName: String, active: Bool)
    case deleteMember(id: String, userName: String)
    case createTeam(name: String)
    case renameTeam(id: String, name: String, expectedVersion: Int?)
    /// Deletes the team; its members stay.
    case deleteTeam(id: String, name: String)
    /// Adds the member whose id or `userName` is `member`, resolved by the data source.
    case addTeamMember(teamID: String, member: String)
    case removeTeamMember(teamID: String, memberID: String, display: String)
    case createKey(label: String, expiresAt: Date?)
    /// A new key with the old key's label; the old one keeps working for `grace` seconds (0 revokes it now).
    case rotateKey(id: String, grace: TimeInterval)
    case revokeKey(id: String)

    /// What the flash says it was doing, e.g. `create member jane@example.com`.
    public var description: String {
        switch self {
        case .createMember(let attributes):
            return "create member \(attributes["userName"]?.stringValue ?? "")"
        case .replaceMember(let id, let attributes, _):
            return "save member \(attributes["userName"]?.stringValue ?? id)"
        case .setMemberActive(_, let userName, let active):
            return "\(active ? "reactivate" : "deactivate") \(userName)"
        case .deleteMember(_, let userName):
            return "delete member \(userName)"
        case .createTeam(let name):
            return "create team \(name)"
        case .renameTeam(_, let name, _):
            return "rename team to \(name)"
        case .deleteTeam(_, let name):
            return "delete team \(name)"
        case .addTeamMember(_, let member):
            return "add \(member) to the team"
        case .removeTeamMember(_, _, let display):
            return "remove \(display) from the team"
        case .createKey(let label, _):
            return "create key \(label)"
        case .rotateKey:
            return "rotate the key"
        case .revokeKey:
            return "revoke the key"
        }
    }
}

/// What a successful write returned, for the flash, the refreshed views and the secret dialog.
public enum WriteOutcome: Hashable, Sendable {
    /// A member as stored after the write.
    case member(SCIMResource)
    /// A team as stored after the write, and member ids that were skipped because no member has them.
    case team(SCIMResource, skippedMemberIDs: [String])
    /// The member that was added to a team.
    case teamMemberAdded(team: SCIMResource, member: MemberRef)
    case deleted
    /// A new key and its secret, shown once; for a rotation also the key it replaces.
    case key(NewAPIKey, replaced: APIKeyReplacement?)
    case keyRevoked
}

/// The key a rotation replaced and how long it keeps working.
public struct APIKeyReplacement: Hashable, Sendable {
    public var prefix: String
    public var grace: TimeInterval

    public init(prefix: String, grace: TimeInterval) {
        self.prefix = prefix
        self.grace = grace
    }
}
