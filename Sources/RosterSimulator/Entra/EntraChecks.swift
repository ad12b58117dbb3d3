import SCIM

/// Body checks on Entra's list answers: a ListResponse with numeric counters and `Resources` even
/// when empty (a 404 or a missing `Resources` quarantines the job), the expected number of
/// matches, and no `members` where Entra asked to exclude them.
enum EntraChecks {
    static func list(_ response: SimulatedResponse, expected: Int?, withoutMembers: Bool = false) -> [String] {
        guard let body = response.json else { return ["the list answer has no JSON body"] }
        var problems: [String] = []
        let schemas = body.member("schemas")?.arrayValue?.compactMap(\.stringValue) ?? []
        if !schemas.contains(SCIMURN.listResponse) { problems.append("schemas lacks \(SCIMURN.listResponse)") }
        if body.member("totalResults")?.numberValue == nil { problems.append("totalResults is missing or not a JSON number") }
        guard let resources = body.member("Resources")?.arrayValue else {
            return problems + ["Resources is missing (Entra expects [] when nothing matches)"]
        }
        if let expected, resources.count != expected {
            problems.append("matching found \(resources.count) resources, expected \(expected)")
        }
        if withoutMembers, resources.contains(where: { $0.member("members") != nil }) {
            problems.append("members came back despite excludedAttributes=members (Entra logs MultipleEntriesInResponse)")
        }
        return problems
    }
}
