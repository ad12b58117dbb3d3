import SCIM

/// Users: Test Connection (E1), matching then create or link (E2 → E4, or E2 → E5 → E6), updates
/// (E2 → E6), soft delete and re-enable (E10, E11), hard delete (E12), and the admin's phone fix.
extension EntraSimulator {
    mutating func testConnection() async throws(SimulationStopped) -> String? {
        probes += 1
        let guid = EntraRequests.guid(from: "probe:\(probes)")
        let users = try await send(
            requests.probeUsers(guid), expecting: .status(200, because: "no member has a random GUID as userName")
        ) { EntraChecks.list($0, expected: 0) }
        guard users.status == 200 else {
            throw SimulationStopped(
                "Test Connection failed (HTTP \(users.status)), Entra quarantines the job: \(ResponseChecks.detail(users))")
        }
        try await send(requests.probeGroups(guid), expecting: .status(200, because: "no team has a random GUID as name")) {
            EntraChecks.list($0, expected: 0, withoutMembers: true)
        }
        return nil
    }

    mutating func provision(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index) else { return "no such person" }
        if state.isPushable(index), state.appUsers[index].failure == nil {
            return "already provisioned: Entra sends nothing"
        }
        state.appUsers[index].assigned = true
        let person = state.people[index]
        let (expectation, total) = state.server.expectLookup(userName: person.userName)
        let match = try await send(requests.matchUser(person.userName), expecting: expectation) {
            EntraChecks.list($0, expected: total)
        }
        guard match.status == 200 else { return fail(index, match) }
        if let found = match.resources.first, let id = ResponseChecks.id(of: found) {
            if state.server.members[id] == nil {
                state.server.recordMember(id: id, userName: person.userName, active: found.member("active")?.boolValue ?? true)
            }
            state.appUsers[index].memberID = id
            return try await link(index, id: id)
        }
        let created = try await send(
            requests.createUser(person), expecting: state.server.expectCreate(phone: person.phone, phoneFormat: person.phoneFormat)
        ) { ResponseChecks.user($0, userName: person.userName, active: true) }
        guard created.status == 201, let body = created.json, let id = ResponseChecks.id(of: body) else {
            return fail(index, created)
        }
        state.server.recordMember(id: id, userName: person.userName, active: body.member("active")?.boolValue ?? true)
        state.appUsers[index].memberID = id
        state.appUsers[index].failure = nil
        return nil
    }

    /// A matched member: E5, then one E6 with every attribute that differs from the source, then
    /// E11 when the member was disabled.
    private mutating func link(_ index: Int, id: String) async throws(SimulationStopped) -> String? {
        let person = state.people[index]
        let read = try await send(requests.readUser(id), expecting: .status(200, because: "the matched member exists")) {
            $0.json.flatMap { ResponseChecks.id(of: $0) } == id ? [] : ["the member's id is not \(id)"]
        }
        guard read.status == 200, let current = read.json else { return fail(index, read) }
        let active = current.member("active")?.boolValue ?? true
        let changes = EntraProfile.differences(person, from: current)
        if !changes.isEmpty {
            let patched = try await send(
                requests.updateUser(id, changes), expecting: state.server.expectPatch(phone: person.phone, phoneFormat: person.phoneFormat)
            ) { ResponseChecks.user($0, userName: person.userName, active: active) }
            guard patched.status == 200 else { return fail(index, patched) }
        }
        if !active { return try await setActive(index, id: id, true) }
        state.appUsers[index].failure = nil
        return nil
    }

    mutating func update(_ index: Int, _ change: ProfileChange) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index) else { return "no such person" }
        change.apply(to: &state.people[index])
        guard state.isPushable(index), let id = state.appUsers[index].memberID else {
            return "not provisioned: the change stays in Entra"
        }
        guard try await rematch(index, id: id) else { return state.appUsers[index].failure }
        let person = state.people[index]
        let patched = try await send(
            requests.updateUser(id, EntraProfile.paths(of: change, for: person)),
            expecting: state.server.expectPatch(phone: person.phone, phoneFormat: person.phoneFormat)
        ) { ResponseChecks.user($0, userName: person.userName, active: true) }
        guard patched.status == 200 else { return fail(index, patched) }
        state.appUsers[index].failure = nil
        return nil
    }

    mutating func fixPhone(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index) else { return "no such person" }
        let person = state.people[index]
        guard person.phoneFormat == .raw else { return "the phone is fine: nothing to fix" }
        let fixed = PhoneNumbers.productForm(of: person.phone, country: person.phoneCountry)
        if state.appUsers[index].failure != nil, state.appUsers[index].memberID == nil {
            ProfileChange.phone(fixed, .product).apply(to: &state.people[index])
            return try await provision(index)
        }
        return try await update(index, .phone(fixed, .product))
    }

    mutating func disable(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index), state.isPushable(index), let id = state.appUsers[index].memberID else {
            return "not provisioned: Entra sends nothing"
        }
        state.appUsers[index].assigned = false
        state.appUsers[index].failure = nil
        return try await setActive(index, id: id, false)
    }

    mutating func enable(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index), !state.appUsers[index].assigned,
            let id = state.appUsers[index].memberID
        else { return "not disabled: Entra sends nothing" }
        state.appUsers[index].assigned = true
        guard try await rematch(index, id: id) else { return state.appUsers[index].failure }
        return try await setActive(index, id: id, true)
    }

    mutating func hardDelete(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index), !state.appUsers[index].assigned,
            let id = state.appUsers[index].memberID
        else { return "Entra hard-deletes only users it soft-deleted first" }
        let response = try await send(requests.deleteUser(id), expecting: state.server.expectDeleteMember(id: id)) {
            $0.text.isEmpty ? [] : ["a 204 carries no body"]
        }
        guard response.status == 204 else { return "the delete failed: \(ResponseChecks.detail(response))" }
        state.server.removeMember(id: id)
        state.appUsers[index] = .init()
        return nil
    }

    /// E2 for a linked person: matching runs again and must find the same member, active or not.
    private mutating func rematch(_ index: Int, id: String) async throws(SimulationStopped) -> Bool {
        let userName = state.people[index].userName
        let match = try await send(
            requests.matchUser(userName), expecting: .status(200, because: "the member exists, active or not")
        ) { response in
            let found = response.resources.first.flatMap { ResponseChecks.id(of: $0) }
            return EntraChecks.list(response, expected: 1)
                + (found == id ? [] : ["matching did not find member \(id) again (same id expected)"])
        }
        guard match.status == 200 else {
            _ = fail(index, match)
            return false
        }
        return true
    }

    /// E10 / E11, checked against the seat limit on re-enable.
    private mutating func setActive(_ index: Int, id: String, _ active: Bool) async throws(SimulationStopped) -> String? {
        let userName = state.people[index].userName
        let response = try await send(requests.setActive(id, active), expecting: state.server.expectSetActive(id: id, active: active)) {
            $0.status == 204 ? [] : ResponseChecks.user($0, userName: userName, active: active)
        }
        guard response.status == 200 || response.status == 204 else { return fail(index, response) }
        state.server.setActive(id: id, active)
        state.appUsers[index].failure = nil
        return nil
    }

    /// Records a failure as Entra's provisioning logs show it (the user goes to escrow and is retried
    /// in a later cycle), and returns that text.
    private mutating func fail(_ index: Int, _ response: SimulatedResponse) -> String {
        let text = "Entra provisioning log: failure, retried later (HTTP \(response.status)): \(ResponseChecks.detail(response))"
        state.appUsers[index].failure = text
        return text
    }
}
