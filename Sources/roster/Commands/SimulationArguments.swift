import ArgumentParser
import Foundation
import RosterSimulator
import RosterStore

/// The options `roster simulate` and `roster demo` share: the story, its seed, its pace and length.
struct SimulationArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The identity provider to simulate: okta, or entra (Microsoft Entra ID's requests, headers and "
                + "sequences). (default: okta)",
            valueName: "okta|entra"),
        transform: SimulationArguments.identityProvider)
    var idp: IdentityProvider = .okta
    @Option(
        help: ArgumentHelp(
            "The story: onboarding, reorg, offboarding or mixed (everything, then random changes until "
                + "--duration). (default: mixed)",
            valueName: "name"),
        transform: SimulationArguments.scenario)
    var scenario: Scenario = .mixed
    @Option(help: "Seed for the people and the scenario's choices: the same seed tells the same story.")
    var seed: UInt64 = 1
    @Option(help: "Pushes (Okta or Entra actions, each one or more requests) per second; 0 for as fast as the server answers.")
    var rate: Double = 5
    @Option(help: "How many people the simulated company has.")
    var people: Int = 40
    @Flag(help: "Print only the summary, not one line per push.")
    var quiet = false

    func validate() throws {
        guard rate >= 0, rate.isFinite else { throw ValidationError("--rate must be 0 or more pushes per second") }
        guard (1...100_000).contains(people) else { throw ValidationError("--people must be between 1 and 100000") }
    }

    static func identityProvider(_ text: String) throws -> IdentityProvider {
        guard let idp = IdentityProvider(rawValue: text.lowercased()) else {
            let names = IdentityProvider.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown identity provider '\(text)': use one of \(names)")
        }
        return idp
    }

    static func scenario(_ text: String) throws -> Scenario {
        guard let scenario = Scenario(rawValue: text.lowercased()) else {
            let names = Scenario.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown scenario '\(text)': use one of \(names)")
        }
        return scenario
    }

    /// `--duration` text (`30s`, `2m`) as a Duration, nil for `0` (until the scenario ends).
    static func duration(_ text: String) throws -> Duration? {
        guard let seconds = DurationText.parse(text) else {
            throw ValidationError("--duration '\(text)' is not a duration such as 30s or 2m")
        }
        return seconds == 0 ? nil : .milliseconds(Int64(seconds * 1000))
    }

    func options(duration: Duration?, rules: ProductRules) -> SimulationOptions {
        SimulationOptions(idp: idp, scenario: scenario, seed: seed, people: people, duration: duration, rules: rules)
    }
}

/// Prints a run as it goes: one line per push with its requests' statuses, expected refusals
/// marked with their rule and what the admin sees, unexpected answers with what was expected.
struct SimulationProgress: Sendable {
    var quiet: Bool

    func handle(_ event: SimulatorEvent) {
        guard !quiet, case .action(let report) = event else { return }
        print(Self.line(report))
        fflush(nil)  // a pipe would otherwise hold the lines until exit
    }

    static func line(_ report: ActionReport) -> String {
        let statuses = report.records.map { record in
            "\(record.request.kind.code) \(record.response.map { String($0.status) } ?? "—")"
        }
        var line = "\(String(report.sequence).leftPadded(to: 4))  \(report.description)"
        if !statuses.isEmpty { line += "  [\(statuses.joined(separator: " · "))]" }
        let rules = report.records.compactMap(\.refusalRule)
        if report.unexpectedCount > 0 {
            let problems = report.records.flatMap(\.problems)
            line += "\n      UNEXPECTED: " + problems.joined(separator: "; ")
        } else if let rule = rules.first {
            line += "  expected refusal (\(rule))"
            if let note = report.note { line += "\n      " + note }
        } else if let note = report.note {
            line += "  — \(note)"
        }
        return line
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
