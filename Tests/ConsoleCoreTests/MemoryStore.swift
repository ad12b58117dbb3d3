import ConsoleCore
import Foundation
import RosterStore
import SCIM

/// A small in-memory `Store` for testing `StoreDataSource` without a database (the SQLite store needs GRDB, which
/// this test target does not link; the real integration test belongs to the terminal step). It keeps the rules
/// the console relies on: `userName` unique without regard to case (409), the seat limit (403), versions (412),
/// membership steps. Methods the console never calls throw 501 so a test that reaches one fails loudly.
actor MemoryStore: Store {
    private var orgs: [String: Organization] = [:]
    private var keys: [String: APIKey] = [:]
    private var members: [String: SCIMResource] = [:]
    private var teams: [String: (team: SCIMResource, members: [MemberRef])] = [:]
    private var memberOrg: [String: String] = [:]
    private var teamOrg: [String: String] = [:]
    private(set) var audit: [AuditEntry] = []
    private var log: [RequestLogEntry] = []
    private var counter = 0
    private let now: Date

    init(organizations: [Organization], now: Date) {
        for org in organizations { orgs[org.id] = org }
        self.now = now
    }

    private func nextID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(counter)"
    }

    private func unused(_ name: String) -> SCIMError {
        SCIMError.notImplemented("MemoryStore.\(name) is not used by the console")
    }

    // MARK: Organizations

    func createOrganization(name: String, plan: Plan, seatLimit: Int, phonePolicy: PhonePolicy) async throws -> Organization {
        throw unused("createOrganization")
    }
    func organizations() async throws -> [Organization] { orgs.values.sorted { $0.name < $1.name } }
    func organization(id: String) async throws -> Organization? { orgs[id] }
    func updateOrganization(_ organization: Organization) async throws -> Organization { throw unused("updateOrganization") }

    // MARK: API keys

    func createAPIKey(organizationID: String, label: String, expiresAt: Date?) async throws -> NewAPIKey {
        let id = nextID("key")
        let key = APIKey(id: id, organizationID: organizationID, label: label, prefix: "rst_\(id)", createdAt: now,
                         expiresAt: expiresAt)
        keys[id] = key
        return NewAPIKey(key: key, secret: "rst_\(id)_secret")
    }
    func apiKeys(organizationID: String) async throws -> [APIKey] {
        keys.values.filter { $0.organizationID == organizationID }.sorted { $0.id < $1.id }
    }
    func apiKey(idOrPrefix: String) async throws -> APIKey? { throw unused("apiKey") }
    func authenticate(secret: String, at now: Date) async throws -> (key: APIKey, organization: Organization)? {
        throw unused("authenticate")
    }
    func rotateAPIKey(id: String, grace: TimeInterval, at now: Date) async throws -> NewAPIKey {
        guard var old = keys[id] else { throw SCIMError.notFound("no key \(id)") }
        let new = try await createAPIKey(organizationID: old.organizationID, label: old.label, expiresAt: nil)
        if grace == 0 { old.revokedAt = now } else { old.expiresAt = now.addingTimeInterval(grace) }
        keys[id] = old
        return new
    }
    func revokeAPIKey(id: String, at now: Date) async throws {
        keys[id]?.revokedAt = now
    }
    func recordKeyUse(_ lastUsed: [String: Date]) async throws { throw unused("recordKeyUse") }

    // MARK: Members

    func createMember(organizationID: String, attributes: JSONObject, actor: ChangeActor) async throws -> SCIMResource {
        try checkUnique(attributes, organizationID: organizationID, except: nil)
        let active = attributes["active"]?.boolValue ?? true
        if active, let org = orgs[organizationID], org.activeMembers >= org.seatLimit {
            throw SCIMError.forbidden("\(org.name) has \(org.activeMembers) of \(org.seatLimit) seats in use.")
        }
        let member = SCIMResource(kind: .user, id: nextID("m"), attributes: attributes,
                                  meta: ResourceMeta(created: now, lastModified: now, version: 1), groups: [],
                                  createdVia: actor.origin)
        members[member.id] = member
        memberOrg[member.id] = organizationID
        if active { orgs[organizationID]?.activeMembers += 1 }
        return member
    }

    func member(organizationID: String, id: String) async throws -> SCIMResource? {
        memberOrg[id] == organizationID ? members[id] : nil
    }

    func replaceMember(
        organizationID: String, id: String, attributes: JSONObject, expectedVersion: Int?, actor: ChangeActor
    ) async throws -> SCIMResource {
        try await modifyMember(organizationID: organizationID, id: id, expectedVersion: expectedVersion, actor: actor) { _ in
            attributes
        }
    }

    func modifyMember(
        organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor,
        change: @escaping @Sendable (SCIMResource) throws -> JSONObject
    ) async throws -> SCIMResource {
        guard var member = try await member(organizationID: organizationID, id: id) else {
            throw SCIMError.notFound("Member \(id) not found")
        }
        if let expectedVersion, expectedVersion != member.meta.version {
            throw SCIMError.preconditionFailed("Member \(id) changed meanwhile (version \(member.meta.version)).")
        }
        let attributes = try change(member)
        try checkUnique(attributes, organizationID: organizationID, except: id)
        let wasActive = member.active
        member.attributes = attributes
        member.meta.version += 1
        members[id] = member
        if wasActive != member.active { orgs[organizationID]?.activeMembers += member.active ? 1 : -1 }
        return member
    }

    func deleteMember(organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor) async throws {
        guard let member = try await member(organizationID: organizationID, id: id) else {
            throw SCIMError.notFound("Member \(id) not found")
        }
        if member.active { orgs[organizationID]?.activeMembers -= 1 }
        members[id] = nil
    }

    func members(organizationID: String, query: ListQuery) async throws -> ListPage {
        let all = members.values.filter { memberOrg[$0.id] == organizationID }
            .filter { member in query.filter.map { FilterEvaluator.matches($0, member.attributes, kind: .user) } ?? true }
            .sorted { $0.id < $1.id }
        let start = min(all.count, max(0, query.startIndex - 1))
        return ListPage(totalResults: all.count, resources: Array(all[start..<min(all.count, start + query.count)]))
    }

    func members(organizationID: String, ids: [String]) async throws -> [SCIMResource] {
        ids.compactMap { id in memberOrg[id] == organizationID ? members[id] : nil }
    }

    private func checkUnique(_ attributes: JSONObject, organizationID: String, except id: String?) throws {
        let key = CaseFolding.key(attributes["userName"]?.stringValue ?? "")
        let taken = members.values.contains {
            memberOrg[$0.id] == organizationID && $0.id != id && CaseFolding.key($0.userName ?? "") == key
        }
        if taken { throw SCIMError.uniqueness("userName '\(attributes["userName"]?.stringValue ?? "")' is taken.") }
    }

    // MARK: Teams

    func createTeam(organizationID: String, attributes: JSONObject, members refs: [MemberRef], actor: ChangeActor) async throws -> TeamWriteResult {
        let team = SCIMResource(kind: .group, id: nextID("t"), attributes: attributes,
                                meta: ResourceMeta(created: now, lastModified: now, version: 1), memberCount: refs.count,
                                createdVia: actor.origin)
        teams[team.id] = (team, refs)
        teamOrg[team.id] = organizationID
        return TeamWriteResult(team: team, skippedMemberIDs: [])
    }

    func team(organizationID: String, id: String, includeMembers: Bool) async throws -> SCIMResource? {
        guard teamOrg[id] == organizationID, let stored = teams[id] else { return nil }
        var team = stored.team
        team.memberCount = stored.members.count
        if includeMembers { team.members = stored.members }
        return team
    }

    func replaceTeam(
        organizationID: String, id: String, attributes: JSONObject, members: [MemberRef], expectedVersion: Int?, actor: ChangeActor
    ) async throws -> TeamWriteResult {
        throw unused("replaceTeam")
    }

    func modifyTeam(
        organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor,
        change: @escaping @Sendable (SCIMResource) throws -> PatchResult
    ) async throws -> TeamWriteResult {
        guard teamOrg[id] == organizationID, var stored = teams[id] else { throw SCIMError.notFound("Team \(id) not found") }
        if let expectedVersion, expectedVersion != stored.team.meta.version {
            throw SCIMError.preconditionFailed("Team \(id) changed meanwhile.")
        }
        let result = try change(stored.team)
        var skipped: [String] = []
        for step in result.membership {
            switch step {
            case .add(let refs):
                for ref in refs where !stored.members.contains(where: { $0.value == ref.value }) {
                    if memberOrg[ref.value] == organizationID { stored.members.append(ref) } else { skipped.append(ref.value) }
                }
            case .remove(let ids):
                stored.members.removeAll { ids.contains($0.value) }
            case .removeAll:
                stored.members.removeAll()
            case .removeMatching:
                throw unused("modifyTeam(removeMatching)")
            }
        }
        stored.team.attributes = result.attributes
        stored.team.meta.version += 1
        stored.team.memberCount = stored.members.count
        teams[id] = stored
        return TeamWriteResult(team: stored.team, skippedMemberIDs: skipped)
    }

    func deleteTeam(organizationID: String, id: String, expectedVersion: Int?, actor: ChangeActor) async throws {
        guard teamOrg[id] == organizationID else { throw SCIMError.notFound("Team \(id) not found") }
        teams[id] = nil
    }

    func teams(organizationID: String, query: ListQuery) async throws -> ListPage {
        let all = teams.values.map(\.team).filter { teamOrg[$0.id] == organizationID }.sorted { $0.id < $1.id }
        return ListPage(totalResults: all.count, resources: all)
    }

    func readTeam<Rendered: Sendable>(
        organizationID: String, id: String, render: @Sendable (SCIMResource, any TeamMemberReader) throws -> Rendered
    ) async throws -> Rendered? {
        guard let team = try await team(organizationID: organizationID, id: id, includeMembers: false) else { return nil }
        return try render(team, MemoryTeamMembers(members: [id: teams[id]?.members ?? []]))
    }

    func readTeams<Rendered: Sendable>(
        organizationID: String, query: ListQuery, render: @Sendable (ListPage, any TeamMemberReader) throws -> Rendered
    ) async throws -> Rendered {
        let page = try await teams(organizationID: organizationID, query: query)
        let members = Dictionary(uniqueKeysWithValues: page.resources.map { ($0.id, teams[$0.id]?.members ?? []) })
        return try render(page, MemoryTeamMembers(members: members))
    }

    func teamMembers(organizationID: String, teamID: String, offset: Int, limit: Int) async throws -> [MemberRef] {
        guard teamOrg[teamID] == organizationID, let stored = teams[teamID] else { return [] }
        return Array(stored.members.dropFirst(offset).prefix(limit))
    }

    // MARK: Logs

    func appendRequestLog(_ entries: [RequestLogEntry]) async throws { log += entries }
    func requestLog(_ query: RequestLogQuery) async throws -> [RequestLogEntry] {
        log.filter { query.resourceID == nil || $0.resourceID == query.resourceID }.prefix(query.limit).map { $0 }
    }
    func pruneRequestLog(keepLatest: Int, olderThan: Date) async throws -> Int { throw unused("pruneRequestLog") }
    func appendAudit(_ entry: AuditEntry) async throws { audit.append(entry) }
    func auditLog(organizationID: String?, limit: Int) async throws -> [AuditEntry] { Array(audit.suffix(limit)) }
}

/// The members of the teams a `MemoryStore` read handed out, copied at that read.
private struct MemoryTeamMembers: TeamMemberReader {
    let members: [String: [MemberRef]]

    func forEachMember(ofTeam id: String, _ visit: (MemberRef) throws -> Void) throws {
        for member in members[id] ?? [] { try visit(member) }
    }
}
