/// Sends a simulated client's requests and keeps their records: each answer checked against what a
/// correct Roster gives, numbered over the whole run, published as soon as it is checked. Shared by
/// the simulated Okta and the simulated Entra ID, which differ in what they send, not in how.
struct RequestSender: Sendable {
    let transport: any SCIMTransport
    /// Called with every request as soon as its answer is checked (the live feed).
    let observe: @Sendable (RequestRecord) -> Void
    private var nextRequest = 1
    /// The current action's records.
    private(set) var records: [RequestRecord] = []

    init(transport: any SCIMTransport, observe: @escaping @Sendable (RequestRecord) -> Void) {
        self.transport = transport
        self.observe = observe
    }

    /// Sends `request`, checks the answer against `expectation` and, for an expected success (2xx),
    /// its body with `check`; records and publishes the result.
    /// - Throws: ``SimulationStopped`` when no answer came.
    @discardableResult
    mutating func send(
        _ request: SimulatedRequest, expecting expectation: Expectation,
        check: (SimulatedResponse) -> [String] = { _ in [] }
    ) async throws(SimulationStopped) -> SimulatedResponse {
        let clock = ContinuousClock()
        let start = clock.now
        let sequence = nextRequest
        nextRequest += 1
        do {
            let response = try await transport.send(request)
            var problems = expectation.problems(with: response)
            if problems.isEmpty && (200..<300).contains(response.status) { problems = check(response) }
            finish(
                RequestRecord(
                    sequence: sequence, request: request, expectation: expectation, response: response,
                    elapsed: clock.now - start, problems: problems))
            return response
        } catch {
            let problem = "no answer from the server: \(error)"
            finish(
                RequestRecord(
                    sequence: sequence, request: request, expectation: expectation, response: nil,
                    elapsed: clock.now - start, problems: [problem]))
            throw SimulationStopped("\(request.line): \(problem)")
        }
    }

    /// Adds problems found after the fact (an import that disagrees with the model) to the last record.
    mutating func addProblems(_ problems: [String]) {
        guard !problems.isEmpty, var last = records.popLast() else { return }
        last.problems += problems
        records.append(last)
        observe(last)
    }

    mutating func startRecording() {
        records = []
    }

    private mutating func finish(_ record: RequestRecord) {
        records.append(record)
        observe(record)
    }
}
