import ConsoleCore
import ConsoleTerminal
import Foundation
import Logging
import RosterPostgres
import RosterServer
import RosterStore
import SCIM

/// One run of `roster console`: checks the terminal, opens the store, starts the embedded server (or attaches),
/// hands the terminal to the console on the main thread, and stops the server gracefully after it.
struct ConsoleSession {
    let command: Console
    /// The demo's simulated Okta, for `roster demo`: the header shows it and `P`, `+`, `-` drive it.
    var simulator: DemoSimulatorLink? = nil

    func run() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError("the console needs a terminal (stdin and stdout are not a TTY); for a headless server run `roster serve`")
        }
        let settings = try ServerSettings(command.server.resolve(store: command.store))
        let path = settings.database
        if PostgresStore.isURL(path) {
            // The console's live request-log tail and change counter read SQLite's file directly.
            throw CLIError(
                "the console does not run on PostgreSQL yet; use `roster serve --database \(path)` on each server, "
                    + "and `roster org` and `roster keys` to manage them")
        }
        if command.attach && !FileManager.default.fileExists(atPath: path) {
            throw CLIError("--attach: there is no database at \(path); start `roster serve --database \(path)` first, or leave out --attach")
        }
        let store = try StoreOptions.openStore(path: path)
        let configuration = settings.configuration

        // From here until the terminal is given back, standard error is the log file.
        let redirect = try StandardErrorRedirect(toFile: command.logFile ?? path + ".log")
        defer { redirect.restore() }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .notice
            return handler
        }
        let logger = Logger(label: "roster")

        do {
            let firstRun = command.attach ? nil : try runBlocking { try await FirstRun.bootstrapIfEmpty(store) }
            let organizations = try runBlocking { try await store.organizations() }
            let organization = try pickOrganization(organizations, store: store, database: path)
            let server =
                command.attach
                ? nil
                : try EmbeddedServer(
                    store: store, configuration: configuration,
                    metrics: settings.metricsPort.map { (host: settings.metricsHost, port: $0) }, logger: logger)
            if let server { simulator?.serverListening(on: server.port) }
            let endpoint = endpoint(configuration: configuration, port: server?.port, database: path)
            let changes = try SQLiteDataVersion(path: path)

            let exit: ConsoleExit
            do {
                exit = try runConsole(
                    organization: organization, organizations: organizations, endpoint: endpoint,
                    firstKey: firstRun?.organization.id == organization.id ? firstRun?.key : nil,
                    dataSource: StoreDataSource(store: store, operatorName: Self.operatorName),
                    feed: RequestLogFeed(store: store, changes: changes), logger: logger)
            } catch {
                server?.stop()  // the terminal could not be set up: do not leave a server nobody sees
                throw error
            }
            redirect.restore()
            let stopped = server?.stop() ?? true
            print(Self.farewell(exit, attached: command.attach, serverStopped: stopped))
        } catch let error as SCIMError {
            throw CLIError(error.detail)
        }
    }

    /// Runs the console until it ends, giving the terminal back on every path.
    private func runConsole(
        organization: Organization, organizations: [Organization], endpoint: ConsoleEndpoint, firstKey: NewAPIKey?,
        dataSource: StoreDataSource, feed: RequestLogFeed, logger: Logger
    ) throws -> ConsoleExit {
        let runtime = try ConsoleRuntime(
            colorMode: command.color, asciiFlag: command.ascii, environment: ProcessInfo.processInfo.environment,
            logger: logger)
        defer { runtime.close() }
        let options = ConsoleOptions(readOnly: command.readOnly, endpoint: endpoint, glyphs: runtime.glyphs)
        let state = ConsoleState(
            organization: organization, organizations: organizations, options: options, size: runtime.size,
            now: Date(), firstKey: firstKey, simulator: simulator?.initialStatus)
        return runtime.run(state: state, dataSource: dataSource, feed: feed, simulator: simulator)
    }

    /// `--org`, or the first organization.
    private func pickOrganization(_ organizations: [Organization], store: any Store, database: String) throws -> Organization {
        if let wanted = command.org {
            return try runBlocking { try await store.organization(named: wanted) }
        }
        guard let first = organizations.first else {
            throw CLIError("the database \(database) has no organization yet; start `roster serve` on it once (it creates one), or `roster org create`")
        }
        return first
    }

    private func endpoint(configuration: ServerConfiguration, port: Int?, database: String) -> ConsoleEndpoint {
        guard let port else {
            return .attached(database: database, baseURL: configuration.publicBaseURL)
        }
        var listening = configuration
        listening.port = port
        return .serving(address: "\(configuration.host):\(port)", baseURL: listening.displayBaseURL)
    }

    /// Who the audit log names for the console's changes.
    static var operatorName: String {
        ProcessInfo.processInfo.environment["USER"] ?? "operator"
    }

    static func farewell(_ exit: ConsoleExit, attached: Bool, serverStopped: Bool) -> String {
        let reason: String
        switch exit {
        case .quit: reason = "console closed"
        case .signal(let number): reason = "console closed by signal \(number)"
        case .terminalClosed: reason = "console closed: the terminal went away"
        }
        if attached { return "roster: \(reason); the attached server keeps running." }
        return serverStopped
            ? "roster: \(reason); SCIM server stopped." : "roster: \(reason); the SCIM server did not stop within 15 s."
    }
}
