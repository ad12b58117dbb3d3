import GRDB
import SCIM

extension DatabaseError {
    /// The SCIM error a client should see for this database error: 409 `uniqueness` when a name
    /// the client chose (`userName`, a team's `displayName`, an organization's name) is taken
    /// without regard to case. The database enforces the uniqueness, so two racing creates
    /// cannot both win; this only words the refusal. Nil for any other error.
    /// - Parameter value: the name as the client wrote it, to quote in `detail`.
    func uniquenessError(value: String) -> SCIMError? {
        guard extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE, let message else { return nil }
        if message.contains("member.userNameKey") {
            return .uniqueness(
                "userName \"\(value)\" is already taken in this organization (userNames are unique without regard to case)")
        }
        if message.contains("team.displayNameKey") {
            return .uniqueness(
                "A team named \"\(value)\" already exists in this organization (team names are unique without regard to case)")
        }
        if message.contains("organization.nameKey") {
            return .uniqueness("An organization named \"\(value)\" already exists (names are unique without regard to case)")
        }
        return nil
    }
}

/// Runs `body`, rethrowing a UNIQUE violation of a client-chosen name as 409 `uniqueness`
/// (see ``DatabaseError/uniquenessError(value:)``). Other errors pass through.
func mappingUniqueness<T>(of value: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DatabaseError {
        throw error.uniquenessError(value: value) ?? error
    }
}
