import SCIM

extension Store {
    /// A store that keeps resources rather than their text renders the member it reads.
    public func storedMember(organizationID: String, id: String) async throws -> StoredMember? {
        try await member(organizationID: organizationID, id: id).map(StoredMember.init)
    }
}
