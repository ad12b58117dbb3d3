import SCIM

/// Builds Okta's SCIM requests exactly as okta-requests.md §1–2 shows them: the constant query
/// parameters, `%20`-encoded filters, the header set, and the bodies field by field in Okta's order.
public struct OktaRequests: Sendable {
    /// The API key, sent as `Authorization: Bearer <key>`.
    public var token: String

    public static let userAgent = "Okta SCIM Client 1.0.0"
    public static let accept = "application/scim+json"
    public static let scimJSON = "application/scim+json; charset=utf-8"
    /// The rename PATCH arrives as plain JSON, without `schemas` (jelhub/scimgateway#112).
    public static let plainJSON = "application/json"
    /// Okta's fixed page size for imports and lookups.
    public static let pageSize = 100

    public init(token: String) {
        self.token = token
    }

    // MARK: Users

    /// R1, first request: `GET /Users?startIndex=1&count=2`.
    public func testUsers() -> SimulatedRequest {
        get(.testUsers, "/Users?startIndex=1&count=2")
    }

    /// R1, second request: `GET /Groups?startIndex=1&count=100`.
    public func testGroups() -> SimulatedRequest {
        get(.testGroups, "/Groups?startIndex=1&count=\(Self.pageSize)")
    }

    /// R2: `GET /Users?filter=userName eq "<login>"&startIndex=1&count=100`.
    public func lookupUser(_ userName: String) -> SimulatedRequest {
        get(
            .lookupUser,
            "/Users?filter=\(Self.encode("userName eq \(quoted(userName))"))&startIndex=1&count=\(Self.pageSize)")
    }

    /// R3: `POST /Users` with Okta's create body.
    public func createUser(_ person: Person) -> SimulatedRequest {
        send(.createUser, .post, "/Users", UserBodies.create(person))
    }

    /// R4: `GET /Users/{id}`.
    public func getUser(_ id: String) -> SimulatedRequest {
        get(.getUser, "/Users/\(Self.encode(id))")
    }

    /// R5: `PUT /Users/{id}` with the server's own representation, Okta's profile applied.
    public func replaceUser(_ id: String, current: JSONValue, person: Person, active: Bool) -> SimulatedRequest {
        send(.replaceUser, .put, "/Users/\(Self.encode(id))", UserBodies.replace(current, with: person, active: active))
    }

    /// R6: `PATCH /Users/{id}` `{"op":"replace","value":{"active":…}}`, no path.
    public func setActive(_ id: String, _ active: Bool) -> SimulatedRequest {
        let operation: JSONValue = ["op": "replace", "value": ["active": .bool(active)]]
        return send(.setUserActive, .patch, "/Users/\(Self.encode(id))", patchBody([operation]))
    }

    /// R7: one import page, `GET /Users?startIndex=S&count=100`.
    public func importUsers(startIndex: Int, kind: RequestKind = .importUsers) -> SimulatedRequest {
        get(kind, "/Users?startIndex=\(startIndex)&count=\(Self.pageSize)")
    }

    // MARK: Groups

    /// R8: `POST /Groups` `{"schemas":[Group],"displayName":…,"members":[]}`.
    public func createGroup(_ displayName: String) -> SimulatedRequest {
        let body: JSONValue = ["schemas": [.string(SCIMURN.group)], "displayName": .string(displayName), "members": []]
        return send(.createGroup, .post, "/Groups", body)
    }

    /// R9: `GET /Groups?filter=displayName eq "<name>"&startIndex=1&count=100`.
    public func lookupGroup(_ displayName: String) -> SimulatedRequest {
        get(
            .lookupGroup,
            "/Groups?filter=\(Self.encode("displayName eq \(quoted(displayName))"))&startIndex=1&count=\(Self.pageSize)"
        )
    }

    /// R10: one group import page.
    public func importGroups(startIndex: Int, kind: RequestKind = .importGroups) -> SimulatedRequest {
        get(kind, "/Groups?startIndex=\(startIndex)&count=\(Self.pageSize)")
    }

    /// R11: `GET /Groups/{id}`.
    public func getGroup(_ id: String) -> SimulatedRequest {
        get(.getGroup, "/Groups/\(Self.encode(id))")
    }

    /// R12: the rename Okta sends before every membership push: a pathless replace whose value
    /// carries the group's `id` and `displayName`, with no `schemas` and `Content-Type: application/json`.
    public func renameGroup(_ id: String, to displayName: String) -> SimulatedRequest {
        let operation: JSONValue = [
            "op": "replace", "value": ["id": .string(id), "displayName": .string(displayName)],
        ]
        let body: JSONValue = ["Operations": [operation]]
        return send(.renameGroup, .patch, "/Groups/\(Self.encode(id))", body, contentType: Self.plainJSON)
    }

    /// R13: one remove with a filtered path per leaving member, then one add with all joiners.
    public func membershipDelta(_ id: String, add: [MemberValue], remove: [String]) -> SimulatedRequest {
        var operations: [JSONValue] = remove.map { memberID in
            ["op": "remove", "path": .string("members[value eq \(quoted(memberID))]")]
        }
        if !add.isEmpty {
            operations.append(["op": "add", "path": "members", "value": .array(add.map(\.json))])
        }
        return send(.membershipDelta, .patch, "/Groups/\(Self.encode(id))", patchBody(operations))
    }

    /// R14: Push Now, `replace` of `members` with the whole set, `"value": []` for an empty group.
    public func replaceMembers(_ id: String, _ members: [MemberValue]) -> SimulatedRequest {
        let operation: JSONValue = ["op": "replace", "path": "members", "value": .array(members.map(\.json))]
        return send(.replaceMembers, .patch, "/Groups/\(Self.encode(id))", patchBody([operation]))
    }

    /// R16: `DELETE /Groups/{id}` after an unlink with "Delete the group in the target app".
    public func deleteGroup(_ id: String) -> SimulatedRequest {
        get(.deleteGroup, "/Groups/\(Self.encode(id))", method: .delete)
    }

    // MARK: Discovery

    /// R17: `GET /ResourceTypes` (Import User Schema).
    public func resourceTypes() -> SimulatedRequest { get(.resourceTypes, "/ResourceTypes") }

    /// R17: `GET /Schemas`.
    public func schemas() -> SimulatedRequest { get(.schemas, "/Schemas") }

    // MARK: Shapes

    /// A group member as Okta sends it: `value` (our id) and `display` (the login), no `type`.
    public struct MemberValue: Sendable, Hashable {
        public var value: String
        public var display: String
        public init(value: String, display: String) {
            self.value = value
            self.display = display
        }
        var json: JSONValue { ["value": .string(value), "display": .string(display)] }
    }

    private func patchBody(_ operations: [JSONValue]) -> JSONValue {
        ["schemas": [.string(SCIMURN.patchOp)], "Operations": .array(operations)]
    }

    private func headers(contentType: String?) -> [SimulatedRequest.Header] {
        var headers = [
            SimulatedRequest.Header("User-Agent", Self.userAgent),
            SimulatedRequest.Header("Accept", Self.accept),
            SimulatedRequest.Header("Authorization", "Bearer \(token)"),
        ]
        if let contentType { headers.append(.init("Content-Type", contentType)) }
        return headers
    }

    private func get(_ kind: RequestKind, _ path: String, method: SimulatedRequest.Method = .get) -> SimulatedRequest {
        SimulatedRequest(kind: kind, method: method, path: path, headers: headers(contentType: nil), body: nil)
    }

    private func send(
        _ kind: RequestKind, _ method: SimulatedRequest.Method, _ path: String, _ body: JSONValue,
        contentType: String = scimJSON
    ) -> SimulatedRequest {
        SimulatedRequest(kind: kind, method: method, path: path, headers: headers(contentType: contentType), body: body)
    }

    /// A string as a SCIM filter literal: `"…"` with `"` and `\` escaped.
    private func quoted(_ text: String) -> String {
        JSONWriter().string(.string(text))
    }

    /// Percent-encodes everything but RFC 3986 unreserved ASCII, as Okta does (`%20`, `%22`, `%40`).
    public static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])"
            }
        }
        return out
    }
}
