import SCIM

/// Listing every member and team page by page, for Okta's imports and for the read-back that ends
/// every run, whichever client was simulated.
extension RequestSender {
    /// The page size of imports and read-backs (Okta's fixed `count`).
    static let pageSize = OktaRequests.pageSize

    /// All pages of `/Users` or `/Groups`, each built by `page` from its `startIndex`; nil when one failed.
    mutating func pages(_ page: (Int) -> SimulatedRequest) async throws(SimulationStopped) -> [JSONValue]? {
        var resources: [JSONValue] = []
        var startIndex = 1
        while true {
            let start = startIndex
            let answer = try await send(page(start), expecting: .status(200, because: "a list page")) {
                ResponseChecks.list($0, startIndex: start, count: Self.pageSize)
            }
            guard answer.status == 200 else { return nil }
            resources += answer.resources
            let total = Int(answer.json?.member("totalResults")?.numberValue ?? 0)
            startIndex += Self.pageSize
            // Stop at totalResults; an empty page also ends a broken server's list.
            if startIndex > total || answer.resources.isEmpty { return resources }
        }
    }

    /// Reads every member and team back (the summary's final state) and lists each difference
    /// from `server`; changes nothing.
    mutating func readBack(
        server: ServerModel, users: (Int) -> SimulatedRequest, groups: (Int) -> SimulatedRequest
    ) async throws(SimulationStopped) -> (state: FinalState, problems: [String], records: [RequestRecord]) {
        startRecording()
        let members = (try await pages(users) ?? []).compactMap(ReadBack.member)
        let teams = (try await pages(groups) ?? []).compactMap(ReadBack.team)
        let problems =
            (server.knowsAllMembers ? ReadBack.memberDrift(members, from: server) : [])
            + ReadBack.teamDrift(teams, from: server)
        let final = FinalState(
            members: members.count, activeMembers: members.filter(\.active).count,
            teams: teams.map { .init(displayName: $0.displayName, members: $0.memberIDs.count) }
                .sorted { $0.displayName < $1.displayName })
        return (final, problems, records)
    }
}

/// Listed resources as the model sees them, and their differences from the model.
enum ReadBack {
    static func member(_ resource: JSONValue) -> ServerModel.Member? {
        guard let id = ResponseChecks.id(of: resource), let userName = resource.member("userName")?.stringValue else {
            return nil
        }
        return .init(id: id, userName: userName, active: resource.member("active")?.boolValue ?? true)
    }

    static func team(_ resource: JSONValue) -> ServerModel.Team? {
        guard let id = ResponseChecks.id(of: resource), let name = resource.member("displayName")?.stringValue else {
            return nil
        }
        let members = resource.member("members")?.arrayValue?.compactMap { $0.member("value")?.stringValue } ?? []
        return .init(id: id, displayName: name, memberIDs: Set(members))
    }

    /// Differences between the model's members and a complete list from the server.
    static func memberDrift(_ imported: [ServerModel.Member], from server: ServerModel) -> [String] {
        let byID = Dictionary(imported.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for expected in server.members.values.sorted(by: { $0.userName < $1.userName }) {
            guard let found = byID[expected.id] else {
                problems.append("member \(expected.userName) (\(expected.id)) is missing from the list")
                continue
            }
            if found.active != expected.active {
                problems.append(
                    "member \(expected.userName) is active=\(found.active), expected active=\(expected.active)")
            }
        }
        let unknown = imported.filter { server.members[$0.id] == nil }
        if !unknown.isEmpty {
            problems.append("\(unknown.count) members nobody pushed, e.g. \(unknown[0].userName)")
        }
        return problems
    }

    /// Differences between the teams the model holds and the server's list.
    static func teamDrift(_ imported: [ServerModel.Team], from server: ServerModel) -> [String] {
        let byID = Dictionary(imported.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for expected in server.teams.values.sorted(by: { $0.displayName < $1.displayName }) {
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
