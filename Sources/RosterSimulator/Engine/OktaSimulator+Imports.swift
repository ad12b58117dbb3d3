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
        let requests = requests
        guard let resources = try await sender.pages({ requests.importUsers(startIndex: $0) }) else { return "the import failed" }
        let imported = resources.compactMap(ReadBack.member)
        let drift = state.server.knowsAllMembers ? ReadBack.memberDrift(imported, from: state.server) : []
        addProblems(drift)
        state.server.adoptMembers(imported)
        let active = imported.filter(\.active).count
        return "\(imported.count) members (\(active) active)"
    }

    mutating func importGroups() async throws(SimulationStopped) -> String? {
        let requests = requests
        guard let resources = try await sender.pages({ requests.importGroups(startIndex: $0) }) else { return "the import failed" }
        let imported = resources.compactMap(ReadBack.team)
        addProblems(ReadBack.teamDrift(imported, from: state.server))
        state.server.adoptTeams(imported)
        return "\(imported.count) teams"
    }

    /// Reads every member and team back (the summary's final state) and lists each difference
    /// from the model; changes nothing.
    public mutating func readBack() async throws(SimulationStopped) -> (
        state: FinalState, problems: [String], records: [RequestRecord]
    ) {
        let requests = requests
        return try await sender.readBack(
            server: state.server,
            users: { requests.importUsers(startIndex: $0, kind: .readBackUsers) },
            groups: { requests.importGroups(startIndex: $0, kind: .readBackGroups) })
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
