import Foundation
import RosterSimulator
import SCIM

/// A small in-memory SCIM server that answers the simulator's requests the way Roster does (seat limit, phone
/// rule, case-insensitive logins, team deltas), with switches for the bugs the simulator must catch. It records
/// every request, so tests can assert the exact sequence; no IO.
actor FakeSCIMServer: SCIMTransport {
    struct User {
        var id: String
        var body: JSONObject
        var active: Bool { body["active"]?.boolValue ?? true }
        var userName: String { body["userName"]?.stringValue ?? "" }
    }

    struct Group {
        var id: String
        var displayName: String
        var members: [String]
    }

    /// Bugs to switch on.
    struct Bugs {
        /// The rename PATCH (replace without a path) empties the team, as langwatch/langwatch#7131 did.
        var renameWipesMembers = false
        /// Creates past the seat limit.
        var ignoresSeatLimit = false
        /// Lookups by userName compare case-sensitively.
        var caseSensitiveLookup = false
    }

    var seatLimit: Int?
    var strictPhones: Bool
    var bugs: Bugs
    private(set) var requests: [SimulatedRequest] = []
    private(set) var users: [User] = []
    private(set) var groups: [Group] = []
    private var nextID = 1

    init(seatLimit: Int? = nil, strictPhones: Bool = true, bugs: Bugs = Bugs()) {
        self.seatLimit = seatLimit
        self.strictPhones = strictPhones
        self.bugs = bugs
    }

    func send(_ request: SimulatedRequest) async throws -> SimulatedResponse {
        requests.append(request)
        let parts = request.path.split(separator: "?", maxSplits: 1).map(String.init)
        let segments = parts[0].split(separator: "/").map(String.init)
        let query = parts.count > 1 ? Self.query(parts[1]) : [:]
        switch (request.method, segments.first, segments.count) {
        case (.get, "Users", 1): return listUsers(query)
        case (.post, "Users", 1): return createUser(request.body)
        case (.get, "Users", 2):
            return user(segments[1]).map { Self.ok(.object($0.body)) } ?? Self.error(404, "no such user")
        case (.put, "Users", 2): return replaceUser(segments[1], request.body)
        case (.patch, "Users", 2): return patchUser(segments[1], request.body)
        case (.get, "Groups", 1): return listGroups(query)
        case (.post, "Groups", 1): return createGroup(request.body)
        case (.get, "Groups", 2):
            return group(segments[1]).map { Self.ok(groupJSON($0)) } ?? Self.error(404, "no such group")
        case (.patch, "Groups", 2): return patchGroup(segments[1], request.body)
        case (.delete, "Groups", 2):
            guard groups.contains(where: { $0.id == segments[1] }) else { return Self.error(404, "no such group") }
            groups.removeAll { $0.id == segments[1] }
            return SimulatedResponse(status: 204, text: "")
        case (.get, "ResourceTypes", 1):
            return Self.ok(["Resources": [["schemaExtensions": [["schema": .string(SCIMURN.enterpriseUser)]]]]])
        case (.get, "Schemas", 1): return Self.ok(["Resources": [["id": .string(SCIMURN.user)]]])
        default: return Self.error(404, "no route")
        }
    }

    var activeCount: Int { users.filter(\.active).count }

    // MARK: Users

    private func listUsers(_ query: [String: String]) -> SimulatedResponse {
        var matching = users
        if let filter = query["filter"], let login = Self.literal(in: filter) {
            matching = users.filter {
                bugs.caseSensitiveLookup ? $0.userName == login : $0.userName.lowercased() == login.lowercased()
            }
        }
        return Self.list(matching.map { .object($0.body) }, query)
    }

    private func createUser(_ body: JSONValue?) -> SimulatedResponse {
        guard var object = body?.objectValue, let login = object["userName"]?.stringValue else {
            return Self.error(400, "userName is required", scimType: "invalidValue")
        }
        if let refusal = phoneRefusal(object) { return refusal }
        if users.contains(where: { $0.userName.lowercased() == login.lowercased() }) {
            return Self.error(409, "userName \(login) exists", scimType: "uniqueness")
        }
        if let refusal = seatRefusal(reactivating: true) { return refusal }
        let id = "u\(nextID)"
        nextID += 1
        object["password"] = nil
        object["groups"] = nil
        object["id"] = .string(id)
        users.append(User(id: id, body: object))
        return SimulatedResponse(status: 201, json: .object(object))
    }

    private func replaceUser(_ id: String, _ body: JSONValue?) -> SimulatedResponse {
        guard let index = users.firstIndex(where: { $0.id == id }) else { return Self.error(404, "no such user") }
        guard var object = body?.objectValue else { return Self.error(400, "no body", scimType: "invalidSyntax") }
        if let refusal = phoneRefusal(object) { return refusal }
        if object["active"]?.boolValue != false, !users[index].active, let refusal = seatRefusal(reactivating: true) {
            return refusal
        }
        object["meta"] = nil
        object["groups"] = nil
        object["id"] = .string(id)
        users[index].body = object
        return Self.ok(.object(object))
    }

    private func patchUser(_ id: String, _ body: JSONValue?) -> SimulatedResponse {
        guard let index = users.firstIndex(where: { $0.id == id }) else { return Self.error(404, "no such user") }
        let operations = body?.objectValue?["Operations"]?.arrayValue ?? []
        for operation in operations {
            guard let active = operation.objectValue?["value"]?.objectValue?["active"]?.boolValue else { continue }
            if active, !users[index].active, let refusal = seatRefusal(reactivating: true) { return refusal }
            users[index].body["active"] = .bool(active)
        }
        return Self.ok(.object(users[index].body))
    }

    private func user(_ id: String) -> User? { users.first { $0.id == id } }

    private func phoneRefusal(_ object: JSONObject) -> SimulatedResponse? {
        guard strictPhones else { return nil }
        for phone in object["phoneNumbers"]?.arrayValue ?? [] {
            guard let value = phone.objectValue?["value"]?.stringValue, !value.isEmpty,
                !PhoneNumberFormat.isValid(value)
            else { continue }
            return Self.error(
                400, "phoneNumbers.value \"\(value)\" is not a valid phone number", scimType: "invalidValue")
        }
        return nil
    }

    private func seatRefusal(reactivating: Bool) -> SimulatedResponse? {
        guard !bugs.ignoresSeatLimit, let seatLimit, activeCount >= seatLimit else { return nil }
        return Self.error(403, SeatLimit.refusal(active: activeCount, limit: seatLimit).detail)
    }

    // MARK: Groups

    private func groupJSON(_ group: Group) -> JSONValue {
        [
            "schemas": [.string(SCIMURN.group)], "id": .string(group.id), "displayName": .string(group.displayName),
            "members": .array(group.members.map { ["value": .string($0)] }),
        ]
    }

    private func group(_ id: String) -> Group? { groups.first { $0.id == id } }

    private func listGroups(_ query: [String: String]) -> SimulatedResponse {
        var matching = groups
        if let filter = query["filter"], let name = Self.literal(in: filter) {
            matching = groups.filter { $0.displayName.lowercased() == name.lowercased() }
        }
        return Self.list(matching.map(groupJSON), query)
    }

    private func createGroup(_ body: JSONValue?) -> SimulatedResponse {
        guard let name = body?.objectValue?["displayName"]?.stringValue else {
            return Self.error(400, "displayName is required", scimType: "invalidValue")
        }
        if groups.contains(where: { $0.displayName.lowercased() == name.lowercased() }) {
            return Self.error(409, "a group named \(name) exists", scimType: "uniqueness")
        }
        let group = Group(id: "g\(nextID)", displayName: name, members: [])
        nextID += 1
        groups.append(group)
        return SimulatedResponse(status: 201, json: groupJSON(group))
    }

    private func patchGroup(_ id: String, _ body: JSONValue?) -> SimulatedResponse {
        guard let index = groups.firstIndex(where: { $0.id == id }) else { return Self.error(404, "no such group") }
        for operation in body?.objectValue?["Operations"]?.arrayValue ?? [] {
            guard let object = operation.objectValue, let op = object["op"]?.stringValue?.lowercased() else { continue }
            let path = object["path"]?.stringValue
            let values = object["value"]?.arrayValue?.compactMap { $0.objectValue?["value"]?.stringValue } ?? []
            switch (op, path) {
            case ("replace", nil):
                if let name = object["value"]?.objectValue?["displayName"]?.stringValue {
                    groups[index].displayName = name
                }
                if bugs.renameWipesMembers { groups[index].members = [] }
            case ("replace", "members"?):
                groups[index].members = values
            case ("add", "members"?):
                for value in values where !groups[index].members.contains(value) { groups[index].members.append(value) }
            case ("remove", let path?):
                if let member = Self.literal(in: path) { groups[index].members.removeAll { $0 == member } }
            default:
                return Self.error(400, "unsupported operation \(op)", scimType: "invalidPath")
            }
        }
        return Self.ok(groupJSON(groups[index]))
    }

    // MARK: Shapes

    private static func ok(_ json: JSONValue) -> SimulatedResponse { SimulatedResponse(status: 200, json: json) }

    private static func list(_ resources: [JSONValue], _ query: [String: String]) -> SimulatedResponse {
        let start = max(1, Int(query["startIndex"] ?? "1") ?? 1)
        let count = max(0, Int(query["count"] ?? "100") ?? 100)
        let page = Array(resources.dropFirst(start - 1).prefix(count))
        return ok([
            "schemas": [.string(SCIMURN.listResponse)], "totalResults": .number(Double(resources.count)),
            "startIndex": .number(Double(start)), "itemsPerPage": .number(Double(page.count)),
            "Resources": .array(page),
        ])
    }

    private static func error(_ status: Int, _ detail: String, scimType: String? = nil) -> SimulatedResponse {
        var body = JSONObject()
        body["schemas"] = [.string(SCIMURN.error)]
        if let scimType { body["scimType"] = .string(scimType) }
        body["detail"] = .string(detail)
        body["status"] = .string(String(status))
        return SimulatedResponse(status: status, json: .object(body))
    }

    private static func query(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            result[parts[0]] = parts[1].removingPercentEncoding ?? parts[1]
        }
        return result
    }

    /// The quoted literal of `userName eq "…"` or `members[value eq "…"]`.
    private static func literal(in filter: String) -> String? {
        guard let start = filter.firstIndex(of: "\""), let end = filter.lastIndex(of: "\""), start < end else {
            return nil
        }
        return (try? JSONParser.parse(String(filter[start...end])))?.stringValue
    }
}
