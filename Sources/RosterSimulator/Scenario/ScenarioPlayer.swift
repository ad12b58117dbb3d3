/// Plays a ``Scenario``: hands out the next ``OktaAction``, choosing people and groups with a
/// seeded generator from the tenant's state at that moment (who is active, who failed, which
/// groups are pushed), so the same seed tells the same story.
public struct ScenarioPlayer: Sendable {
    public let scenario: Scenario
    private var random: SeededGenerator
    private var stages: [Stage]
    private var queue: [OktaAction] = []
    /// The team created by the `newTeam` stage, which `dissolve` removes again.
    private var projectGroup: String?

    public init(scenario: Scenario, seed: UInt64) {
        self.scenario = scenario
        random = SeededGenerator(seed: seed ^ 0x5CE7_A210)
        stages = scenario.stages
    }

    /// The next action, or nil when the story is over (never for `mixed`).
    public mutating func next(_ state: SimulationState) -> OktaAction? {
        while queue.isEmpty {
            guard let stage = stages.first else { return nil }
            if stage != .random { stages.removeFirst() }
            queue = expand(stage, state)
            if stage == .random && queue.isEmpty { return nil }
        }
        return queue.removeFirst()
    }

    private mutating func expand(_ stage: Stage, _ state: SimulationState) -> [OktaAction] {
        switch stage {
        case .connect:
            return [.testCredentials, .discoverSchema, .importUsers, .importGroups]
        case .assignAll:
            let count = scenario.onboardedCount(of: state.people.count)
            return state.unassignedPeople.filter { $0 < count }.map { .assign(person: $0) }
        case .pushDepartments:
            return state.groups.filter { $0.teamID == nil }.map { .pushGroup(key: $0.key) }
        case .fixPhones:
            return state.people.indices.filter { state.appUsers[$0].assigned && state.people[$0].phoneFormat == .raw }
                .map { .fixPhone(person: $0) }
        case .leavers:
            return leavers(state)
        case .retryFailed:
            return state.failedPeople.map {
                state.people[$0].phoneFormat == .raw ? .fixPhone(person: $0) : .retry(person: $0)
            }
        case .rehire:
            return rehire(state)
        case .rename:
            return rename(state)
        case .moves:
            return (0..<2).flatMap { _ in move(state) }
        case .newTeam:
            return newTeam(state)
        case .pushNow:
            return state.pushedGroups.isEmpty ? [] : [.pushNow(key: random.pick(state.pushedGroups).key)]
        case .phoneTypo:
            return phoneTypo(state)
        case .nameChange:
            return nameChange(state)
        case .dissolve:
            return dissolve(state)
        case .scheduledImport:
            return [.importUsers, .importGroups]
        case .random:
            return everydayChange(state)
        }
    }

    // MARK: Chapters

    /// About one active person in eight leaves: deactivated, then removed from their department.
    private mutating func leavers(_ state: SimulationState) -> [OktaAction] {
        let active = state.activePeople
        guard !active.isEmpty else { return [] }
        let chosen = random.sample(max(1, active.count / 8), of: active.count).map { active[$0] }
        return chosen.flatMap { person in leave(person, state) }
    }

    private func leave(_ person: Int, _ state: SimulationState) -> [OktaAction] {
        [.deactivate(person: person)]
            + state.groups.filter { $0.teamID != nil && $0.memberIndexes.contains(person) }
            .map { .changeMembers(key: $0.key, add: [], remove: [person]) }
    }

    private mutating func rehire(_ state: SimulationState) -> [OktaAction] {
        let gone = state.deactivatedPeople
        guard !gone.isEmpty else { return [] }
        let person = random.pick(gone)
        let department = state.groups.first { $0.key == state.people[person].department && $0.teamID != nil }
        return [.reactivate(person: person)]
            + (department.map { [.changeMembers(key: $0.key, add: [person], remove: [])] } ?? [])
    }

    private mutating func rename(_ state: SimulationState) -> [OktaAction] {
        let departments = state.pushedGroups.filter { Self.alternateNames[$0.key] != nil }
        guard !departments.isEmpty else { return [] }
        let group = random.pick(departments)
        let alternate = Self.alternateNames[group.key] ?? group.key
        return [.renameGroup(key: group.key, to: group.name == group.key ? alternate : group.key)]
    }

    /// Someone changes department: new title in Okta (R4 + R5), out of the old group, into the new one.
    private mutating func move(_ state: SimulationState) -> [OktaAction] {
        let active = state.activePeople
        let departments = state.pushedGroups.filter { Self.alternateNames[$0.key] != nil }
        guard !active.isEmpty, departments.count >= 2 else { return [] }
        let person = random.pick(active)
        let from = state.people[person].department
        let targets = departments.filter { $0.key != from }
        let target = random.pick(targets)
        let title = random.pick(Workplace.titles(of: target.key))
        var actions: [OktaAction] = [.updateProfile(person: person, .department(target.key, title: title))]
        if let old = state.groups.first(where: { $0.key == from }), old.memberIndexes.contains(person) {
            actions.append(.changeMembers(key: old.key, add: [], remove: [person]))
        }
        actions.append(.changeMembers(key: target.key, add: [person], remove: []))
        return actions
    }

    private mutating func newTeam(_ state: SimulationState) -> [OktaAction] {
        let taken = Set(
            state.groups.map { $0.name.lowercased() } + state.server.teams.values.map { $0.displayName.lowercased() })
        let names = Self.projectNames.filter { !taken.contains($0.lowercased()) }
        let active = state.activePeople
        guard !names.isEmpty, !active.isEmpty else { return [] }
        let name = random.pick(names)
        projectGroup = name
        let members = random.sample(max(1, min(active.count, 3 + random.below(6))), of: active.count).map { active[$0] }
        return [.newGroup(name: name, members: members)]
    }

    /// Someone retypes their phone the local way (refused under the strict policy); the admin fixes it.
    private mutating func phoneTypo(_ state: SimulationState) -> [OktaAction] {
        let candidates = state.activePeople.filter { state.people[$0].phoneFormat == .product }
        guard !candidates.isEmpty else { return [] }
        let person = state.people[random.pick(candidates)]
        let national = String(person.phone.split(separator: " ").last ?? "")
        let typed = PhoneNumbers.raw(country: person.phoneCountry, national: national, random: &random)
        return [.updateProfile(person: person.index, .phone(typed, .raw)), .fixPhone(person: person.index)]
    }

    /// A marriage: the partner's family name from the person's own culture, taken over where names are
    /// written family first, otherwise joined into a double name (sometimes a very long one).
    private mutating func nameChange(_ state: SimulationState) -> [OktaAction] {
        let active = state.activePeople
        guard !active.isEmpty else { return [] }
        let person = state.people[random.pick(active)]
        guard let culture = NameCulture.all.first(where: { $0.locale == person.locale }) else { return [] }
        let partner = random.pick(culture.family).text
        guard !person.familyName.contains(partner) else { return [] }
        let takesPartnerName = culture.familyFirst || person.familyName.contains("-")
        return [
            .updateProfile(
                person: person.index, .familyName(takesPartnerName ? partner : "\(person.familyName)-\(partner)"))
        ]
    }

    /// A team is dissolved: emptied in Okta and pushed as `[]`, unlinked with delete, then Okta
    /// finds it gone (404).
    private mutating func dissolve(_ state: SimulationState) -> [OktaAction] {
        let key =
            projectGroup.flatMap { name in state.groups.first { $0.key == name && $0.teamID != nil }?.key }
            ?? state.pushedGroups.last?.key
        guard let key else { return [] }
        projectGroup = nil
        return [.pushNow(key: key, emptied: true), .deleteGroup(key: key), .checkGroup(key: key)]
    }

    // MARK: Everyday changes (mixed)

    private enum Change: CaseIterable {
        case title, move, leave, rehire, newHire, retry, pushNow, rename, phoneTypo, nameChange, newTeam, dissolve
        case importUsers, importGroups, testCredentials, checkGroup

        var weight: Int {
            switch self {
            case .title: 20
            case .move: 12
            case .leave, .rehire, .retry: 8
            case .newHire: 10
            case .pushNow: 6
            case .rename, .phoneTypo: 4
            case .nameChange, .newTeam, .dissolve, .importUsers: 3
            case .importGroups, .testCredentials, .checkGroup: 2
            }
        }
    }

    private mutating func everydayChange(_ state: SimulationState) -> [OktaAction] {
        let total = Change.allCases.reduce(0) { $0 + $1.weight }
        for _ in 0..<20 {
            var roll = random.below(total)
            let change =
                Change.allCases.first { change in
                    defer { roll -= change.weight }
                    return roll < change.weight
                } ?? .title
            let actions = make(change, state)
            if !actions.isEmpty { return actions }
        }
        return [.importUsers]
    }

    private mutating func make(_ change: Change, _ state: SimulationState) -> [OktaAction] {
        switch change {
        case .title:
            let active = state.activePeople
            guard !active.isEmpty else { return [] }
            let person = random.pick(active)
            return [
                .updateProfile(
                    person: person, .title(random.pick(Workplace.titles(of: state.people[person].department))))
            ]
        case .move: return move(state)
        case .leave:
            let active = state.activePeople
            return active.isEmpty ? [] : leave(random.pick(active), state)
        case .rehire: return rehire(state)
        case .newHire:
            let waiting = state.unassignedPeople
            guard !waiting.isEmpty else { return [] }
            let person = waiting[0]
            let department = state.groups.first { $0.key == state.people[person].department && $0.teamID != nil }
            return [.assign(person: person)]
                + (department.map { [.changeMembers(key: $0.key, add: [person], remove: [])] } ?? [])
        case .retry:
            let failed = state.failedPeople
            guard !failed.isEmpty else { return [] }
            let person = random.pick(failed)
            return [state.people[person].phoneFormat == .raw ? .fixPhone(person: person) : .retry(person: person)]
        case .pushNow:
            return state.pushedGroups.isEmpty ? [] : [.pushNow(key: random.pick(state.pushedGroups).key)]
        case .rename: return rename(state)
        case .phoneTypo: return phoneTypo(state)
        case .nameChange: return nameChange(state)
        case .newTeam: return projectGroup == nil ? newTeam(state) : []
        case .dissolve: return projectGroup == nil ? [] : dissolve(state)
        case .importUsers: return [.importUsers]
        case .importGroups: return [.importGroups]
        case .testCredentials: return [.testCredentials]
        case .checkGroup:
            return state.pushedGroups.isEmpty ? [] : [.checkGroup(key: random.pick(state.pushedGroups).key)]
        }
    }

    /// Department → the name a reorganisation gives it (and back).
    static let alternateNames: [String: String] = [
        "Engineering": "Product Engineering", "Sales": "Revenue", "Marketing": "Growth Marketing",
        "Finance": "Finance & Accounting", "People": "People Operations", "Customer Success": "Customer Experience",
    ]

    /// Names of teams created during a story, some non-ASCII to exercise encoding and matching.
    static let projectNames = [
        "Platform", "Project Aurora", "東京オフィス", "Zürich Office", "Incident Response", "São Paulo Office",
        "Project Nimbus", "Älvsjö Hub",
    ]
}
