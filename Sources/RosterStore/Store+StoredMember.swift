import SCIM

extension Store {
    /// A store that keeps resources rather than their text renders the member it reads.
    public func storedMember(organizationID: String, id: String) async throws -> StoredMember? {
        try await member(organizationID: organizationID, id: id).map(StoredMember.init)
    }

    /// A store that keeps resources rather than their text renders the members it reads.
    public func storedMembers(organizationID: String, query: ListQuery) async throws -> StoredMemberPage {
        let page = try await members(organizationID: organizationID, query: query)
        return StoredMemberPage(totalResults: page.totalResults, resources: page.resources.map(StoredMember.init))
    }
}

/// One page of a member list as stored (see ``Store/storedMembers(organizationID:query:)``).
public typealias StoredMemberPage = Page<StoredMember>
