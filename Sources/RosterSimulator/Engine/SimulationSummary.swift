import SCIM

/// The outcome of a run: what was sent, what came back, every unexpected answer with its request
/// and response, and the members and teams read back at the end.
public struct SimulationSummary: Sendable {
    public var options: SimulationOptions
    /// The SCIM base URL the run talked to.
    public var target: String
    public var elapsed: Duration = .zero
    public var actions = 0
    public var requests = 0
    public var requestsByKind: [RequestKind: Int] = [:]
    public var statusCounts: [Int: Int] = [:]
    /// Expected refusals by product rule (`phone format`, `seat limit`).
    public var refusals: [String: Int] = [:]
    /// Requests whose answer was not the expected one.
    public var unexpected: [RequestRecord] = []
    /// Differences between the final read-back and the model.
    public var finalProblems: [String] = []
    public var finalState: FinalState?
    public var seatLimit: Int?
    /// Why the run ended early, if it did.
    public var stopped: String?

    public init(options: SimulationOptions, target: String) {
        self.options = options
        self.target = target
    }

    /// True when every answer was the expected one and the final state matched.
    public var passed: Bool { unexpected.isEmpty && finalProblems.isEmpty && stopped == nil }

    public var unexpectedCount: Int { unexpected.count + finalProblems.count }

    mutating func add(_ report: ActionReport) {
        actions += 1
        add(report.records)
    }

    mutating func add(_ records: [RequestRecord]) {
        for record in records {
            requests += 1
            requestsByKind[record.request.kind, default: 0] += 1
            if let response = record.response { statusCounts[response.status, default: 0] += 1 }
            if let rule = record.refusalRule { refusals[rule, default: 0] += 1 }
            if !record.isExpected { unexpected.append(record) }
        }
    }

    /// The summary as printed by `roster simulate` and `roster demo --headless`.
    public func render(bodyLimit: Int = 600) -> String {
        var lines: [String] = []
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        lines.append(
            "Simulated \(options.idp.displayName) → \(target): scenario \(options.scenario.rawValue), seed \(options.seed), "
                + "\(options.people) people, \(Self.format(seconds)) s")
        lines.append("  \(actions) pushes, \(requests) requests, \(unexpectedCount) unexpected")
        lines.append("Requests by kind:")
        for (kind, count) in requestsByKind.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(kind.code.padded(to: 4)) \(kind.label.padded(to: 34)) \(count)")
        }
        let statuses = statusCounts.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
        if !statuses.isEmpty { lines.append("Statuses: \(statuses.joined(separator: ", "))") }
        if !refusals.isEmpty {
            let rules = refusals.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            lines.append("Expected refusals: \(rules.joined(separator: ", "))")
        }
        if let finalState {
            let limit = seatLimit.map { " (seat limit \($0))" } ?? ""
            lines.append(
                "Members at the end: \(finalState.members) (\(finalState.activeMembers) active, "
                    + "\(finalState.members - finalState.activeMembers) deactivated)\(limit)")
            let teams = finalState.teams.map { "\($0.displayName) \($0.members)" }.joined(separator: ", ")
            lines.append("Teams at the end: \(finalState.teams.count)\(teams.isEmpty ? "" : ": " + teams)")
        }
        if let stopped { lines.append("Stopped early: \(stopped)") }
        if unexpected.isEmpty && finalProblems.isEmpty {
            lines.append("Unexpected outcomes: none")
        } else {
            lines.append("Unexpected outcomes:")
            for record in unexpected {
                let request = record.request
                lines.append("  #\(record.sequence) \(request.method.rawValue) \(request.path) [\(request.kind.code)]")
                if let body = record.request.bodyText { lines.append("    request:  \(Self.clip(body, bodyLimit))") }
                if let response = record.response {
                    lines.append("    response: \(response.status) \(Self.clip(response.text, bodyLimit))")
                }
                lines.append("    expected: \(record.expectation)")
                for problem in record.problems { lines.append("    problem:  \(problem)") }
            }
            for problem in finalProblems { lines.append("  final state: \(problem)") }
        }
        if passed {
            lines.append("PASS: every push had the expected outcome")
        } else {
            let stop = stopped == nil ? "" : unexpectedCount == 0 ? "stopped early" : ", stopped early"
            lines.append("FAIL: \(unexpectedCount == 0 ? "" : "\(unexpectedCount) unexpected outcome(s)")\(stop)")
        }
        return lines.joined(separator: "\n")
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "… (\(text.utf8.count) bytes)"
    }

    static func format(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
