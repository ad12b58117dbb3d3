import SCIM

/// Test API Credentials (R1), schema discovery (R17), imports paged by 100 (R7, R10), and the
/// final read-back, which compares the server with the model.
extension OktaSimulator {
    mutating func testCredentials() async throws(SimulationStopped) -> String? {
        let users = try await send(
            requests.testUsers(), expecting: .status(200, because: "the key is valid and SCIM is enabled")
        ) {
            ResponseChecks.list($0, startIndex: 1, count: 2)
        }
        guard users.status == 200 else {
            throw SimulationStopped(
                "Test API Credentials failed (HTTP \(users.status)): \(ResponseChecks.detail(users))")
        }
        try await send(requests.testGroups(), expecting: .status(200, because: "Push Groups is enabled")) {
            ResponseChecks.list($0, startIndex: 1, count: OktaRequests.pageSize)
        }
        return nil
    }

    mutating func discoverSchema() async throws(SimulationStopped) -> String? {
        try await send(requests.resourceTypes(), expecting: .status(200, because: "discovery is public to the key")) {
            $0.text.contains(SCIMURN.enterpriseUser) ? [] : ["/ResourceTypes does not name the enterprise extension"]
        }
        try await send(requests.schemas(), expecting: .status(200, because: "discovery is public to the key")) {
            $0.text.contains(SCIMURN.user) ? [] : ["/Schemas does not describe \(SCIMURN.user)"]
        }
        return nil
    }

    /// Okta's import: every page, then the members are compared with the model (once the model
    /// knows them all) and adopted, so later expectations start from the server's real state.
    mutating func importUsers() async throws(SimulationStopped) -> String? {
        guard let resources = try await pages(kind: .importUsers, users: true) else { return "the import failed" }
        let imported = resources.compactMap(Self.member)
        let drift = state.server.knowsAllMembers ? memberDrift(imported) : []
        addProblems(drift)
        state.server.adoptMembers(imported)
        let active = imported.filter(\.active).count
        return "\(imported.count) members (\(active) active)"
    }

    mutating func importGroups() async throws(SimulationStopped) -> String? {
        guard let resources = try await pages(kind: .importGroups, users: false) else { return "the import failed" }
        let imported = resources.compactMap(Self.team)
        addProblems(teamDrift(imported))
        state.server.adoptTeams(imported)
        return "\(imported.count) teams"
    }

    /// Reads every member and team back (the summary's final state) and lists each difference
    /// from the model; changes nothing.
    public mutating func readBack() async throws(SimulationStopped) -> (
        state: FinalState, problems: [String], records: [RequestRecord]
    ) {
        startRecording()
        let users = try await pages(kind: .readBackUsers, users: true) ?? []
        let groups = try await pages(kind: .readBackGroups, users: false) ?? []
        let members = users.compactMap(Self.member)
        let teams = groups.compactMap(Self.team)
        let problems = (state.server.knowsAllMembers ? memberDrift(members) : []) + teamDrift(teams)
        let final = FinalState(
            members: members.count, activeMembers: members.filter(\.active).count,
            teams: teams.map { .init(displayName: $0.displayName, members: $0.memberIDs.count) }
                .sorted { $0.displayName < $1.displayName })
        return (final, problems, records)
    }

    /// All pages of `/Users` or `/Groups`, or nil when one failed.
    private mutating func pages(kind: RequestKind, users: Bool) async throws(SimulationStopped) -> [JSONValue]? {
        var resources: [JSONValue] = []
        var startIndex = 1
        while true {
            let request =
                users
                ? requests.importUsers(startIndex: startIndex, kind: kind)
                : requests.importGroups(startIndex: startIndex, kind: kind)
            let start = startIndex
            let page = try await send(request, expecting: .status(200, because: "a list page")) {
                ResponseChecks.list($0, startIndex: start, count: OktaRequests.pageSize)
            }
            guard page.status == 200 else { return nil }
            resources += page.resources
            let total = Int(page.json?.member("totalResults")?.numberValue ?? 0)
            startIndex += OktaRequests.pageSize
            // Okta stops at totalResults; an empty page also ends a broken server's list.
            if startIndex > total || page.resources.isEmpty { return resources }
        }
    }

    private static func member(_ resource: JSONValue) -> ServerModel.Member? {
        guard let id = ResponseChecks.id(of: resource), let userName = resource.member("userName")?.stringValue else {
            return nil
        }
        return .init(id: id, userName: userName, active: resource.member("active")?.boolValue ?? true)
    }

    private static func team(_ resource: JSONValue) -> ServerModel.Team? {
        guard let id = ResponseChecks.id(of: resource), let name = resource.member("displayName")?.stringValue else {
            return nil
        }
        let members = resource.member("members")?.arrayValue?.compactMap { $0.member("value")?.stringValue } ?? []
        return .init(id: id, displayName: name, memberIDs: Set(members))
    }

    /// Differences between the model's members and a complete list from the server.
    private func memberDrift(_ imported: [ServerModel.Member]) -> [String] {
        let byID = Dictionary(imported.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for expected in state.server.members.values.sorted(by: { $0.userName < $1.userName }) {
            guard let found = byID[expected.id] else {
                problems.append("member \(expected.userName) (\(expected.id)) is missing from the list")
                continue
            }
            if found.active != expected.active {
                problems.append(
                    "member \(expected.userName) is active=\(found.active), expected active=\(expected.active)")
            }
        }
        let unknown = imported.filter { state.server.members[$0.id] == nil }
        if !unknown.isEmpty {
            problems.append("\(unknown.count) members nobody pushed, e.g. \(unknown[0].userName)")
        }
        return problems
    }

    /// Differences between the teams the model holds and the server's list.
    private func teamDrift(_ imported: [ServerModel.Team]) -> [String] {
        let byID = Dictionary(imported.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for expected in state.server.teams.values.sorted(by: { $0.displayName < $1.displayName }) {
            guard let found = byID[expected.id] else {
                problems.append("team \(expected.displayName) (\(expected.id)) is missing from the list")
                continue
            }
            if found.displayName != expected.displayName {
                problems.append("team \(expected.id) is named \(found.displayName), expected \(expected.displayName)")
            }
            if found.memberIDs != expected.memberIDs {
                let missing = expected.memberIDs.subtracting(found.memberIDs).count
                let extra = found.memberIDs.subtracting(expected.memberIDs).count
                problems.append("team \(expected.displayName) has \(missing) members missing and \(extra) unexpected")
            }
        }
        return problems
    }
}

/// Members and teams as read back over SCIM at the end of a run.
public struct FinalState: Sendable, Hashable {
    public struct Team: Sendable, Hashable {
        public var displayName: String
        public var members: Int
    }

    public var members: Int
    public var activeMembers: Int
    public var teams: [Team]
}
