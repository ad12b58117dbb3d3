import ArgumentParser
import Foundation
import Logging
import RosterSettings
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
            next SIGUSR2 resumes it. With --tls-cert and --tls-key it serves HTTPS; SIGHUP reads the \
            certificate and key again (they are also re-read every minute). Every option can also \
            come from a ROSTER_* environment variable or a --config file: flags win over the \
            environment, which wins over the file.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var server: ServerOptions
    @Flag(help: "Print the effective settings and where each comes from (flag, environment, file, default), then exit.")
    var printConfig = false

    func run() async throws {
        let resolved = try server.resolve(store: store)
        if printConfig {
            print(resolved.printed)
            return
        }
        let settings = try ServerSettings(resolved)
        let sink = LogSink(format: settings.logFormat)
        defer { sink.flush() }
        LoggingSystem.bootstrap { label in BufferedLogHandler(label: label, sink: sink) }
        let logger = Logger(label: "roster")
        let store = try StoreOptions.openStore(path: settings.database)
        let configuration = settings.configuration
        if let first = try await FirstRun.bootstrapIfEmpty(store) {
            print(first.message(baseURL: configuration.displayBaseURL))
            fflush(nil)  // a pipe or file would otherwise hold the key until exit
        }
        let tls = try configuration.tls.map { try ServerTLS.loading($0, logger: logger) }
        let metrics = settings.metricsPort.map { _ in ServerMetrics() }
        let roster = RosterApplication(
            store: store, configuration: configuration, logger: logger, tls: tls, metrics: metrics)
        var services: [any Service] = [roster.application]
        if let metrics, let port = settings.metricsPort {
            services.append(MetricsListener(
                metrics: metrics, store: store, requestLog: roster.requestLog, host: settings.metricsHost, port: port,
                logger: logger
            ).application)
        }
        services.append(RequestLogPauseSignal(recorder: roster.requestLog, logger: logger))
        services.append(CertificateReloadSignal(tls: tls, logger: logger))
        // The drain is last: shutdown runs in reverse order, so /readyz turns 503 before the listener closes.
        services.append(roster.drain(delay: settings.drain))
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

extension ServerConfiguration {
    /// The base URL to tell a person to paste into Okta.
    var displayBaseURL: String {
        publicBaseURL
            ?? "\(tls == nil ? "http" : "https")://\(host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host):\(port)\(Self.basePath)"
    }
}

extension ServerTLS {
    /// The pair of `files`, or a one-line error naming them.
    static func loading(_ files: ServerTLSFiles, logger: Logger) throws -> ServerTLS {
        do {
            return try ServerTLS(files: files, logger: logger)
        } catch {
            throw CLIError("cannot serve HTTPS with \(files.certificatePath) and \(files.keyPath): \(error)")
        }
    }
}
