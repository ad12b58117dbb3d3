import ArgumentParser
import Foundation
import Logging
import RosterServer
import RosterStore
import ServiceLifecycle
import UnixSignals

/// `roster serve`: the SCIM server without the console, for servers and containers.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the SCIM server headless (one log line per request on stderr).",
        discussion: """
            On an empty database this creates the organization Default (enterprise, 100 seats) and \
            one API key, printed once. SIGINT or SIGTERM stop it gracefully: requests in flight \
            finish and the request log is flushed. SIGUSR2 pauses storing the request log, and the \
            next SIGUSR2 resumes it.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let sink = LogSink()
        defer { sink.flush() }
        LoggingSystem.bootstrap { label in BufferedLogHandler(label: label, sink: sink) }
        let logger = Logger(label: "roster")
        let store = try store.openStore()
        let configuration = try server.configuration()
        if let first = try await FirstRun.bootstrapIfEmpty(store) {
            print(first.message(baseURL: configuration.displayBaseURL))
            fflush(nil)  // a pipe or file would otherwise hold the key until exit
        }
        let roster = RosterApplication(store: store, configuration: configuration, logger: logger)
        let pauseSignal = RequestLogPauseSignal(recorder: roster.requestLog, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [roster.application, pauseSignal], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Address, public URL and request-log settings, shared by `serve` and (later) the console.
struct ServerOptions: ParsableArguments {
    @Option(help: "The address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "The port to listen on.") var port: Int = 8080
    @Option(help: ArgumentHelp(
        "The SCIM base URL clients use, for meta.location (e.g. https://roster.example.com/scim/v2).",
        valueName: "url"))
    var publicURL: String?
    @Option(help: "How many request-log entries to keep.") var requestLogKeep: Int = 100_000
    @Option(help: "How long to keep request-log entries (e.g. 30d, 12h).") var requestLogMaxAge: String = "30d"
    @Flag(help: "Do not record requests in the request log.") var noRequestLog = false
    @Option(help: "How long to keep change-feed events (e.g. 30d).") var eventRetention: String = "30d"

    func configuration() throws -> ServerConfiguration {
        guard (0...65535).contains(port) else { throw CLIError("--port \(port) is not a TCP port (0–65535)") }
        guard let maxAge = DurationText.parse(requestLogMaxAge), maxAge > 0 else {
            throw CLIError("--request-log-max-age '\(requestLogMaxAge)' is not a duration such as 30d or 12h")
        }
        guard requestLogKeep > 0 else { throw CLIError("--request-log-keep must be at least 1") }
        guard let retention = DurationText.parse(eventRetention), retention > 0 else {
            throw CLIError("--event-retention '\(eventRetention)' is not a duration such as 30d or 12h")
        }
        var configuration = ServerConfiguration(host: host, port: port, publicBaseURL: publicURL)
        configuration.requestLogEnabled = !noRequestLog
        configuration.requestLogKeepLatest = requestLogKeep
        configuration.requestLogMaxAge = maxAge
        configuration.eventRetention = retention
        return configuration
    }
}

extension ServerConfiguration {
    /// The base URL to tell a person to paste into Okta.
    var displayBaseURL: String {
        publicBaseURL ?? "http://\(host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host):\(port)\(Self.basePath)"
    }
}
