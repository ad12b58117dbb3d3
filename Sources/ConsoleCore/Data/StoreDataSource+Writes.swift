import Foundation
import RosterStore
import SCIM

extension StoreDataSource {
    public func perform(_ write: ConsoleWrite, organizationID: String, at now: Date) async throws -> WriteOutcome {
        let org = try await organization(organizationID)
        // The store writes each change's audit entry in the change's own transaction.
        switch write {
        case .createMember(let attributes):
            let member = try await directory.createMember(in: org, attributes: attributes, actor: actor)
            return .member(member)
        case .replaceMember(let id, let attributes, let expectedVersion):
            let member = try await directory.replaceMember(
                in: org, id: id, attributes: attributes, expectedVersion: expectedVersion, actor: actor)
            return .member(member)
        case .setMemberActive(let id, let userName, let active):
            let patch = PatchRequest(operations: [
                PatchOperation(op: .replace, path: PatchPath(attribute: AttributePath(attribute: "active")),
                               value: .bool(active)),
            ])
            let member = try await directory.patchMember(in: org, id: id, patch: patch, expectedVersion: nil, actor: actor)
            return .member(member)
        case .deleteMember(let id, let userName):
            try await directory.deleteMember(in: org, id: id, expectedVersion: nil, actor: actor)
            return .deleted
        case .createTeam(let name):
            let body: JSONValue = ["schemas": [.string(SCIMURN.group)], "displayName": .string(name)]
            let result = try await directory.createTeam(in: org, body: body, actor: actor)
            return .team(result.team, skippedMemberIDs: result.skippedMemberIDs)
        case .renameTeam(let id, let name, let expectedVersion):
            let patch = PatchRequest(operations: [
                PatchOperation(op: .replace, path: PatchPath(attribute: AttributePath(attribute: "displayName")),
                               value: .string(name)),
            ])
            let result = try await directory.patchTeam(
                in: org, id: id, patch: patch, expectedVersion: expectedVersion, actor: actor)
            return .team(result.team, skippedMemberIDs: result.skippedMemberIDs)
        case .deleteTeam(let id, let name):
            try await directory.deleteTeam(in: org, id: id, expectedVersion: nil, actor: actor)
            return .deleted
        case .addTeamMember(let teamID, let wanted):
            let member = try await resolveMember(wanted, in: org)
            let ref = MemberRef(value: member.id, display: member.userName)
            var value = JSONObject()
            value["value"] = .string(member.id)
            if let display = ref.display { value["display"] = .string(display) }
            let patch = PatchRequest(operations: [
                PatchOperation(op: .add, path: PatchPath(attribute: AttributePath(attribute: "members")),
                               value: .array([.object(value)])),
            ])
            let result = try await directory.patchTeam(in: org, id: teamID, patch: patch, expectedVersion: nil, actor: actor)
            return .teamMemberAdded(team: result.team, member: ref)
        case .removeTeamMember(let teamID, let memberID, let display):
            let path = PatchPath(
                attribute: AttributePath(attribute: "members"),
                valueFilter: .compare(AttributePath(attribute: "value"), .eq, .string(memberID)))
            let patch = PatchRequest(operations: [PatchOperation(op: .remove, path: path)])
            let result = try await directory.patchTeam(in: org, id: teamID, patch: patch, expectedVersion: nil, actor: actor)
            return .team(result.team, skippedMemberIDs: result.skippedMemberIDs)
        case .createKey(let label, let expiresAt):
            let new = try await store.createAPIKey(organizationID: org.id, label: label, expiresAt: expiresAt, actor: actor)
            return .key(new, replaced: nil)
        case .rotateKey(let id, let grace):
            let old = try await ownedKey(id, in: org)
            let new = try await store.rotateAPIKey(id: old.id, grace: grace, at: now, actor: actor)
            return .key(new, replaced: APIKeyReplacement(prefix: old.prefix, grace: grace))
        case .revokeKey(let id):
            let key = try await ownedKey(id, in: org)
            try await store.revokeAPIKey(id: key.id, at: now, actor: actor)
            return .keyRevoked
        }
    }

    /// The member whose id or `userName` (without regard to case) is `text`.
    func resolveMember(_ text: String, in org: Organization) async throws -> SCIMResource {
        if let byID = try? await store.member(organizationID: org.id, id: text) { return byID }
        let query = ListQuery(
            filter: .compare(AttributePath(attribute: "userName"), .eq, .string(text)), count: 1, includeMembers: false)
        if let byName = try await store.members(organizationID: org.id, query: query).resources.first { return byName }
        throw SCIMError.notFound("No member of \(org.name) has the id or userName '\(text)'.")
    }

    /// The key `id` if it belongs to `org` (a key of another organization is not found, as over the CLI).
    func ownedKey(_ id: String, in org: Organization) async throws -> APIKey {
        guard let key = try await store.apiKeys(organizationID: org.id).first(where: { $0.id == id }) else {
            throw SCIMError.notFound("\(org.name) has no API key \(id).")
        }
        return key
    }
}
