import ConsoleCore
import Foundation
import RosterStore
import SCIM

/// Sample data and helpers for console tests: a fixed clock, an organization, members with CJK, accented, Greek,
/// emoji and hostile names, teams, request-log entries with mixed statuses, and API keys.
enum Fixture {
    /// 2026-08-22 14:05:00Z.
    static let now = Date(timeIntervalSince1970: 1_787_407_500)
    static let utc = TimeZone(identifier: "UTC")!

    static let organization = Organization(
        id: "org-1", name: "Acme", plan: .enterprise, seatLimit: 100, phonePolicy: .strict, activeMembers: 12,
        createdAt: now.addingTimeInterval(-86_400 * 30))
    static let otherOrganization = Organization(
        id: "org-2", name: "Globex", plan: .business, seatLimit: 25, phonePolicy: .flag, activeMembers: 3,
        createdAt: now.addingTimeInterval(-86_400 * 10))

    static func options(
        readOnly: Bool = false, attached: Bool = false, glyphs: Glyphs = .unicode
    ) -> ConsoleOptions {
        let endpoint: ConsoleEndpoint = attached
            ? .attached(database: "/var/lib/roster/roster.sqlite", baseURL: nil)
            : .serving(address: "127.0.0.1:8080", baseURL: "http://127.0.0.1:8080/scim/v2")
        return ConsoleOptions(readOnly: readOnly, endpoint: endpoint, glyphs: glyphs, timeZone: utc)
    }

    static func state(
        rows: Int = 24, cols: Int = 80, readOnly: Bool = false, attached: Bool = false, glyphs: Glyphs = .unicode,
        organizations: [Organization]? = nil, firstKey: NewAPIKey? = nil
    ) -> ConsoleState {
        ConsoleState(
            organization: organization, organizations: organizations,
            options: options(readOnly: readOnly, attached: attached, glyphs: glyphs),
            size: TerminalSize(rows: rows, cols: cols), now: now, firstKey: firstKey)
    }

    static func member(
        _ index: Int, userName: String, given: String? = nil, family: String? = nil, displayName: String? = nil,
        active: Bool = true, externalId: String? = nil, phone: String? = nil, email: String? = nil,
        modifiedAgo: TimeInterval = 120, groups: [GroupRef]? = nil
    ) -> SCIMResource {
        var attributes = JSONObject()
        attributes["userName"] = .string(userName)
        if given != nil || family != nil {
            var name = JSONObject()
            if let given { name["givenName"] = .string(given) }
            if let family { name["familyName"] = .string(family) }
            name["formatted"] = .string([given, family].compactMap { $0 }.joined(separator: " "))
            attributes["name"] = .object(name)
        }
        if let displayName { attributes["displayName"] = .string(displayName) }
        if let email { attributes["emails"] = [["value": .string(email), "type": "work", "primary": true]] }
        if let phone { attributes["phoneNumbers"] = [["value": .string(phone), "type": "work"]] }
        if let externalId { attributes["externalId"] = .string(externalId) }
        attributes["active"] = .bool(active)
        let id = String(format: "%08d-0000-7000-8000-00000000%04d", index, index)
        return SCIMResource(
            kind: .user, id: id, attributes: attributes,
            meta: ResourceMeta(created: now.addingTimeInterval(-86_400 * 40), lastModified: now.addingTimeInterval(-modifiedAgo),
                               version: 3),
            groups: groups)
    }

    /// Members whose names exercise display width and escaping.
    static let members: [SCIMResource] = [
        member(1, userName: "jane.doe@example.com", given: "Jane", family: "Doe", displayName: "Jane Doe",
               externalId: "00u1a2b3c4d5e6f7g8h9", phone: "+41 791234567", email: "jane.doe@example.com", modifiedAgo: 120),
        member(2, userName: "王小明@example.com", given: "小明", family: "王", displayName: "王小明", active: false,
               externalId: "00u9z8y7x6w5v4u3t2s1", modifiedAgo: 3600),
        member(3, userName: "jose.nunez@example.com", given: "José", family: "Ñúñez", displayName: "José Ñúñez",
               phone: "415.123.4567", email: "jose@example.com", modifiedAgo: 86_400 * 3),
        member(4, userName: "olympia@example.gr", given: "Ολυμπία", family: "Παπαδοπούλου",
               displayName: "Ολυμπία Παπαδοπούλου", externalId: "00uOLY", modifiedAgo: 86_400 * 8),
        member(5, userName: "smiley@example.com", displayName: "😀 Smiley Face", externalId: "00uSMI",
               modifiedAgo: 86_400 * 15),
        member(6, userName: "evil\u{1B}[2J@example.com", displayName: "Mallory\u{1B}[31m Red", active: false,
               modifiedAgo: 86_400 * 400),
    ]

    static func page(_ resources: [SCIMResource], total: Int? = nil) -> ListPage {
        ListPage(totalResults: total ?? resources.count, resources: resources)
    }

    static func team(_ index: Int, name: String, members: Int, externalId: String? = nil) -> SCIMResource {
        var attributes = JSONObject()
        attributes["displayName"] = .string(name)
        if let externalId { attributes["externalId"] = .string(externalId) }
        return SCIMResource(
            kind: .group, id: String(format: "%08d-1111-7000-8000-00000000%04d", index, index), attributes: attributes,
            meta: ResourceMeta(created: now.addingTimeInterval(-86_400 * 20), lastModified: now.addingTimeInterval(-600),
                               version: 2),
            memberCount: members)
    }

    static let teams: [SCIMResource] = [
        team(1, name: "Engineering", members: 1204, externalId: "00g1ENG"),
        team(2, name: "営業部 (Sales)", members: 12),
        team(3, name: "Ops", members: 0),
    ]

    static func entry(
        _ id: Int64, method: String = "GET", path: String = "/scim/v2/Users", query: String = "", status: Int = 200,
        secondsAgo: TimeInterval = 10, summary: String = "Okta · list members", resourceID: String? = nil,
        scimType: String? = nil, requestBody: String = "", responseBody: String = "",
        organizationID: String? = "org-1"
    ) -> RequestLogEntry {
        RequestLogEntry(
            id: id, time: now.addingTimeInterval(-secondsAgo), organizationID: organizationID, method: method, path: path,
            query: query, status: status, latencyMicros: 2_400 + Int(id) * 700, clientAddress: "52.14.3.9",
            userAgent: "Okta SCIM Client 1.0.0", keyPrefix: "rst_7f2c9a1b",
            requestHeaders: ["Authorization": "Bearer rst_7f2c9a1b***", "Content-Type": "application/scim+json"],
            requestBody: requestBody, responseBody: responseBody, summary: summary, resourceID: resourceID,
            scimType: scimType)
    }

    /// Newest first, as the store returns them: writes, reads and failures of every class.
    static let entries: [RequestLogEntry] = [
        entry(8, method: "PATCH", path: "/scim/v2/Users/00000001-0000-7000-8000-000000000001", status: 200,
              secondsAgo: 5, summary: "Okta · deactivate jane.doe@example.com", resourceID: members[0].id,
              requestBody: #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}"#,
              responseBody: #"{"id":"00000001-0000-7000-8000-000000000001","active":false}"#),
        entry(7, method: "POST", path: "/scim/v2/Groups", status: 409, secondsAgo: 12, summary: "Okta · create team Ops: exists",
              scimType: "uniqueness", requestBody: #"{"displayName":"Ops"}"#,
              responseBody: #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"scimType":"uniqueness","detail":"A team named 'Ops' already exists.","status":"409"}"#),
        entry(6, method: "GET", path: "/scim/v2/Users", query: "filter=userName%20eq%20%22jane.doe%40example.com%22&startIndex=1&count=100",
              status: 200, secondsAgo: 30, summary: "Okta · find jane.doe@example.com"),
        entry(5, method: "POST", path: "/scim/v2/Users", status: 400, secondsAgo: 45,
              summary: "Okta · create member jose.nunez@example.com: phone", scimType: "invalidValue",
              responseBody: #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"scimType":"invalidValue","detail":"phoneNumbers[0].value '415.123.4567' is not '<country_prefix> <telephone_number>'","status":"400"}"#),
        entry(4, method: "GET", path: "/scim/v2/Users", status: 401, secondsAgo: 70, summary: "bad key",
              organizationID: nil),
        entry(3, method: "DELETE", path: "/scim/v2/Groups/00000003-1111-7000-8000-000000000003", status: 204,
              secondsAgo: 100, summary: "Entra · delete team Ops"),
        entry(2, method: "GET", path: "/scim/v2/ServiceProviderConfig", status: 200, secondsAgo: 130, summary: "Okta · discovery"),
        entry(1, method: "PUT", path: "/scim/v2/Users/00000002-0000-7000-8000-000000000002", status: 500, secondsAgo: 200,
              summary: "Okta · replace 王小明@example.com: database busy", resourceID: members[1].id),
    ]

    static func key(
        _ id: String, label: String, prefix: String, createdDaysAgo: Double, lastUsed: TimeInterval? = nil,
        expiresIn: TimeInterval? = nil, revokedAgo: TimeInterval? = nil
    ) -> APIKey {
        APIKey(
            id: id, organizationID: "org-1", label: label, prefix: prefix,
            createdAt: now.addingTimeInterval(-86_400 * createdDaysAgo),
            lastUsedAt: lastUsed.map { now.addingTimeInterval(-$0) }, expiresAt: expiresIn.map { now.addingTimeInterval($0) },
            revokedAt: revokedAgo.map { now.addingTimeInterval(-$0) })
    }

    static let keys: [APIKey] = [
        key("k1", label: "okta-prod", prefix: "rst_7f2c9a1b", createdDaysAgo: 1, lastUsed: 14),
        key("k2", label: "okta-prod", prefix: "rst_19ab77c0", createdDaysAgo: 190, lastUsed: 86_400 * 3, expiresIn: 3600 * 23),
        key("k3", label: "staging", prefix: "rst_c0015e2d", createdDaysAgo: 23),
        key("k4", label: "old", prefix: "rst_0ld0ld00", createdDaysAgo: 400, lastUsed: 86_400 * 200, revokedAgo: 86_400 * 100),
    ]
}

/// Feeding events to a state, as the runtime will.
extension ConsoleState {
    /// Sends one event at the fixture clock (or `now`), returning its effects.
    @discardableResult
    mutating func send(_ event: ConsoleEvent, at now: Date = Fixture.now) -> [ConsoleEffect] {
        reduce(state: &self, event: event, now: now)
    }

    /// Presses keys; `type("/jane")` presses `/`, `j`, `a`, `n`, `e`. Returns every effect in order.
    @discardableResult
    mutating func type(_ text: String, at now: Date = Fixture.now) -> [ConsoleEffect] {
        text.flatMap { send(.key(.character($0)), at: now) }
    }

    @discardableResult
    mutating func press(_ keys: Key..., at now: Date = Fixture.now) -> [ConsoleEffect] {
        keys.flatMap { send(.key($0), at: now) }
    }

    /// The screen as text at the state's size.
    func screen() -> String {
        var grid = TextGrid(size: size, notation: options.glyphs.notation)
        ConsoleView.draw(self, on: &grid)
        return grid.render()
    }
}

/// Loads the effect asks for from fixture data and feeds the answers back, like the runtime with a data source.
extension ConsoleState {
    /// Answers every load effect in `effects` from fixtures (repeatedly, for loads the answers cause).
    mutating func answer(_ effects: [ConsoleEffect], members: [SCIMResource] = Fixture.members,
                         teams: [SCIMResource] = Fixture.teams, entries: [RequestLogEntry] = Fixture.entries,
                         keys: [APIKey] = Fixture.keys,
                         teamMembers: [MemberRef] = Fixture.members.map { MemberRef(value: $0.id, display: $0.userName) }) {
        var queue = effects
        var rounds = 0
        while !queue.isEmpty && rounds < 20 {
            rounds += 1
            let effect = queue.removeFirst()
            let event: ConsoleEvent?
            switch effect {
            case .loadOrganizations:
                event = .organizationsLoaded(organizations)
            case .loadMembers(let org, let query):
                let start = min(members.count, query.startIndex - 1)
                let slice = Array(members[start..<min(members.count, start + query.count)])
                event = .membersLoaded(organizationID: org, query: query, page: Fixture.page(slice, total: members.count))
            case .loadTeams(let org, let query):
                let start = min(teams.count, query.startIndex - 1)
                let slice = Array(teams[start..<min(teams.count, start + query.count)])
                event = .teamsLoaded(organizationID: org, query: query, page: Fixture.page(slice, total: teams.count))
            case .loadMember(let org, let id):
                event = .memberLoaded(organizationID: org, id: id, member: members.first { $0.id == id })
            case .loadTeam(let org, let id):
                event = .teamLoaded(organizationID: org, id: id, team: teams.first { $0.id == id })
            case .loadRequestLog(let query):
                var matching = entries.filter { query.resourceID == nil || $0.resourceID == query.resourceID }
                if let before = query.beforeID { matching = matching.filter { $0.id < before } }
                if query.errorsOnly { matching = matching.filter { $0.status >= 400 } }
                event = .requestLogLoaded(query, Array(matching.prefix(query.limit)))
            case .loadTeamMembers(let org, let teamID, let offset, let limit):
                let start = min(teamMembers.count, offset)
                event = .teamMembersLoaded(organizationID: org, teamID: teamID, offset: offset,
                                           members: Array(teamMembers[start..<min(teamMembers.count, start + limit)]))
            case .loadKeys(let org):
                event = .keysLoaded(organizationID: org, keys: keys)
            default:
                event = nil
            }
            if let event { queue += send(event) }
        }
    }
}
