import ArgumentParser
import Foundation
import RosterSimulator
import UnixSignals

/// `roster simulate`: the Okta or Entra ID simulator against any SCIM server, as an end-to-end check or a load generator.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Provision a simulated company into a SCIM server the way Okta (or Entra ID) does, and check every answer.",
        discussion: """
            Sends Okta's exact requests (Test API Credentials, user lookups, creates, GET+PUT profile updates, \
            PATCH deactivation, Push Groups with renames, deltas and Push Now, imports paged by 100), or with \
            --idp entra Entra ID's (Test Connection, per-user matching then create, PATCH updates with filtered \
            paths, "False"/"True" soft delete and re-enable, hard delete, group matching, creation and member \
            batches answered 204), and compares \
            each answer with what a correct Roster gives. --seat-limit and --phone-policy tell the simulator what \
            the server enforces: without --seat-limit no 403 is expected; with the strict phone policy a phone \
            outside '+41 791234567' form is expected to get 400 invalidValue, with flag to be stored. \
            The simulator expects to be the only writer of the organization while it runs. \
            Prints one line per push and a summary; exits 0 only if every answer was the expected one. \
            Ctrl-C ends the run after the current push and still prints the summary.
            """)

    @Option(help: ArgumentHelp("The SCIM base URL, e.g. http://127.0.0.1:8080/scim/v2.", valueName: "url"))
    var url: String
    @Option(help: ArgumentHelp("The API key, sent as 'Authorization: Bearer <key>'.", valueName: "key"))
    var token: String
    @OptionGroup var simulation: SimulationArguments
    @Option(
        help: ArgumentHelp(
            "Stop starting pushes after this long (e.g. 30s, 2m; 0 = until the scenario ends).",
            valueName: "duration"))
    var duration: String = "30s"
    @Option(help: "The server's seat limit (most active members); without it no seat refusal is expected.")
    var seatLimit: Int?
    @Option(
        help: ArgumentHelp(
            "The organization's phone policy: strict (refuse) or flag (store and mark).",
            valueName: "strict|flag"))
    var phonePolicy: String = "strict"

    func validate() throws {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ValidationError(
                "--url must be an http:// or https:// SCIM base URL, e.g. http://127.0.0.1:8080/scim/v2")
        }
        guard !token.isEmpty else { throw ValidationError("--token must not be empty") }
        guard PhonePolicyExpectation(rawValue: phonePolicy.lowercased()) != nil else {
            throw ValidationError("--phone-policy '\(phonePolicy)' is not strict or flag")
        }
        if let seatLimit, seatLimit < 0 { throw ValidationError("--seat-limit must be 0 or more") }
        _ = try SimulationArguments.duration(duration)
    }

    func run() async throws {
        let rules = ProductRules(
            seatLimit: seatLimit, phonePolicy: PhonePolicyExpectation(rawValue: phonePolicy.lowercased()) ?? .strict)
        let options = simulation.options(duration: try SimulationArguments.duration(duration), rules: rules)
        let control = SimulatorControl(rate: simulation.rate)
        let signals = Task { await SimulationSignals.stopOnSignal(control) }
        defer { signals.cancel() }
        let progress = SimulationProgress(quiet: simulation.quiet)
        let summary = try await HTTPTransport.with(baseURL: url) { transport in
            await SimulationRunner.run(
                options, token: token, transport: transport, target: transport.baseURL, control: control,
                events: progress.handle)
        }
        print(summary.render())
        if !summary.passed { throw ExitCode.failure }
    }
}

/// Ctrl-C and SIGTERM end a simulation after the push in progress, so the summary is still printed; a second
/// one exits at once.
enum SimulationSignals {
    static func stopOnSignal(_ control: SimulatorControl) async {
        var signals = await UnixSignalsSequence(trapping: .sigint, .sigterm).makeAsyncIterator()
        guard await signals.next() != nil else { return }
        await control.stop()
        guard let second = await signals.next() else { return }
        exit(second == .sigint ? 130 : 143)
    }
}
