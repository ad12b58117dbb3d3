import SCIM

/// What a correct Roster answers to one request, and why: the acceptable statuses, and for a
/// refusal its `scimType` and the start of its `detail`.
public struct Expectation: Sendable, Hashable, CustomStringConvertible {
    public struct Outcome: Sendable, Hashable {
        public var status: Int
        /// Required `scimType` of an error answer.
        public var scimType: String?
        /// Required beginning of an error answer's `detail`.
        public var detailPrefix: String?
        /// A text the `detail` must contain (the offending value, so an admin can act on it).
        public var detailMentions: String?
        /// The product rule this refusal comes from (`phone format`, `seat limit`), for the summary.
        public var rule: String?

        public init(
            status: Int, scimType: String? = nil, detailPrefix: String? = nil, detailMentions: String? = nil,
            rule: String? = nil
        ) {
            self.status = status
            self.scimType = scimType
            self.detailPrefix = detailPrefix
            self.detailMentions = detailMentions
            self.rule = rule
        }
    }

    public var outcomes: [Outcome]
    /// Why, in words: "a new member", "seat limit reached (34 of 34)".
    public var reason: String

    public init(_ outcomes: [Outcome], _ reason: String) {
        self.outcomes = outcomes
        self.reason = reason
    }

    /// Any of `statuses`, no further conditions.
    public static func status(_ statuses: Int..., because reason: String) -> Expectation {
        Expectation(statuses.map { Outcome(status: $0) }, reason)
    }

    /// The same, with a 429 (a SCIM error) also accepted: a client that retries throttled requests
    /// on its own treats it as "later", not as a failure.
    public var allowingThrottling: Expectation {
        Expectation(outcomes + [Outcome(status: 429, rule: "rate limit")], reason)
    }

    public var statuses: [Int] { outcomes.map(\.status) }

    public var description: String {
        "\(statuses.map(String.init).joined(separator: " or ")) (\(reason))"
    }

    /// The outcome `response` matched, if any.
    public func matchedOutcome(_ response: SimulatedResponse) -> Outcome? {
        outcomes.first { $0.status == response.status && problems(of: $0, in: response).isEmpty }
    }

    /// Everything about `response` that a correct server would have done differently; empty when expected.
    public func problems(with response: SimulatedResponse) -> [String] {
        let candidates = outcomes.filter { $0.status == response.status }
        guard !candidates.isEmpty else {
            let detail = response.json?.member("detail")?.stringValue.map { ": \($0)" } ?? ""
            return ["expected \(self), got \(response.status)\(detail)"]
        }
        var first: [String] = []
        for (index, outcome) in candidates.enumerated() {
            let found = problems(of: outcome, in: response)
            if found.isEmpty { return [] }
            if index == 0 { first = found }
        }
        return first
    }

    private func problems(of outcome: Outcome, in response: SimulatedResponse) -> [String] {
        guard response.status >= 400 else { return [] }
        var problems: [String] = []
        let body = response.json
        let schemas = body?.member("schemas")?.arrayValue?.compactMap(\.stringValue) ?? []
        if !schemas.contains(SCIMURN.error) {
            problems.append("the \(response.status) answer is not a SCIM error (schemas lacks \(SCIMURN.error))")
        }
        if body?.member("status")?.stringValue != String(response.status) {
            problems.append("the error's status is not the string \"\(response.status)\"")
        }
        let detail = body?.member("detail")?.stringValue ?? ""
        if detail.isEmpty { problems.append("the error has no detail for the admin") }
        if let scimType = outcome.scimType, body?.member("scimType")?.stringValue != scimType {
            problems.append("expected scimType \(scimType), got \(body?.member("scimType")?.stringValue ?? "none")")
        }
        if let prefix = outcome.detailPrefix, !detail.hasPrefix(prefix) {
            problems.append("expected a detail starting \"\(prefix)\", got \"\(detail)\"")
        }
        if let mention = outcome.detailMentions, !detail.contains(mention) {
            problems.append("expected the detail to name \"\(mention)\", got \"\(detail)\"")
        }
        return problems
    }
}

extension JSONValue {
    /// The member `key` of an object (any case), nil otherwise.
    func member(_ key: String) -> JSONValue? { objectValue?[key] }
}
