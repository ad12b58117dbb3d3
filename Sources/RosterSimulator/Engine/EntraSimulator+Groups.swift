import SCIM

/// Groups: match then create or link (E13 → E14), member batches (E17), removals with a value
/// array (E18), read and rename (E15 → E16), delete (E19). Entra expects 204 for every group PATCH.
extension EntraSimulator {
    mutating func provisionGroup(_ key: String) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key) else { return "no such Entra group" }
        guard state.groups[g].teamID == nil else { return "already provisioned" }
        let name = state.groups[g].name
        let known = state.server.teamID(displayName: name)
        let match = try await send(requests.matchGroup(name), expecting: .status(200, because: "matching by displayName")) {
            EntraChecks.list($0, expected: known == nil ? 0 : 1, withoutMembers: true)
        }
        guard match.status == 200 else { return "group provisioning failed: \(ResponseChecks.detail(match))" }
        let teamID: String
        if let found = match.resources.first.flatMap({ ResponseChecks.id(of: $0) }) {
            teamID = found
        } else {
            let created = try await send(
                requests.createGroup(name, objectID: EntraRequests.guid(from: "group:\(key)")),
                expecting: state.server.expectCreateTeam(displayName: name)
            ) { response in
                ResponseChecks.team(response, displayName: name, memberIDs: [])
                    + (response.json?.member("members")?.arrayValue == [] ? [] : ["a new group answers \"members\": []"])
            }
            guard created.status == 201, let id = created.json.flatMap({ ResponseChecks.id(of: $0) }) else {
                return "group provisioning failed: \(ResponseChecks.detail(created))"
            }
            state.server.recordTeam(id: id, displayName: name, memberIDs: [])
            teamID = id
        }
        state.groups[g].teamID = teamID
        let members = state.memberValues(state.groups[g].memberIndexes).map(\.value)
        return try await addInBatches(members, to: teamID)
    }

    mutating func newGroup(_ name: String, members: [Int]) async throws(SimulationStopped) -> String? {
        let key = state.groupIndex(name) == nil ? name : "\(name) #\(state.groups.count + 1)"
        let people = members.filter { state.people.indices.contains($0) }
        state.groups.append(.init(key: key, name: name, memberIndexes: people))
        return try await provisionGroup(key)
    }

    mutating func renameGroup(_ key: String, to name: String) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key) else { return "no such Entra group" }
        state.groups[g].name = name
        guard let teamID = state.groups[g].teamID else { return "not provisioned: the new name stays in Entra" }
        let read = try await send(requests.readGroup(teamID), expecting: state.server.expectTeamWrite(id: teamID, success: 200)) {
            response in
            ResponseChecks.id(of: response.json ?? .null) == teamID && response.json?.member("members") == nil
                ? [] : ["the group read must carry its id and no members (excludedAttributes=members)"]
        }
        guard read.status == 200 else { return "the rename failed: \(ResponseChecks.detail(read))" }
        let renamed = try await send(
            requests.renameGroup(teamID, to: name), expecting: state.server.expectTeamWrite(id: teamID, success: 204)
        ) { $0.text.isEmpty ? [] : ["a 204 carries no body"] }
        guard renamed.status == 204 else { return "the rename failed: \(ResponseChecks.detail(renamed))" }
        state.server.renameTeam(id: teamID, to: name)
        return nil
    }

    mutating func changeMembers(_ key: String, add: [Int], remove: [Int]) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key) else { return "no such Entra group" }
        let removed = Set(remove)
        state.groups[g].memberIndexes.removeAll { removed.contains($0) }
        for person in add.filter(state.people.indices.contains) where !state.groups[g].memberIndexes.contains(person) {
            state.groups[g].memberIndexes.append(person)
        }
        guard let teamID = state.groups[g].teamID, let team = state.server.teams[teamID] else {
            return "not provisioned: the change stays in Entra"
        }
        let leaving = remove.compactMap { state.appUsers.indices.contains($0) ? state.appUsers[$0].memberID : nil }
            .filter { team.memberIDs.contains($0) }
        let joining = state.memberValues(add.filter { !removed.contains($0) }).map(\.value).filter { !team.memberIDs.contains($0) }
        guard !leaving.isEmpty || !joining.isEmpty else { return "no provisioned member changes: Entra sends nothing" }
        if !leaving.isEmpty {
            let response = try await send(
                requests.removeMembers(teamID, leaving), expecting: state.server.expectTeamWrite(id: teamID, success: 204)
            ) { $0.text.isEmpty ? [] : ["a 204 carries no body"] }
            guard response.status == 204 else { return "removing members failed: \(ResponseChecks.detail(response))" }
            state.server.changeMembers(of: teamID, add: [], remove: leaving)
        }
        return try await addInBatches(joining, to: teamID)
    }

    mutating func deleteGroup(_ key: String) async throws(SimulationStopped) -> String? {
        guard let g = state.groupIndex(key), let teamID = state.groups[g].teamID else { return "not provisioned" }
        let response = try await send(requests.deleteGroup(teamID), expecting: state.server.expectTeamWrite(id: teamID, success: 204)) {
            $0.text.isEmpty ? [] : ["a 204 carries no body"]
        }
        state.groups[g].teamID = nil
        guard response.status == 204 else { return "the delete failed: \(ResponseChecks.detail(response))" }
        state.groups[g].deletedTeamID = teamID
        state.server.deleteTeam(id: teamID)
        return nil
    }

    /// E17 in batches of ``memberBatch``; each must answer 204 and the model follows.
    private mutating func addInBatches(_ memberIDs: [String], to teamID: String) async throws(SimulationStopped) -> String? {
        var start = 0
        while start < memberIDs.count {
            let batch = Array(memberIDs[start..<min(start + Self.memberBatch, memberIDs.count)])
            start += Self.memberBatch
            let response = try await send(
                requests.addMembers(teamID, batch), expecting: state.server.expectTeamWrite(id: teamID, success: 204)
            ) { $0.text.isEmpty ? [] : ["a 204 carries no body"] }
            guard response.status == 204 else { return "adding members failed: \(ResponseChecks.detail(response))" }
            state.server.changeMembers(of: teamID, add: batch, remove: [])
        }
        return nil
    }
}
