import SCIM

/// A team's members, read one at a time inside the store read that loaded the team (see
/// ``Store/readTeam(organizationID:id:render:)``), so a caller can turn a 100,000-member team into
/// response bytes without first holding 100,000 ``MemberRef``s, and still see the members exactly as
/// they were when the team's version was read.
///
/// Valid only during the `render` call it is handed to.
public protocol TeamMemberReader {
    /// Calls `visit` with each member of the team `id`, in the order `team(…includeMembers: true)`
    /// lists them. A team the read did not load has no members here.
    func forEachMember(ofTeam id: String, _ visit: (MemberRef) throws -> Void) throws
}
