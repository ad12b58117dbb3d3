/// One request the simulator sent, the answer, what a correct server would have answered, and
/// every difference.
public struct RequestRecord: Sendable {
    /// 1, 2, 3… over the whole run.
    public var sequence: Int
    public var request: SimulatedRequest
    public var expectation: Expectation
    /// Nil when no answer came.
    public var response: SimulatedResponse?
    public var elapsed: Duration
    /// Empty when the answer was the expected one.
    public var problems: [String]

    public var isExpected: Bool { problems.isEmpty }

    /// The product rule behind an expected refusal (`phone format`, `seat limit`), nil otherwise.
    public var refusalRule: String? {
        guard isExpected, let response else { return nil }
        return expectation.matchedOutcome(response)?.rule
    }
}

/// What a simulated identity provider did: an Okta action or an Entra ID one.
public enum SimulatedAction: Sendable, Hashable {
    case okta(OktaAction)
    case entra(EntraAction)
}

/// One identity-provider action and the requests it became.
public struct ActionReport: Sendable {
    /// 1, 2, 3… over the whole run.
    public var sequence: Int
    public var action: SimulatedAction
    /// What the admin or the identity provider did, in words: "assign Søren Ødegård <soren.odegard@acme.example>".
    public var description: String
    public var records: [RequestRecord]
    /// Why nothing was sent, or what the admin now sees in Okta's tasks or Entra's provisioning logs.
    public var note: String?

    public var unexpectedCount: Int { records.filter { !$0.isExpected }.count }
}

/// What a running simulation reports, in order: each request as it completes, each action when
/// all its requests are done, and the summary at the end.
public enum SimulatorEvent: Sendable {
    case request(RequestRecord)
    case action(ActionReport)
    case paused
    case resumed
    case finished(SimulationSummary)
}

/// Why a run ended before its scenario did.
public struct SimulationStopped: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
