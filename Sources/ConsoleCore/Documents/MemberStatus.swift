import SCIM

/// What the STATUS column says about a member.
public enum MemberStatus: String, Hashable, Sendable {
    case active
    case deactivated
    /// Active, with a phone number that is not `<country_prefix> <telephone_number>` (stored under the `flag`
    /// phone policy for an operator to fix).
    case phoneFlagged = "phone flagged"

    public static func of(_ member: SCIMResource) -> MemberStatus {
        if !member.active { return .deactivated }
        return invalidPhones(member).isEmpty ? .active : .phoneFlagged
    }

    /// The member's phone numbers that fail the product's format (empty values are allowed).
    public static func invalidPhones(_ member: SCIMResource) -> [String] {
        let entries = member.attributes["phoneNumbers"]?.arrayValue ?? []
        return entries.compactMap { $0.objectValue?["value"]?.stringValue }
            .filter { !$0.isEmpty && !PhoneNumberFormat.isValid($0) }
    }

    /// How the status is drawn: flagged stands out, deactivated recedes.
    public var style: StyleRole {
        switch self {
        case .active: return .normal
        case .deactivated: return .dim
        case .phoneFlagged: return .statusClientError
        }
    }
}
