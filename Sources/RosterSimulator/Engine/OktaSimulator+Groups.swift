import SCIM

/// Push Groups: create (R8) or link by name (R9), the rename sent before every membership push
/// (R12), deltas (R13), Push Now (R14), unlink and delete (R16), and the existence check (R11).
extension OktaSimulator {
    mutating func pushGroup(_ key: String) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key) else { return "no such Okta group" }
        guard state.groups[g].teamID == nil else { return "already pushed: use Push Now" }
        let name = state.groups[g].name
        let teamID: String
        if state.server.teamID(displayName: name) != nil {
            // Link Group: Okta matches the existing team by name.
            let lookup = try await send(
                requests.lookupGroup(name), expecting: .status(200, because: "a team of that name exists")
            ) {
                response in
                ResponseChecks.list(response, startIndex: 1, count: OktaRequests.pageSize)
                    + (response.resources.count == 1
                        ? [] : ["the lookup by displayName found \(response.resources.count) teams, expected 1"])
            }
            guard lookup.status == 200, let id = lookup.resources.first.flatMap({ ResponseChecks.id(of: $0) }) else {
                return "Push Groups failed: \(ResponseChecks.detail(lookup))"
            }
            teamID = id
        } else {
            let created = try await send(
                requests.createGroup(name), expecting: state.server.expectCreateTeam(displayName: name)
            ) {
                ResponseChecks.team($0, displayName: name, memberIDs: [])
            }
            guard created.status == 201, let id = created.json.flatMap({ ResponseChecks.id(of: $0) }) else {
                return "Push Groups failed: \(ResponseChecks.detail(created))"
            }
            state.server.recordTeam(id: id, displayName: name, memberIDs: [])
            teamID = id
        }
        state.groups[g].teamID = teamID
        guard try await rename(g) else { return "Push Groups failed at the rename" }
        let members = state.memberValues(state.groups[g].memberIndexes)
        guard !members.isEmpty else { return nil }
        return try await delta(g, add: members, remove: [])
    }

    mutating func newGroup(_ name: String, members: [Int]) async throws(SimulationStopped) -> String? {
        let key = state.groupIndex(name) == nil ? name : "\(name) #\(state.groups.count + 1)"
        let people = members.filter { state.people.indices.contains($0) }
        state.groups.append(.init(key: key, name: name, memberIndexes: people))
        return try await pushGroup(key)
    }

    mutating func renameGroup(_ key: String, to name: String) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key) else { return "no such Okta group" }
        state.groups[g].name = name
        guard state.groups[g].teamID != nil else { return "not pushed: the new name stays in Okta" }
        _ = try await rename(g)
        return nil
    }

    mutating func changeMembers(_ key: String, add: [Int], remove: [Int]) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key) else { return "no such Okta group" }
        let removed = Set(remove)
        state.groups[g].memberIndexes.removeAll { removed.contains($0) }
        for person in add.filter(state.people.indices.contains) where !state.groups[g].memberIndexes.contains(person) {
            state.groups[g].memberIndexes.append(person)
        }
        guard let teamID = state.groups[g].teamID, let team = state.server.teams[teamID] else {
            return "not pushed: the change stays in Okta"
        }
        // Okta removes the members it pushed and adds the assigned, linked people not there yet.
        let leaving = remove.compactMap { state.appUsers.indices.contains($0) ? state.appUsers[$0].memberID : nil }
            .filter { team.memberIDs.contains($0) }
        let joining = state.memberValues(add.filter { !removed.contains($0) }).filter {
            !team.memberIDs.contains($0.value)
        }
        guard !leaving.isEmpty || !joining.isEmpty else { return "no pushed member changes: Okta sends nothing" }
        guard try await rename(g) else { return "the membership push failed at the rename" }
        return try await delta(g, add: joining, remove: leaving)
    }

    mutating func pushNow(_ key: String, emptied: Bool) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key) else { return "no such Okta group" }
        if emptied { state.groups[g].memberIndexes = [] }
        guard let teamID = state.groups[g].teamID else { return "not pushed" }
        guard try await rename(g) else { return "Push Now failed at the rename" }
        let members = state.memberValues(state.groups[g].memberIndexes)
        let expected = Set(members.map(\.value))
        let response = try await send(
            requests.replaceMembers(teamID, members),
            expecting: state.server.expectTeamWrite(id: teamID, success: 200, 204)
        ) { ResponseChecks.team($0, displayName: nil, memberIDs: expected) }
        guard response.status == 200 || response.status == 204 else {
            return "Push Now failed: \(ResponseChecks.detail(response))"
        }
        state.server.replaceMembers(of: teamID, with: expected)
        return nil
    }

    mutating func deleteGroup(_ key: String) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key), let teamID = state.groups[g].teamID else { return "not pushed" }
        let response = try await send(
            requests.deleteGroup(teamID), expecting: state.server.expectTeamWrite(id: teamID, success: 204)
        ) { $0.text.isEmpty ? [] : ["a 204 carries no body"] }
        state.groups[g].teamID = nil
        guard response.status == 204 else { return "the delete failed: \(ResponseChecks.detail(response))" }
        state.groups[g].deletedTeamID = teamID
        state.server.deleteTeam(id: teamID)
        return nil
    }

    mutating func checkGroup(_ key: String) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key), let id = state.groups[g].teamID ?? state.groups[g].deletedTeamID else {
            return "never pushed"
        }
        let team = state.server.teams[id]
        _ = try await send(requests.getGroup(id), expecting: state.server.expectTeamWrite(id: id, success: 200)) {
            ResponseChecks.team($0, displayName: team?.displayName, memberIDs: team?.memberIDs)
        }
        return nil
    }

    /// R12 with the Okta name; true when it succeeded. The rename must leave members alone.
    private mutating func rename(_ g: Int) async throws(SimulationStopped) -> Bool {
        guard let teamID = state.groups[g].teamID else { return false }
        let name = state.groups[g].name
        let members = state.server.teams[teamID]?.memberIDs
        let response = try await send(
            requests.renameGroup(teamID, to: name),
            expecting: state.server.expectTeamWrite(id: teamID, success: 200, 204)
        ) { ResponseChecks.team($0, displayName: name, memberIDs: members) }
        guard response.status == 200 || response.status == 204 else { return false }
        state.server.renameTeam(id: teamID, to: name)
        return true
    }

    /// R13: removes first, then one add.
    private mutating func delta(
        _ g: Int, add: [OktaRequests.MemberValue], remove: [String]
    ) async throws(SimulationStopped) -> String? {
        guard let teamID = state.groups[g].teamID, let team = state.server.teams[teamID] else { return "not pushed" }
        let expected = team.memberIDs.subtracting(remove).union(add.map(\.value))
        let response = try await send(
            requests.membershipDelta(teamID, add: add, remove: remove),
            expecting: state.server.expectTeamWrite(id: teamID, success: 200, 204)
        ) { ResponseChecks.team($0, displayName: nil, memberIDs: expected) }
        guard response.status == 200 || response.status == 204 else {
            return "the membership push failed: \(ResponseChecks.detail(response))"
        }
        state.server.changeMembers(of: teamID, add: add.map(\.value), remove: remove)
        return nil
    }
}
