import SCIM

/// The one place where SCIM writes are checked and handed to the store, shared by the HTTP server,
/// the console and the CLI so that all three enforce the same rules.
///
/// It canonicalises bodies, applies the organization's phone policy through
/// `ResourceValidator`, runs PATCHes inside the store's read-modify-write transaction, and refuses
/// a PUT whose body names another resource. What a write means once it reaches the store (a new
/// version or none, a seat taken, its events and audit entry) is decided by the rules every store
/// applies inside its transaction (``MemberRules``, ``TeamRules``, ``SeatLimit``, ``ChangeEvents``).
public struct Directory: Sendable {
    public let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    // MARK: Members

    /// Creates a member from a SCIM User body (`POST /Users`).
    public func createMember(in organization: Organization, body: JSONValue, actor: ChangeActor) async throws -> SCIMResource {
        let input = try ResourceInput.canonicalize(body, kind: .user)
        return try await createMember(in: organization, attributes: input.attributes, actor: actor)
    }

    /// Creates a member from canonical attributes (the console's form).
    public func createMember(in organization: Organization, attributes: JSONObject, actor: ChangeActor) async throws -> SCIMResource {
        try validate(attributes, kind: .user, in: organization)
        return try await store.createMember(organizationID: organization.id, attributes: attributes, actor: actor)
    }

    /// Replaces a member with a SCIM User body (`PUT /Users/{id}`); `expectedVersion` comes from `If-Match`.
    public func replaceMember(
        in organization: Organization, id: String, body: JSONValue, expectedVersion: Int?, actor: ChangeActor
    ) async throws -> SCIMResource {
        let input = try ResourceInput.canonicalize(body, kind: .user)
        try Self.checkBodyID(input.bodyID, pathID: id, kind: .user)
        return try await replaceMember(
            in: organization, id: id, attributes: input.attributes, expectedVersion: expectedVersion, actor: actor)
    }

    /// Replaces a member's attributes with canonical ones.
    public func replaceMember(
        in organization: Organization, id: String, attributes: JSONObject, expectedVersion: Int?, actor: ChangeActor
    ) async throws -> SCIMResource {
        try validate(attributes, kind: .user, in: organization)
        return try await store.replaceMember(
            organizationID: organization.id, id: id, attributes: attributes, expectedVersion: expectedVersion, actor: actor)
    }

    /// Applies a PATCH to a member inside the store's transaction, so concurrent PATCHes never
    /// overwrite each other; the patched member is validated before it is saved.
    public func patchMember(
        in organization: Organization, id: String, patch: PatchRequest, expectedVersion: Int?, actor: ChangeActor
    ) async throws -> SCIMResource {
        let strictPhones = organization.phonePolicy == .strict
        return try await store.modifyMember(
            organizationID: organization.id, id: id, expectedVersion: expectedVersion, actor: actor
        ) { current in
            let result = try PatchEngine.apply(patch, to: current)
            try ResourceValidator.validate(result.attributes, kind: .user, rejectNonconformingPhones: strictPhones)
            return result.attributes
        }
    }

    /// Deletes a member for good (Entra may send it; Okta deactivates instead).
    public func deleteMember(in organization: Organization, id: String, expectedVersion: Int?, actor: ChangeActor) async throws {
        try await store.deleteMember(organizationID: organization.id, id: id, expectedVersion: expectedVersion, actor: actor)
    }

    // MARK: Teams

    /// Creates a team from a SCIM Group body (`POST /Groups`), with the members it lists.
    public func createTeam(in organization: Organization, body: JSONValue, actor: ChangeActor) async throws -> TeamWriteResult {
        let input = try ResourceInput.canonicalize(body, kind: .group)
        try validate(input.attributes, kind: .group, in: organization)
        return try await store.createTeam(
            organizationID: organization.id, attributes: input.attributes, members: input.members ?? [], actor: actor)
    }

    /// Replaces a team's name and member set (`PUT /Groups/{id}`). A body without `members` empties
    /// the team, as a full replacement (RFC 7644 §3.5.1) implies.
    public func replaceTeam(
        in organization: Organization, id: String, body: JSONValue, expectedVersion: Int?, actor: ChangeActor
    ) async throws -> TeamWriteResult {
        let input = try ResourceInput.canonicalize(body, kind: .group)
        try Self.checkBodyID(input.bodyID, pathID: id, kind: .group)
        try validate(input.attributes, kind: .group, in: organization)
        return try await store.replaceTeam(
            organizationID: organization.id, id: id, attributes: input.attributes, members: input.members ?? [],
            expectedVersion: expectedVersion, actor: actor)
    }

    /// Applies a PATCH to a team inside the store's transaction; membership steps are applied by
    /// the store at O(changed members), and ids of non-members are skipped, not refused.
    public func patchTeam(
        in organization: Organization, id: String, patch: PatchRequest, expectedVersion: Int?, actor: ChangeActor
    ) async throws -> TeamWriteResult {
        try await store.modifyTeam(
            organizationID: organization.id, id: id, expectedVersion: expectedVersion, actor: actor
        ) { current in
            let result = try PatchEngine.apply(patch, to: current)
            try ResourceValidator.validate(result.attributes, kind: .group, rejectNonconformingPhones: false)
            return result
        }
    }

    /// Deletes a team; its members stay.
    public func deleteTeam(in organization: Organization, id: String, expectedVersion: Int?, actor: ChangeActor) async throws {
        try await store.deleteTeam(organizationID: organization.id, id: id, expectedVersion: expectedVersion, actor: actor)
    }

    // MARK: Rules

    private func validate(_ attributes: JSONObject, kind: ResourceKind, in organization: Organization) throws(SCIMError) {
        try ResourceValidator.validate(attributes, kind: kind, rejectNonconformingPhones: organization.phonePolicy == .strict)
    }

    /// Okta echoes the resource's own `id` in PUT bodies; an id naming another resource is refused
    /// rather than silently ignored, because the client is then confused about what it writes.
    static func checkBodyID(_ bodyID: String?, pathID: String, kind: ResourceKind) throws(SCIMError) {
        guard let bodyID, !bodyID.isEmpty, bodyID != pathID else { return }
        throw SCIMError.invalidValue(
            "The body's id '\(bodyID)' does not match the \(kind.rawValue) id '\(pathID)' in the URL; "
                + "send the same id or leave it out.")
    }
}
