import SCIM

/// Body checks for answers whose status was the expected one: what Okta relies on in a list, a
/// user and a group (okta-requests.md §2, §5 trap list).
enum ResponseChecks {
    /// A ListResponse page: integer counters, `Resources`, and a full page when more remain
    /// (a server that caps pages below Okta's `count` makes Okta skip records).
    static func list(_ response: SimulatedResponse, startIndex: Int, count: Int) -> [String] {
        guard let body = response.json else { return ["the list answer has no JSON body"] }
        var problems: [String] = []
        let schemas = body.member("schemas")?.arrayValue?.compactMap(\.stringValue) ?? []
        if !schemas.contains(SCIMURN.listResponse) { problems.append("schemas lacks \(SCIMURN.listResponse)") }
        let counters = ["totalResults", "startIndex", "itemsPerPage"].map { ($0, body.member($0)?.numberValue) }
        for (name, value) in counters where value == nil {
            problems.append("\(name) is missing or not a JSON number")
        }
        guard let resources = body.member("Resources")?.arrayValue else {
            return problems + ["Resources is missing (send [] for an empty page)"]
        }
        let total = Int(counters[0].1 ?? 0)
        if let items = counters[2].1, Int(items) != resources.count {
            problems.append("itemsPerPage is \(Int(items)) but Resources holds \(resources.count)")
        }
        if let start = counters[1].1, Int(start) != startIndex {
            problems.append("startIndex is \(Int(start)), the request asked for \(startIndex)")
        }
        let expectedItems = min(count, max(0, total - startIndex + 1))
        if resources.count != expectedItems {
            problems.append(
                "the page holds \(resources.count) resources; with totalResults \(total) from \(startIndex) "
                    + "it should hold \(expectedItems)")
        }
        return problems
    }

    /// A user answer: an id, the userName exactly as sent (case kept) and the active state sent.
    static func user(_ response: SimulatedResponse, userName: String, active: Bool) -> [String] {
        guard let body = response.json else { return ["the answer has no user (Okta fails on an empty body)"] }
        var problems: [String] = []
        if id(of: body) == nil { problems.append("the user has no id") }
        let returned = body.member("userName")?.stringValue
        if returned != userName {
            problems.append("userName came back as \(returned.map { "\"\($0)\"" } ?? "nothing"), sent \"\(userName)\"")
        }
        if body.member("active")?.boolValue != active { problems.append("active is not \(active)") }
        return problems
    }

    /// A team answer: 204, or the team with its name and, when the server lists them, exactly the
    /// members a correct server holds now.
    static func team(_ response: SimulatedResponse, displayName: String?, memberIDs: Set<String>?) -> [String] {
        guard response.status != 204 else { return [] }
        guard let body = response.json else { return ["the answer has no group"] }
        var problems: [String] = []
        if id(of: body) == nil { problems.append("the group has no id") }
        if let displayName, body.member("displayName")?.stringValue != displayName {
            problems.append(
                "displayName is \(body.member("displayName")?.stringValue ?? "missing"), expected \(displayName)")
        }
        if let memberIDs, let listed = body.member("members")?.arrayValue {
            let returned = Set(listed.compactMap { $0.member("value")?.stringValue })
            if returned != memberIDs {
                let missing = memberIDs.subtracting(returned).count
                let extra = returned.subtracting(memberIDs).count
                problems.append("members differ from what was pushed: \(missing) missing, \(extra) unexpected")
            }
        }
        return problems
    }

    /// The non-empty `id` of a resource.
    static func id(of resource: JSONValue) -> String? {
        guard let id = resource.member("id")?.stringValue, !id.isEmpty else { return nil }
        return id
    }

    /// The `detail` of an error answer, for Okta's task list.
    static func detail(_ response: SimulatedResponse) -> String {
        response.json?.member("detail")?.stringValue ?? "HTTP \(response.status)"
    }
}
