import SCIM

/// One HTTP request exactly as the simulated Okta or Entra ID sends it: method, path and query relative to the
/// SCIM base URL, headers in order, and the JSON body.
public struct SimulatedRequest: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Which of Okta's or Entra's requests this is (okta-requests.md §1, entra-requests.md §1).
    public var kind: RequestKind
    public var method: Method
    /// Path and query below the base URL, e.g. `/Users?startIndex=1&count=2`.
    public var path: String
    public var headers: [Header]
    public var body: JSONValue?

    /// The body as sent on the wire (compact JSON), nil without one.
    public var bodyText: String? { body.map { JSONWriter().string($0) } }

    /// The value of header `name` (any case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// `PATCH /Groups/{id}` for display, the query left out.
    public var line: String {
        "\(method.rawValue) \(path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path)"
    }
}

/// Okta's and Entra's requests, by the numbers of okta-requests.md §1 and entra-requests.md §1, so a
/// summary can count them by kind.
public enum RequestKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case testUsers, testGroups, lookupUser, createUser, getUser, replaceUser, setUserActive, importUsers
    case createGroup, lookupGroup, importGroups, getGroup, renameGroup, membershipDelta, replaceMembers
    case deleteGroup, resourceTypes, schemas
    case entraProbeUsers, entraProbeGroups, entraMatchUser, entraCreateUser, entraReadUser, entraUpdateUser
    case entraDisableUser, entraEnableUser, entraDeleteUser, entraMatchGroup, entraCreateGroup, entraReadGroup, entraRenameGroup
    case entraAddMembers, entraRemoveMembers, entraDeleteGroup
    case readBackUsers, readBackGroups

    /// `R1`…`R17` (Okta), `E1`…`E19` (Entra); `end` for the simulator's own read-back after the run.
    public var code: String {
        switch self {
        case .entraProbeUsers, .entraProbeGroups: "E1"
        case .entraMatchUser: "E2"
        case .entraCreateUser: "E4"
        case .entraReadUser: "E5"
        case .entraUpdateUser: "E6"
        case .entraDisableUser: "E10"
        case .entraEnableUser: "E11"
        case .entraDeleteUser: "E12"
        case .entraMatchGroup: "E13"
        case .entraCreateGroup: "E14"
        case .entraReadGroup: "E15"
        case .entraRenameGroup: "E16"
        case .entraAddMembers: "E17"
        case .entraRemoveMembers: "E18"
        case .entraDeleteGroup: "E19"
        case .testUsers, .testGroups: "R1"
        case .lookupUser: "R2"
        case .createUser: "R3"
        case .getUser: "R4"
        case .replaceUser: "R5"
        case .setUserActive: "R6"
        case .importUsers: "R7"
        case .createGroup: "R8"
        case .lookupGroup: "R9"
        case .importGroups: "R10"
        case .getGroup: "R11"
        case .renameGroup: "R12"
        case .membershipDelta: "R13"
        case .replaceMembers: "R14"
        case .deleteGroup: "R16"
        case .resourceTypes, .schemas: "R17"
        case .readBackUsers, .readBackGroups: "end"
        }
    }

    public var label: String {
        switch self {
        case .testUsers: "test API credentials (users)"
        case .testGroups: "test API credentials (groups)"
        case .lookupUser: "look up user by userName"
        case .createUser: "create user"
        case .getUser: "read user"
        case .replaceUser: "replace user (profile)"
        case .setUserActive: "deactivate / reactivate"
        case .importUsers: "import users (page)"
        case .createGroup: "push group (create)"
        case .lookupGroup: "look up group by name"
        case .importGroups: "import groups (page)"
        case .getGroup: "read group"
        case .renameGroup: "rename group"
        case .membershipDelta: "membership delta"
        case .replaceMembers: "Push Now (replace members)"
        case .deleteGroup: "unlink and delete group"
        case .resourceTypes: "schema discovery (ResourceTypes)"
        case .schemas: "schema discovery (Schemas)"
        case .entraProbeUsers: "test connection (random userName)"
        case .entraProbeGroups: "test connection (random group)"
        case .entraMatchUser: "match user by userName"
        case .entraCreateUser: "create user"
        case .entraReadUser: "read user"
        case .entraUpdateUser: "update user (PATCH)"
        case .entraDisableUser: "disable user (soft delete)"
        case .entraEnableUser: "re-enable user"
        case .entraDeleteUser: "delete user (hard delete)"
        case .entraMatchGroup: "match group by displayName"
        case .entraCreateGroup: "create group"
        case .entraReadGroup: "read group without members"
        case .entraRenameGroup: "rename group"
        case .entraAddMembers: "add members"
        case .entraRemoveMembers: "remove members"
        case .entraDeleteGroup: "delete group"
        case .readBackUsers: "read back users"
        case .readBackGroups: "read back groups"
        }
    }

    public static func < (a: RequestKind, b: RequestKind) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
