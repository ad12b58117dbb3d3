import SCIM

/// What a team write means, decided here once for every store: a team has a new version when its
/// own attributes or its member list changed, and not otherwise.
public enum TeamRules {
    /// The record to store for a team's attributes (`displayName` unique without regard to case).
    public static func record(_ attributes: JSONObject) throws(SCIMError) -> TeamRecord {
        try TeamRecord(attributes)
    }

    /// Whether a write to `current` that leaves it with `attributes` and changed its members
    /// (`membershipChanged`) makes a new version.
    public static func isNewVersion(_ current: SCIMResource, attributes: JSONObject, membershipChanged: Bool) -> Bool {
        attributes != current.attributes || membershipChanged
    }
}
