import SCIM

/// Users: assignment (R2 → R3, or R2 → R4 + R5 to link), profile updates (R4 + R5),
/// deactivation and reactivation (R6), and the admin's fixes and retries.
extension OktaSimulator {
    mutating func assign(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index) else { return "no such person" }
        if state.isPushable(index), state.appUsers[index].failure == nil {
            return "already assigned: Okta sends nothing"
        }
        state.appUsers[index].assigned = true
        return try await provision(index)
    }

    /// R2, then create or link: what Okta does for an assignment and for its retry.
    private mutating func provision(_ index: Int) async throws(SimulationStopped) -> String? {
        let person = state.people[index]
        let (expectation, total) = state.server.expectLookup(userName: person.userName)
        let lookup = try await send(requests.lookupUser(person.userName), expecting: expectation) { response in
            var problems = ResponseChecks.list(response, startIndex: 1, count: OktaRequests.pageSize)
            let found = response.resources.count
            if let total, found != total {
                problems.append(
                    "the lookup found \(found) members, expected \(total) (userName matches without regard to case)")
            }
            return problems
        }
        guard lookup.status == 200 else { return fail(index, lookup) }
        if let found = lookup.resources.first, let id = ResponseChecks.id(of: found) {
            if state.server.members[id] == nil {
                state.server.recordMember(
                    id: id, userName: person.userName, active: found.member("active")?.boolValue ?? true)
            }
            state.appUsers[index].memberID = id
            return try await pushProfile(index, active: true)
        }
        let created = try await send(
            requests.createUser(person),
            expecting: state.server.expectCreate(phone: person.phone, phoneFormat: person.phoneFormat)
        ) { ResponseChecks.user($0, userName: person.userName, active: true) }
        guard created.status == 201, let body = created.json, let id = ResponseChecks.id(of: body) else {
            return fail(index, created)
        }
        state.server.recordMember(id: id, userName: person.userName, active: body.member("active")?.boolValue ?? true)
        state.appUsers[index].memberID = id
        state.appUsers[index].failure = nil
        return nil
    }

    mutating func updateProfile(_ index: Int, _ change: ProfileChange) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index) else { return "no such person" }
        change.apply(to: &state.people[index])
        guard state.isPushable(index) else { return "not provisioned: the change stays in Okta" }
        return try await pushProfile(index, active: true)
    }

    /// R4 then R5: Okta reads our representation, applies its profile and puts it back whole.
    private mutating func pushProfile(_ index: Int, active: Bool) async throws(SimulationStopped) -> String? {
        guard let id = state.appUsers[index].memberID else { return "not provisioned" }
        let person = state.people[index]
        let current = try await send(
            requests.getUser(id), expecting: .status(200, because: "the linked member exists")
        ) { response in
            response.json.flatMap { ResponseChecks.id(of: $0) } == id ? [] : ["the member's id is not \(id)"]
        }
        guard current.status == 200, let body = current.json else { return fail(index, current) }
        let expectation = state.server.expectReplace(
            id: id, active: active, phone: person.phone, phoneFormat: person.phoneFormat)
        let replaced = try await send(
            requests.replaceUser(id, current: body, person: person, active: active), expecting: expectation
        ) {
            ResponseChecks.user($0, userName: person.userName, active: active)
        }
        guard replaced.status == 200 else { return fail(index, replaced) }
        state.server.recordMember(id: id, userName: person.userName, active: active)
        state.appUsers[index].failure = nil
        return nil
    }

    mutating func deactivate(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index), state.isPushable(index),
            let id = state.appUsers[index].memberID
        else { return "not assigned: Okta sends nothing" }
        state.appUsers[index].assigned = false
        state.appUsers[index].failure = nil
        let userName = state.people[index].userName
        let response = try await send(
            requests.setActive(id, false), expecting: state.server.expectSetActive(id: id, active: false)
        ) { response in
            response.status == 204 ? [] : ResponseChecks.user(response, userName: userName, active: false)
        }
        guard response.status == 200 || response.status == 204 else { return fail(index, response) }
        state.server.setActive(id: id, false)
        return nil
    }

    mutating func reactivate(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index), !state.appUsers[index].assigned,
            state.appUsers[index].memberID != nil
        else { return "not deactivated: Okta sends nothing" }
        state.appUsers[index].assigned = true
        return try await activate(index)
    }

    /// R2 (which must find the inactive member, same id) then R6 `active:true`.
    private mutating func activate(_ index: Int) async throws(SimulationStopped) -> String? {
        let person = state.people[index]
        let knownID = state.appUsers[index].memberID
        let lookup = try await send(
            requests.lookupUser(person.userName),
            expecting: .status(200, because: "the deactivated member is still listed")
        ) { response in
            let found = response.resources.first.flatMap { ResponseChecks.id(of: $0) }
            return ResponseChecks.list(response, startIndex: 1, count: OktaRequests.pageSize)
                + (found == knownID
                    ? [] : ["the lookup did not find the deactivated member \(knownID ?? "?") (same id expected)"])
        }
        guard lookup.status == 200, let id = lookup.resources.first.flatMap({ ResponseChecks.id(of: $0) }) else {
            return fail(index, lookup)
        }
        state.appUsers[index].memberID = id
        let response = try await send(
            requests.setActive(id, true), expecting: state.server.expectSetActive(id: id, active: true)
        ) { response in
            response.status == 204 ? [] : ResponseChecks.user(response, userName: person.userName, active: true)
        }
        guard response.status == 200 || response.status == 204 else { return fail(index, response) }
        state.server.setActive(id: id, true)
        state.appUsers[index].failure = nil
        return nil
    }

    mutating func fixPhone(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index) else { return "no such person" }
        let person = state.people[index]
        guard person.phoneFormat == .raw else { return "the phone is fine: nothing to fix" }
        let fixed = PhoneNumbers.productForm(of: person.phone, country: person.phoneCountry)
        ProfileChange.phone(fixed, .product).apply(to: &state.people[index])
        if state.appUsers[index].failure != nil { return try await retry(index) }
        guard state.isPushable(index) else { return "not provisioned: the fix stays in Okta" }
        return try await pushProfile(index, active: true)
    }

    /// Retry Selected: Okta repeats the task that failed, from its first request.
    mutating func retry(_ index: Int) async throws(SimulationStopped) -> String? {
        guard state.people.indices.contains(index), state.appUsers[index].assigned,
            state.appUsers[index].failure != nil
        else { return "no failed task to retry" }
        guard let id = state.appUsers[index].memberID else { return try await provision(index) }
        if state.server.members[id]?.active == false { return try await activate(index) }
        return try await pushProfile(index, active: true)
    }

    /// Records a failed task as Okta shows it in Dashboard › Tasks, and returns that text.
    private mutating func fail(_ index: Int, _ response: SimulatedResponse) -> String {
        let text = "Okta task failed (HTTP \(response.status)): \(ResponseChecks.detail(response))"
        state.appUsers[index].failure = text
        return text
    }
}
