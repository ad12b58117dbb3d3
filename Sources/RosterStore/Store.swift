import Foundation
import SCIM

/// Everything Roster keeps, behind one contract so that the embedded SQLite store and a future
/// PostgreSQL store are interchangeable (one contract test suite runs against each).
///
/// Methods take and return core values, never database rows. Errors are ``SCIMError``s with the
/// status a SCIM client should see: 404 for an id not in the organization (another organization's
/// id included), 409 `uniqueness`, 412 for a version mismatch, 403 for the seat limit. Every write
/// is one transaction: it is durable when the method returns, and on error nothing changed.
///
/// A store decides no product rule. It reads the current state, asks the rules (``MemberRules``,
/// ``TeamRules``, ``SeatLimit``, ``VersionCheck``, ``OrganizationRules``, ``APIKeyRules``), and
/// writes what they return, guaranteeing only atomicity: the seat check against the organization's
/// active count in the same transaction as the insert, a membership delta applied as row inserts
/// and deletes, and every change written with its events (``ChangeEvents``) and, for an
/// operator's change, its audit entry (``AuditEntries``) in one transaction.
public protocol Store: Sendable {
    // MARK: Organizations

    func createOrganization(
        name: String, plan: Plan, seatLimit: Int, phonePolicy: PhonePolicy, actor: ChangeActor
    ) async throws -> Organization
    func organizations() async throws -> [Organization]
    func organization(id: String) async throws -> Organization?
    /// Saves name, plan, seat limit and phone policy (not the member count, which the store keeps),
    /// with an `organization.updated` event when any of them changed.
    func updateOrganization(_ organization: Organization, actor: ChangeActor) async throws -> Organization

    // MARK: API keys

    func createAPIKey(organizationID: String, label: String, expiresAt: Date?, actor: ChangeActor) async throws -> NewAPIKey
    func apiKeys(organizationID: String) async throws -> [APIKey]
    /// The key whose id or visible prefix is `idOrPrefix`.
    func apiKey(idOrPrefix: String) async throws -> APIKey?
    /// The key and organization a presented secret belongs to, if the key is usable at `now`.
    func authenticate(secret: String, at now: Date) async throws -> (key: APIKey, organization: Organization)?
    /// Issues a new key with the old key's label and organization; the old key keeps working for
    /// `grace` (0 revokes it at once).
    func rotateAPIKey(id: String, grace: TimeInterval, at now: Date, actor: ChangeActor) async throws -> NewAPIKey
    func revokeAPIKey(id: String, at now: Date, actor: ChangeActor) async throws
    /// Records when keys were last used (batched by the server; one write for many requests).
    func recordKeyUse(_ lastUsed: [String: Date]) async throws

    // MARK: Application keys (the change feed's API)

    /// A key for `organizationID`'s feed, or every organization's when nil.
    func createAppKey(organizationID: String?, label: String, actor: ChangeActor) async throws -> NewAppKey
    func appKeys() async throws -> [AppKey]
    /// The key whose id or visible prefix is `idOrPrefix`.
    func appKey(idOrPrefix: String) async throws -> AppKey?
    /// The application key a presented secret belongs to, if it is usable at `now`; records its use.
    func authenticateApp(secret: String, at now: Date) async throws -> AppKey?
    func rotateAppKey(id: String, grace: TimeInterval, at now: Date, actor: ChangeActor) async throws -> NewAppKey
    func revokeAppKey(id: String, at now: Date, actor: ChangeActor) async throws

    // MARK: Members (SCIM Users)

    /// Creates a member from validated canonical attributes. Throws 409 when `userName` is taken
    /// (without regard to case) and 403 when an active member would pass the seat limit.
    func createMember(organizationID: String, attributes: JSONObject, actor: ChangeActor) async throws -> SCIMResource
    /// The member with its `groups` loaded, or nil.
    func member(organizationID: String, id: String) async throws -> SCIMResource?
    /// The member as stored (attributes as their JSON text), for rendering a `GET` without parsing
    /// it; nil when the organization has no such member. Defaults to ``member(organizationID:id:)``.
    func storedMember(organizationID: String, id: String) async throws -> StoredMember?
    /// A page of members as stored, like ``members(organizationID:query:)`` (the query's `filter`, sort and
    /// page), for rendering a list without parsing every member. Defaults to that method.
    func storedMembers(organizationID: String, query: ListQuery) async throws -> StoredMemberPage
    func replaceMember(
        organizationID: String, id: String, attributes: JSONObject, expectedVersion: Int?, actor: ChangeActor
    ) async throws -> SCIMResource
    /// Read-modify-write in one transaction: `change` gets the current member and returns its new
    /// attributes (a PATCH). Concurrent modifications are serialised, never lost.
    func modifyMember(
        organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor,
        change: @escaping @Sendable (SCIMResource) throws -> JSONObject
    ) async throws -> SCIMResource
    func deleteMember(organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor) async throws
    func members(organizationID: String, query: ListQuery) async throws -> ListPage
    /// The organization's members among `ids`, without their groups, in no particular order; ids
    /// that are not its members are left out. One read for the names beside a page of memberships.
    func members(organizationID: String, ids: [String]) async throws -> [SCIMResource]

    // MARK: Teams (SCIM Groups)

    /// Creates a team with `members`, each keeping the `display` it carries; ids that are not
    /// members of the organization are skipped and reported in the result.
    func createTeam(organizationID: String, attributes: JSONObject, members: [MemberRef], actor: ChangeActor) async throws -> TeamWriteResult
    func team(organizationID: String, id: String, includeMembers: Bool) async throws -> SCIMResource?
    /// Replaces the team's attributes and makes its members exactly `members`, each with exactly
    /// the `display` it carries (nil clears a stored one: a PUT is a full replacement).
    func replaceTeam(
        organizationID: String, id: String, attributes: JSONObject, members: [MemberRef], expectedVersion: Int?, actor: ChangeActor
    ) async throws -> TeamWriteResult
    /// Read-modify-write in one transaction; the membership steps of the result are applied in
    /// order at O(changed members). `change` gets the team without its members.
    func modifyTeam(
        organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor,
        change: @escaping @Sendable (SCIMResource) throws -> PatchResult
    ) async throws -> TeamWriteResult
    /// Deletes the team; its members stay.
    func deleteTeam(organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor) async throws
    func teams(organizationID: String, query: ListQuery) async throws -> ListPage
    /// The team, handed to `render` with a reader of its members, in one read: `render` writes the
    /// members where it wants them (response bytes) row by row instead of loading them all, and they
    /// are the members of the version it sees. Nil when the organization has no such team.
    func readTeam<Rendered: Sendable>(
        organizationID: String, id: String, render: @Sendable (SCIMResource, any TeamMemberReader) throws -> Rendered
    ) async throws -> Rendered?
    /// A page of teams (as ``teams(organizationID:query:)`` without members, whatever
    /// `query.includeMembers` says), handed to `render` with a reader of their members, in one read.
    func readTeams<Rendered: Sendable>(
        organizationID: String, query: ListQuery, render: @Sendable (ListPage, any TeamMemberReader) throws -> Rendered
    ) async throws -> Rendered
    /// A page of a team's members, in a stable order, for browsing big teams.
    func teamMembers(organizationID: String, teamID: String, offset: Int, limit: Int) async throws -> [MemberRef]

    // MARK: Logs

    func appendRequestLog(_ entries: [RequestLogEntry]) async throws
    /// Appends a packed batch in one transaction (the server's path; see ``RequestLogBatch``).
    /// Defaults to ``appendRequestLog(_:)-([RequestLogEntry])`` with the entries unpacked.
    func appendRequestLog(_ batch: RequestLogBatch) async throws
    func requestLog(_ query: RequestLogQuery) async throws -> [RequestLogEntry]
    /// Deletes all but the newest `keepLatest` entries and every entry older than `olderThan`.
    /// Returns how many were deleted.
    @discardableResult
    func pruneRequestLog(keepLatest: Int, olderThan: Date) async throws -> Int
    /// The newest audit entries first (written by the store with each operator's change).
    func auditLog(organizationID: String?, limit: Int) async throws -> [AuditEntry]

    // MARK: Change feed

    /// Up to `limit` events after feed position `position` (from the oldest retained when nil),
    /// oldest first, of one organization or of all. Positions increase in commit order, so paging
    /// with the last position read gives every event exactly once.
    func events(after position: Int64?, organizationID: String?, types: Set<ChangeEventType>?, limit: Int) async throws -> [ChangeEvent]
    /// The position retention has pruned through: events at or before it are gone, so a cursor
    /// before it can no longer be read without missing some (0 when nothing was pruned).
    func eventsPrunedThrough() async throws -> Int64
    /// Deletes events created before `olderThan`, in transactions small enough not to hold writers
    /// up, but never the newest event; returns how many were deleted.
    @discardableResult
    func pruneEvents(olderThan: Date) async throws -> Int
}
