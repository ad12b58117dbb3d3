import PostgresNIO
import SCIM

/// The SQLSTATEs the store turns into answers a client can act on.
enum SQLState {
    static let uniqueViolation = "23505"
}

extension PSQLError {
    /// The SQLSTATE the server sent, if this is a server error.
    var sqlState: String? { serverInfo?[.sqlState] }

    /// The constraint a violation names.
    var constraint: String? { serverInfo?[.constraintName] }
}

/// Runs `body`, rethrowing a unique violation of a client-chosen name as 409 `uniqueness`: the
/// database enforces the uniqueness, so two racing creates on two servers cannot both win; this
/// only words the refusal. Other errors pass through.
/// - Parameter value: the name as the client wrote it, to quote in `detail`.
func mappingUniqueness<T>(of value: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as PSQLError where error.sqlState == SQLState.uniqueViolation {
        switch error.constraint?.lowercased() {
        case "member_usernamekey":
            throw SCIMError.uniqueness(
                "userName \"\(value)\" is already taken in this organization (userNames are unique without regard to case)")
        case "team_displaynamekey":
            throw SCIMError.uniqueness(
                "A team named \"\(value)\" already exists in this organization (team names are unique without regard to case)")
        case "organization_namekey_key":
            throw SCIMError.uniqueness("An organization named \"\(value)\" already exists (names are unique without regard to case)")
        default:
            throw error
        }
    }
}

/// Runs a whole transaction, turning the database errors a client can cause into SCIM errors and
/// the rest into a 500 that says what failed (never the SQL or the bound values).
func mappingDatabaseErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as SCIMError {
        throw error
    } catch let error as PSQLError {
        if error.sqlState == SQLState.uniqueViolation {
            throw SCIMError.uniqueness("The change conflicts with a unique value written at the same time; retry it")
        }
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        throw SCIMError(status: 500, detail: "The database refused the request: \(message)")
    }
}
