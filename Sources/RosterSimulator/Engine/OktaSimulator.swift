import SCIM

/// The simulated Okta: performs one ``OktaAction`` at a time as the exact requests Okta sends,
/// decides each next request from the previous answer as Okta does (found → link, not found →
/// create), checks every answer against what the ``ServerModel`` says a correct Roster answers,
/// and keeps both the Okta tenant and the model up to date.
///
/// It talks only through a ``SCIMTransport``, so it is tested without IO and runs against any
/// SCIM server over HTTP.
public struct OktaSimulator: Sendable {
    public internal(set) var state: SimulationState
    let requests: OktaRequests
    var sender: RequestSender
    private var nextAction = 1
    /// The current action's records.
    var records: [RequestRecord] { sender.records }

    public init(
        state: SimulationState, token: String, transport: any SCIMTransport,
        observe: @escaping @Sendable (RequestRecord) -> Void = { _ in }
    ) {
        self.state = state
        self.requests = OktaRequests(token: token)
        self.sender = RequestSender(transport: transport, observe: observe)
    }

    /// Performs `action` and reports its requests.
    /// - Throws: ``SimulationStopped`` when no answer came, or when Okta would give up (the
    ///   credentials test failed).
    public mutating func perform(_ action: OktaAction) async throws(SimulationStopped) -> ActionReport {
        startRecording()
        let sequence = nextAction
        nextAction += 1
        let description = describe(action)
        let note: String?
        switch action {
        case .testCredentials: note = try await testCredentials()
        case .discoverSchema: note = try await discoverSchema()
        case .importUsers: note = try await importUsers()
        case .importGroups: note = try await importGroups()
        case .assign(let person): note = try await assign(person)
        case .updateProfile(let person, let change): note = try await updateProfile(person, change)
        case .deactivate(let person): note = try await deactivate(person)
        case .reactivate(let person): note = try await reactivate(person)
        case .fixPhone(let person): note = try await fixPhone(person)
        case .retry(let person): note = try await retry(person)
        case .pushGroup(let key): note = try await pushGroup(key)
        case .newGroup(let name, let members): note = try await newGroup(name, members: members)
        case .renameGroup(let key, let name): note = try await renameGroup(key, to: name)
        case .changeMembers(let key, let add, let remove): note = try await changeMembers(key, add: add, remove: remove)
        case .pushNow(let key, let emptied): note = try await pushNow(key, emptied: emptied)
        case .deleteGroup(let key): note = try await deleteGroup(key)
        case .checkGroup(let key): note = try await checkGroup(key)
        }
        return ActionReport(sequence: sequence, action: .okta(action), description: description, records: records, note: note)
    }

    // MARK: Sending

    /// Sends `request` and checks its answer (see ``RequestSender/send(_:expecting:check:)``).
    @discardableResult
    mutating func send(
        _ request: SimulatedRequest, expecting expectation: Expectation,
        check: (SimulatedResponse) -> [String] = { _ in [] }
    ) async throws(SimulationStopped) -> SimulatedResponse {
        try await sender.send(request, expecting: expectation, check: check)
    }

    mutating func addProblems(_ problems: [String]) {
        sender.addProblems(problems)
    }

    mutating func startRecording() {
        sender.startRecording()
    }

    // MARK: Words

    func describe(_ action: OktaAction) -> String {
        func who(_ index: Int) -> String {
            guard state.people.indices.contains(index) else { return "person #\(index)" }
            let person = state.people[index]
            return "\(person.displayName) <\(person.userName)>"
        }
        func group(_ key: String) -> String {
            state.groupIndex(key).map { "group \(state.groups[$0].name)" } ?? "group \(key)"
        }
        switch action {
        case .testCredentials: return "Test API Credentials"
        case .discoverSchema: return "Import User Schema"
        case .importUsers: return "import users"
        case .importGroups: return "import groups"
        case .assign(let person): return "assign \(who(person))"
        case .updateProfile(let person, let change): return "update \(who(person)): \(change.summary)"
        case .deactivate(let person): return "deactivate \(who(person))"
        case .reactivate(let person): return "reactivate \(who(person))"
        case .fixPhone(let person): return "admin fixes the phone of \(who(person)) and retries"
        case .retry(let person): return "admin retries the failed task of \(who(person))"
        case .pushGroup(let key): return "push \(group(key))"
        case .newGroup(let name, let members): return "create and push group \(name) (\(members.count) people)"
        case .renameGroup(let key, let name): return "rename \(group(key)) to \(name)"
        case .changeMembers(let key, let add, let remove):
            return "\(group(key)): +\(add.count) −\(remove.count) people"
        case .pushNow(let key, let emptied):
            return emptied ? "empty \(group(key)) in Okta, then Push Now" : "Push Now \(group(key))"
        case .deleteGroup(let key): return "unlink \(group(key)), deleting it in the app"
        case .checkGroup(let key): return "check that \(group(key)) exists"
        }
    }
}
