import SCIM

/// The simulated Entra ID provisioning service: performs one ``EntraAction`` at a time as the
/// requests Entra sends (entra-requests.md §4), decides each next request from the previous answer
/// as Entra does (no match → create, match → link), checks every answer against what the
/// ``ServerModel`` says a correct Roster answers, and keeps the tenant and the model up to date.
///
/// It talks only through a ``SCIMTransport``, so it is tested without IO and runs against any
/// SCIM server over HTTP.
public struct EntraSimulator: Sendable {
    public internal(set) var state: SimulationState
    let requests: EntraRequests
    var sender: RequestSender
    private var nextAction = 1
    /// Numbers the random GUIDs of the connection probes, so a seed always sends the same ones.
    var probes = 0

    /// How many members one E17 carries. Microsoft asks for several members per PATCH and does not
    /// say how many Entra sends: an assumption.
    static let memberBatch = 10

    public init(
        state: SimulationState, token: String, transport: any SCIMTransport,
        observe: @escaping @Sendable (RequestRecord) -> Void = { _ in }
    ) {
        self.state = state
        self.requests = EntraRequests(token: token)
        self.sender = RequestSender(transport: transport, observe: observe)
    }

    /// The current action's records.
    var records: [RequestRecord] { sender.records }

    /// Performs `action` and reports its requests.
    /// - Throws: ``SimulationStopped`` when no answer came, or when Entra would quarantine the job
    ///   (Test Connection failed).
    public mutating func perform(_ action: EntraAction) async throws(SimulationStopped) -> ActionReport {
        sender.startRecording()
        let sequence = nextAction
        nextAction += 1
        let description = describe(action)
        let note: String?
        switch action {
        case .testConnection: note = try await testConnection()
        case .provision(let person): note = try await provision(person)
        case .update(let person, let change): note = try await update(person, change)
        case .fixPhone(let person): note = try await fixPhone(person)
        case .disable(let person): note = try await disable(person)
        case .enable(let person): note = try await enable(person)
        case .hardDelete(let person): note = try await hardDelete(person)
        case .provisionGroup(let key): note = try await provisionGroup(key)
        case .newGroup(let name, let members): note = try await newGroup(name, members: members)
        case .renameGroup(let key, let name): note = try await renameGroup(key, to: name)
        case .changeMembers(let key, let add, let remove): note = try await changeMembers(key, add: add, remove: remove)
        case .deleteGroup(let key): note = try await deleteGroup(key)
        }
        return ActionReport(sequence: sequence, action: .entra(action), description: description, records: records, note: note)
    }

    /// Reads every member and team back (the summary's final state) with Entra's headers and lists
    /// each difference from the model; changes nothing.
    public mutating func readBack() async throws(SimulationStopped) -> (
        state: FinalState, problems: [String], records: [RequestRecord]
    ) {
        let requests = requests
        return try await sender.readBack(
            server: state.server,
            users: { requests.listPage(users: true, startIndex: $0) },
            groups: { requests.listPage(users: false, startIndex: $0) })
    }

    // MARK: Sending

    /// Retries of one throttled request before its 429 counts as the answer.
    static let maxRetries = 3
    /// The longest the simulator waits before a retry, whatever `Retry-After` says, so a demo keeps moving.
    static let maxRetryWait = 5

    /// Sends `request` and checks its answer. A 429 is retried as Entra retries it ("TooManyRequests:
    /// automatically retried", entra-requests.md §0), after `Retry-After` seconds (1 without one).
    @discardableResult
    mutating func send(
        _ request: SimulatedRequest, expecting expectation: Expectation,
        check: (SimulatedResponse) -> [String] = { _ in [] }
    ) async throws(SimulationStopped) -> SimulatedResponse {
        var attempt = 0
        while true {
            let retries = attempt < Self.maxRetries
            let response = try await sender.send(
                request, expecting: retries ? expectation.allowingThrottling : expectation, check: check)
            guard response.status == 429, retries else { return response }
            attempt += 1
            try? await Task.sleep(for: .seconds(min(max(response.retryAfter ?? 1, 0), Self.maxRetryWait)))
        }
    }

    // MARK: Words

    func describe(_ action: EntraAction) -> String {
        func who(_ index: Int) -> String {
            guard state.people.indices.contains(index) else { return "person #\(index)" }
            let person = state.people[index]
            return "\(person.displayName) <\(person.userName)>"
        }
        func group(_ key: String) -> String {
            state.groupIndex(key).map { "group \(state.groups[$0].name)" } ?? "group \(key)"
        }
        switch action {
        case .testConnection: return "Test Connection"
        case .provision(let person): return "provision \(who(person))"
        case .update(let person, let change): return "update \(who(person)): \(change.summary)"
        case .fixPhone(let person): return "admin maps a conforming phone for \(who(person))"
        case .disable(let person): return "disable \(who(person)) (unassigned or soft-deleted)"
        case .enable(let person): return "re-enable \(who(person))"
        case .hardDelete(let person): return "hard-delete \(who(person))"
        case .provisionGroup(let key): return "provision \(group(key))"
        case .newGroup(let name, let members): return "create and assign group \(name) (\(members.count) people)"
        case .renameGroup(let key, let name): return "rename \(group(key)) to \(name)"
        case .changeMembers(let key, let add, let remove): return "\(group(key)): +\(add.count) −\(remove.count) people"
        case .deleteGroup(let key): return "delete \(group(key)) in Entra"
        }
    }
}
