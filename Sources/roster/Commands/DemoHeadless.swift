import ArgumentParser
import ConsoleTerminal
import Foundation
import Logging
import RosterPostgres
import RosterSQLite
import RosterServer
import RosterSimulator
import RosterStore
import ServiceLifecycle

/// `roster demo --headless`: server and simulator in one process, no console; the summary decides the exit code.
struct DemoHeadless {
    let demo: Demo

    func run() throws {
        // main.swift blocked these for the console; without one, Ctrl-C must reach the simulator's handler. No
        // thread exists yet, so every thread started from here inherits the unblocked mask.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in ConsoleSignals.handled { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)

        let demo = self.demo
        let passed = try runBlocking { try await Self.run(demo) }
        if !passed { throw ExitCode.failure }
    }

    private static func run(_ demo: Demo) async throws -> Bool {
        var logger = Logger(label: "roster-demo")
        logger.logLevel = .warning
        let store: any Store
        do {
            if let database = demo.database {
                store = PostgresStore.isURL(database) ? try PostgresStore(url: database) : try SQLiteStore.open(path: database)
            } else {
                store = try SQLiteStore.temporary()
            }
        } catch {
            throw CLIError("cannot open the demo database: \(error)")
        }
        let people = PeopleGenerator(seed: demo.simulation.seed).people(demo.simulation.people)
        let setup = try await DemoOrganization.prepare(in: store, people: people, scenario: demo.simulation.scenario, idp: demo.simulation.idp)

        let (ports, listening) = AsyncStream<Int>.makeStream()
        let roster = RosterApplication(
            store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: 0), logger: logger
        ) { port in listening.yield(port) }
        let group = ServiceGroup(
            configuration: .init(
                services: [roster.application], gracefulShutdownSignals: [], logger: logger))
        let server = Task {
            defer { listening.finish() }
            try await group.run()
        }
        var waiting = ports.makeAsyncIterator()
        guard let port = await waiting.next() else {
            if case .failure(let error) = await server.result {
                throw CLIError("the demo's SCIM server did not start: \(error)")
            }
            throw CLIError("the demo's SCIM server stopped as it started")
        }

        let baseURL = "http://127.0.0.1:\(port)\(ServerConfiguration.basePath)"
        print(setup.banner(baseURL: baseURL))
        let options = demo.simulation.options(duration: try demo.runDuration, rules: setup.rules)
        let control = SimulatorControl(rate: demo.simulation.rate)
        let signals = Task { await SimulationSignals.stopOnSignal(control) }
        let progress = SimulationProgress(quiet: demo.simulation.quiet)
        let summary = try await HTTPTransport.with(baseURL: baseURL) { transport in
            await SimulationRunner.run(
                options, token: setup.key, transport: transport, target: baseURL, control: control,
                events: progress.handle)
        }
        signals.cancel()
        print(summary.render())
        await group.triggerGracefulShutdown()
        _ = await server.result
        if let path = demo.database {
            print("The demo's data stays in \(path) (organization \"\(DemoOrganization.name)\").")
        }
        return summary.passed
    }
}
