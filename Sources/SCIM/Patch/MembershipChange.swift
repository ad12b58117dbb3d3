/// What a PATCH or PUT does to a team's membership, expressed as steps the store applies in
/// order inside the same transaction, so that a change costs O(changed members) and never
/// rewrites a 100,000-member list.
public enum MembershipChange: Sendable, Hashable {
    /// Add these members (a union). A member already in the team stays; its stored `display` is
    /// replaced when the new one is not nil, so a later push can correct it but never erases it.
    case add([MemberRef])
    /// Remove these member ids (ids not in the team are ignored).
    case remove([String])
    /// Remove every member.
    case removeAll
    /// Remove the members matching a filter over `value`, `display` and `type` that is not a
    /// plain `value eq "…"` (those become ``remove(_:)``).
    case removeMatching(Filter)
}

/// The outcome of applying a PATCH to a resource: its new attributes and, for a team, the
/// membership steps to apply.
public struct PatchResult: Sendable, Hashable {
    public var attributes: JSONObject
    public var membership: [MembershipChange]

    public init(attributes: JSONObject, membership: [MembershipChange] = []) {
        self.attributes = attributes
        self.membership = membership
    }
}
