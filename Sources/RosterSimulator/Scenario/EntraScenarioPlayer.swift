/// Plays a ``Scenario`` as Entra ID tells it: the same seeded story as ``ScenarioPlayer`` (who joins,
/// moves, leaves and comes back, which groups change), retold in Entra's terms.
///
/// Where Okta tests credentials, Entra runs Test Connection and probes again at the start of every
/// cycle; Entra never imports, so an import becomes the cycle that carries out pending hard deletes
/// (Entra purges a soft-deleted user after 30 days); Entra has no Push Now, so a group emptied in the
/// directory becomes one removal of all its members; Okta's existence check has no Entra request.
public struct EntraScenarioPlayer: Sendable {
    private var story: ScenarioPlayer

    public init(scenario: Scenario, seed: UInt64) {
        story = ScenarioPlayer(scenario: scenario, seed: seed)
    }

    public var scenario: Scenario { story.scenario }

    /// The next action, or nil when the story is over (never for `mixed`).
    public mutating func next(_ state: SimulationState) -> EntraAction? {
        while let action = story.next(state) {
            if let entra = Self.retell(action, state) { return entra }
        }
        return nil
    }

    /// The Entra action for one step of the story, nil when Entra sends nothing for it.
    static func retell(_ action: OktaAction, _ state: SimulationState) -> EntraAction? {
        switch action {
        case .testCredentials, .importGroups: return .testConnection
        case .discoverSchema, .checkGroup: return nil
        case .importUsers:
            // The oldest soft-deleted user reaches the end of Entra's 30 days.
            return state.deactivatedPeople.first.map { .hardDelete(person: $0) }
        case .assign(let person), .retry(let person): return .provision(person: person)
        case .updateProfile(let person, let change): return .update(person: person, change)
        case .deactivate(let person): return .disable(person: person)
        case .reactivate(let person): return .enable(person: person)
        case .fixPhone(let person): return .fixPhone(person: person)
        case .pushGroup(let key): return .provisionGroup(key: key)
        case .newGroup(let name, let members): return .newGroup(name: name, members: members)
        case .renameGroup(let key, let name): return .renameGroup(key: key, to: name)
        case .changeMembers(let key, let add, let remove): return .changeMembers(key: key, add: add, remove: remove)
        case .pushNow(let key, let emptied):
            guard emptied, let g = state.groupIndex(key) else { return nil }
            return .changeMembers(key: key, add: [], remove: state.groups[g].memberIndexes)
        case .deleteGroup(let key): return .deleteGroup(key: key)
        }
    }
}
