import Foundation
import SCIM

/// Builds Entra ID's SCIM requests as entra-requests.md §1–2 shows them: filters with spaces as `+`
/// (form encoding, as Entra's logged requests show), capitalised ops without the `aadOptscim062020`
/// flag, `"False"`/`"True"` for `active`, `$ref: null` on member values, `excludedAttributes=members`
/// on every group read, and no `Accept` header.
public struct EntraRequests: Sendable {
    /// The Secret Token, sent as `Authorization: Bearer <token>`.
    public var token: String

    /// Microsoft documents no User-Agent for its provisioning service; this one names Microsoft and
    /// Azure, which is what Roster recognises Entra by.
    public static let userAgent = "Microsoft Azure Active Directory SCIM Provisioning"
    public static let scimJSON = "application/scim+json; charset=utf-8"

    public init(token: String) {
        self.token = token
    }

    // MARK: Users

    /// E1: Test Connection and the start-of-activity probe, `userName eq "<random GUID>"`.
    public func probeUsers(_ guid: String) -> SimulatedRequest {
        get(.entraProbeUsers, "/Users?filter=\(Self.encode("userName eq \(quoted(guid))"))")
    }

    /// E1, the group half of Test Connection: E13 with a random GUID.
    public func probeGroups(_ guid: String) -> SimulatedRequest {
        get(.entraProbeGroups, "/Groups?excludedAttributes=members&filter=\(Self.encode("displayName eq \(quoted(guid))"))")
    }

    /// E2: `GET /Users?filter=userName eq "<UPN>"`.
    public func matchUser(_ userName: String) -> SimulatedRequest {
        get(.entraMatchUser, "/Users?filter=\(Self.encode("userName eq \(quoted(userName))"))")
    }

    /// E4: `POST /Users` with TUT's body shape: both schemas, `externalId` (the object id), `active`,
    /// the work e-mail, `meta`, `name`, `roles: []`, and the mapped work phone, title and enterprise
    /// attributes.
    public func createUser(_ person: Person) -> SimulatedRequest {
        var body = JSONObject()
        body["schemas"] = [.string(SCIMURN.user), .string(SCIMURN.enterpriseUser)]
        body["externalId"] = .string(Self.objectID(of: person))
        body["userName"] = .string(person.userName)
        body["active"] = true
        body["displayName"] = .string(person.displayName)
        body["title"] = .string(person.title)
        body["emails"] = [["primary": true, "type": "work", "value": .string(person.email)]]
        body["meta"] = ["resourceType": "User"]
        body["name"] = [
            "formatted": .string(person.displayName), "familyName": .string(person.familyName),
            "givenName": .string(person.givenName),
        ]
        // Entra skips null and empty source attributes rather than sending them (MAP).
        if !person.phone.isEmpty { body["phoneNumbers"] = [["type": "work", "value": .string(person.phone)]] }
        body["roles"] = []
        body[SCIMURN.enterpriseUser] = [
            "employeeNumber": .string(person.employeeNumber), "department": .string(person.department),
        ]
        return send(.entraCreateUser, .post, "/Users", .object(body))
    }

    /// E5: `GET /Users/{id}`.
    public func readUser(_ id: String) -> SimulatedRequest {
        get(.entraReadUser, "/Users/\(Self.pathEncode(id))")
    }

    /// E6/E7: one `Replace` per changed attribute, filtered paths for multi-valued ones.
    public func updateUser(_ id: String, _ changes: [(path: String, value: JSONValue)]) -> SimulatedRequest {
        let operations: [JSONValue] = changes.map { ["op": "Replace", "path": .string($0.path), "value": $0.value] }
        return send(.entraUpdateUser, .patch, "/Users/\(Self.pathEncode(id))", patchBody(operations))
    }

    /// E10 / E11 without the flag: `Replace` `active` with the string `"False"` or `"True"`.
    public func setActive(_ id: String, _ active: Bool) -> SimulatedRequest {
        let operation: JSONValue = ["op": "Replace", "path": "active", "value": .string(active ? "True" : "False")]
        return send(active ? .entraEnableUser : .entraDisableUser, .patch, "/Users/\(Self.pathEncode(id))", patchBody([operation]))
    }

    /// E12: `DELETE /Users/{id}`.
    public func deleteUser(_ id: String) -> SimulatedRequest {
        get(.entraDeleteUser, "/Users/\(Self.pathEncode(id))", method: .delete)
    }

    // MARK: Groups

    /// E13: `GET /Groups?excludedAttributes=members&filter=displayName eq "<name>"`.
    public func matchGroup(_ displayName: String) -> SimulatedRequest {
        get(.entraMatchGroup, "/Groups?excludedAttributes=members&filter=\(Self.encode("displayName eq \(quoted(displayName))"))")
    }

    /// E14: `POST /Groups` with Microsoft's extra schema URI, `externalId` (the object id) and no members.
    public func createGroup(_ displayName: String, objectID: String) -> SimulatedRequest {
        let body: JSONValue = [
            "schemas": [.string(SCIMURN.group), "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
            "externalId": .string(objectID), "displayName": .string(displayName), "meta": ["resourceType": "Group"],
        ]
        return send(.entraCreateGroup, .post, "/Groups", body)
    }

    /// E15: `GET /Groups/{id}?excludedAttributes=members`.
    public func readGroup(_ id: String) -> SimulatedRequest {
        get(.entraReadGroup, "/Groups/\(Self.pathEncode(id))?excludedAttributes=members")
    }

    /// E16: `Replace` `displayName`.
    public func renameGroup(_ id: String, to displayName: String) -> SimulatedRequest {
        let operation: JSONValue = ["op": "Replace", "path": "displayName", "value": .string(displayName)]
        return send(.entraRenameGroup, .patch, "/Groups/\(Self.pathEncode(id))", patchBody([operation]))
    }

    /// E17: `Add` `members` with `[{"$ref": null, "value": id}, …]`.
    public func addMembers(_ id: String, _ memberIDs: [String]) -> SimulatedRequest {
        send(.entraAddMembers, .patch, "/Groups/\(Self.pathEncode(id))", patchBody([members("Add", memberIDs)]))
    }

    /// E18, default form: `Remove` `members` with a value array, meaning "remove these".
    public func removeMembers(_ id: String, _ memberIDs: [String]) -> SimulatedRequest {
        send(.entraRemoveMembers, .patch, "/Groups/\(Self.pathEncode(id))", patchBody([members("Remove", memberIDs)]))
    }

    /// E19: `DELETE /Groups/{id}`.
    public func deleteGroup(_ id: String) -> SimulatedRequest {
        get(.entraDeleteGroup, "/Groups/\(Self.pathEncode(id))", method: .delete)
    }

    /// The simulator's own read-back pages, sent with Entra's headers.
    func listPage(users: Bool, startIndex: Int) -> SimulatedRequest {
        get(users ? .readBackUsers : .readBackGroups, "/\(users ? "Users" : "Groups")?startIndex=\(startIndex)&count=\(RequestSender.pageSize)")
    }

    // MARK: Shapes

    /// A person's Entra object id: a GUID derived from their generated identity, so a seed always gives the same one.
    public static func objectID(of person: Person) -> String {
        guid(from: "user:\(person.externalId):\(person.index)")
    }

    /// A GUID derived from `text` (two FNV-1a hashes), formatted 8-4-4-4-12 as Entra writes object ids.
    static func guid(from text: String) -> String {
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in text.utf8 {
            high = (high ^ UInt64(byte)) &* 0x100_0000_01b3
            low = (low ^ UInt64(byte)) &* 0x100_0000_01b3 &+ 0x9e37_79b9
        }
        let hex = String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }

    private func members(_ op: String, _ memberIDs: [String]) -> JSONValue {
        ["op": .string(op), "path": "members", "value": .array(memberIDs.map { ["$ref": .null, "value": .string($0)] })]
    }

    private func patchBody(_ operations: [JSONValue]) -> JSONValue {
        ["schemas": [.string(SCIMURN.patchOp)], "Operations": .array(operations)]
    }

    /// Entra's headers: its User-Agent and the bearer token, no `Accept` (entra-requests.md §0).
    private func headers(contentType: String?) -> [SimulatedRequest.Header] {
        var headers = [
            SimulatedRequest.Header("User-Agent", Self.userAgent),
            SimulatedRequest.Header("Authorization", "Bearer \(token)"),
        ]
        if let contentType { headers.append(.init("Content-Type", contentType)) }
        return headers
    }

    private func get(_ kind: RequestKind, _ path: String, method: SimulatedRequest.Method = .get) -> SimulatedRequest {
        SimulatedRequest(kind: kind, method: method, path: path, headers: headers(contentType: nil), body: nil)
    }

    private func send(_ kind: RequestKind, _ method: SimulatedRequest.Method, _ path: String, _ body: JSONValue) -> SimulatedRequest {
        SimulatedRequest(kind: kind, method: method, path: path, headers: headers(contentType: Self.scimJSON), body: body)
    }

    /// A string as a SCIM filter literal: `"…"` with `"` and `\` escaped.
    private func quoted(_ text: String) -> String {
        JSONWriter().string(.string(text))
    }

    /// Percent-encodes an id for a path segment.
    private static func pathEncode(_ id: String) -> String {
        OktaRequests.encode(id)
    }

    /// Form-encodes a query value as Entra's logged requests show it: a space as `+`, everything but
    /// RFC 3986 unreserved ASCII percent-encoded.
    public static func encode(_ text: String) -> String {
        OktaRequests.encode(text).replacingOccurrences(of: "%20", with: "+")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
