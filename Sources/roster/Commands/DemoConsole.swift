import ArgumentParser
import Foundation
import RosterPostgres
import RosterSQLite
import RosterServer
import RosterSimulator
import RosterStore
import Synchronization

/// `roster demo` with the console: the console session of `roster console` on the demo database, with the
/// simulator pushing into its server from a background task. The Requests tab shows each push as it lands.
///
/// The console picks nothing itself here: the demo prepares the demo organization, runs `ConsoleSession` with it
/// and port 0 on loopback, and starts simulating once the session reports the port its server bound.
struct DemoConsole {
    let demo: Demo

    func run() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError("the demo's console needs a terminal; without one run `roster demo --headless`")
        }
        if let database = demo.database, PostgresStore.isURL(database) {
            throw CLIError("the demo's console does not run on PostgreSQL yet; run `roster demo --headless --database \(database)`")
        }
        let temporaryDirectory = demo.database == nil ? try Self.makeTemporaryDirectory() : nil
        defer { temporaryDirectory.map { try? FileManager.default.removeItem(at: $0) } }
        let path =
            demo.database ?? temporaryDirectory?.appendingPathComponent("roster-demo.sqlite").path
            ?? "roster-demo.sqlite"

        let simulation = demo.simulation
        let setup = try runBlocking {
            let store = try SQLiteStore.open(path: path)
            let people = PeopleGenerator(seed: simulation.seed).people(simulation.people)
            return try await DemoOrganization.prepare(in: store, people: people, scenario: simulation.scenario, idp: simulation.idp)
        }
        let console = try Console.parse(
            ["--database", path, "--host", "127.0.0.1", "--port", "0", "--org", setup.organization.id])

        let options = simulation.options(duration: try demo.runDuration, rules: setup.rules)
        let control = SimulatorControl(rate: simulation.rate)
        let link = DemoSimulatorLink(control: control, rate: simulation.rate)
        let outcome = Mutex<SimulationSummary?>(nil)
        let target = Mutex<String?>(nil)
        let simulator = Task.detached {
            guard let port = await link.serverPort() else { return }
            let baseURL = "http://127.0.0.1:\(port)\(ServerConfiguration.basePath)"
            target.withLock { $0 = baseURL }
            guard await HTTPTransport.waitUntilAnswering("http://127.0.0.1:\(port)/healthz") else { return }
            let summary = try? await HTTPTransport.with(baseURL: baseURL) { transport in
                await SimulationRunner.run(
                    options, token: setup.key, transport: transport, target: baseURL, control: control)
            }
            outcome.withLock { $0 = summary }
            await link.finished()
        }

        defer { link.serverNeverStarted() }
        try ConsoleSession(command: console, simulator: link).run()
        // The server is gone: end the push in flight now (AsyncHTTPClient would retry connecting until its timeout).
        try runBlocking {
            await control.stop(readingBack: false)
            simulator.cancel()
            await simulator.value
        }
        print(Self.report(outcome.withLock { $0 }, setup: setup, baseURL: target.withLock { $0 } ?? "127.0.0.1"))
        if demo.database == nil { print("The temporary demo database was removed.") }
    }

    /// What the simulator did while the console ran. Its last request may have gone unanswered because the
    /// console stops the server when it closes; that one is not held against the server.
    static func report(_ summary: SimulationSummary?, setup: DemoOrganization, baseURL: String) -> String {
        guard let summary else { return "demo: the simulator did not start (the server at \(baseURL) never answered)" }
        let unexpected = summary.unexpected.filter { $0.response != nil }
        var lines = [
            "demo: \(summary.actions) pushes (\(summary.requests) requests) into \"\(setup.organization.name)\"; "
                + "\(unexpected.count) unexpected answers"
        ]
        if !summary.refusals.isEmpty {
            lines.append(
                "expected refusals: "
                    + summary.refusals.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                    .joined(separator: ", "))
        }
        for record in unexpected {
            lines.append("  #\(record.sequence) \(record.request.line): \(record.problems.joined(separator: "; "))")
        }
        return lines.joined(separator: "\n")
    }

    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roster-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
