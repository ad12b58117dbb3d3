import Foundation
import RosterStore
import SCIM

/// The console's data over a `Store`: reads go to the store, writes go through `Directory`, so the seat limit,
/// the phone policy and uniqueness apply exactly as they do over SCIM, and every write is recorded in the audit
/// log as `console:<operator>` (by the store, in the write's transaction).
///
/// Works on the embedded store of `roster` and on the database of a server running elsewhere (`--attach`).
public struct StoreDataSource: ConsoleDataSource {
    public let store: any Store
    public let directory: Directory
    /// Who the audit log names: `console:<operator>`.
    public let actor: ChangeActor

    /// - Parameter operatorName: the local user (e.g. `$USER`), recorded in the audit log.
    public init(store: any Store, operatorName: String) {
        self.store = store
        directory = Directory(store: store)
        actor = .console(operator: operatorName)
    }

    public func organizations() async throws -> [Organization] {
        try await store.organizations()
    }

    public func members(organizationID: String, query: ListQuery) async throws -> ListPage {
        try await store.members(organizationID: organizationID, query: query)
    }

    public func member(organizationID: String, id: String) async throws -> SCIMResource? {
        try await store.member(organizationID: organizationID, id: id)
    }

    public func teams(organizationID: String, query: ListQuery) async throws -> ListPage {
        try await store.teams(organizationID: organizationID, query: query)
    }

    public func team(organizationID: String, id: String) async throws -> SCIMResource? {
        try await store.team(organizationID: organizationID, id: id, includeMembers: false)
    }

    /// A page of memberships, each named: by the `display` the client stored with it, else (Entra ID and the
    /// console store none) by the member's userName, read for the whole page in one query.
    public func teamMembers(organizationID: String, teamID: String, offset: Int, limit: Int) async throws -> [MemberRef] {
        let page = try await store.teamMembers(
            organizationID: organizationID, teamID: teamID, offset: offset, limit: limit)
        let unnamed = page.filter { $0.display == nil }.map(\.value)
        guard !unnamed.isEmpty else { return page }
        let members = try await store.members(organizationID: organizationID, ids: unnamed)
        let names = Dictionary(members.map { ($0.id, $0.userName ?? $0.displayName ?? $0.id) }) { first, _ in first }
        return page.map { ref in
            ref.display == nil ? MemberRef(value: ref.value, display: names[ref.value]) : ref
        }
    }

    public func requestLog(_ query: RequestLogQuery) async throws -> [RequestLogEntry] {
        try await store.requestLog(query)
    }

    public func apiKeys(organizationID: String) async throws -> [APIKey] {
        try await store.apiKeys(organizationID: organizationID)
    }

    /// The organization a write is for, fresh (its phone policy decides validation).
    func organization(_ id: String) async throws -> Organization {
        guard let organization = try await store.organization(id: id) else {
            throw SCIMError.notFound("The organization \(id) no longer exists.")
        }
        return organization
    }
}
