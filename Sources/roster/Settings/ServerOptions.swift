import ArgumentParser
import Foundation
import RosterSettings
import RosterServer

/// The flags of every ``ServeSetting``, shared by `serve` and the console. Each is optional here, so that a flag
/// given can be told from one left out; ``resolve(store:environment:)`` fills the rest from the environment, the
/// config file and the defaults.
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A config file of `key = value` lines (keys as the flags without dashes); flags and ROSTER_* variables win over it.",
        valueName: "file"))
    var config: String?
    @Option(help: ServeSetting.host.help("The address to listen on.")) var host: String?
    @Option(help: ServeSetting.port.help("The port to listen on.")) var port: String?
    @Option(help: ServeSetting.publicURL.help(
        "The SCIM base URL clients use, for meta.location (e.g. https://roster.example.com/scim/v2).", valueName: "url"))
    var publicURL: String?
    @Option(help: ServeSetting.tlsCert.help(
        "Serve HTTPS with this PEM certificate (the server's first, then intermediates); needs --tls-key.",
        valueName: "file"))
    var tlsCert: String?
    @Option(help: ServeSetting.tlsKey.help("The PEM private key of --tls-cert.", valueName: "file")) var tlsKey: String?
    @Option(help: ServeSetting.rateLimit.help(
        "Requests per API key (100/s, 6000/m; 0 turns it off); past it, 429 with Retry-After.", valueName: "rate"))
    var rateLimit: String?
    @Option(help: ServeSetting.rateBurst.help("Requests an API key may send at once above its rate.", valueName: "n"))
    var rateBurst: String?
    @Option(help: ServeSetting.maxPendingWrites.help(
        "Most SCIM writes waiting for the store at once; past it 503 with Retry-After (0 turns it off).", valueName: "n"))
    var maxPendingWrites: String?
    @Option(help: ServeSetting.metricsHost.help("The address of the /metrics listener.")) var metricsHost: String?
    @Option(help: ServeSetting.metricsPort.help(
        "Serve GET /metrics (Prometheus text format) on this port; off when not given.", valueName: "port"))
    var metricsPort: String?
    @Flag(help: "Do not record requests in the request log (ROSTER_REQUEST_LOG=false; `request-log = false`).")
    var noRequestLog = false
    @Option(help: ServeSetting.requestLogKeep.help("How many request-log entries to keep.", valueName: "n"))
    var requestLogKeep: String?
    @Option(help: ServeSetting.requestLogMaxAge.help(
        "How long to keep request-log entries (e.g. 30d, 12h).", valueName: "duration"))
    var requestLogMaxAge: String?
    @Option(help: ServeSetting.eventRetention.help("How long to keep change-feed events (e.g. 30d).", valueName: "duration"))
    var eventRetention: String?
    @Option(help: ServeSetting.drain.help(
        "On shutdown, answer 503 on /readyz this long before closing the listener (e.g. 10s), so a load balancer drains the server first.",
        valueName: "duration"))
    var drain: String?
    @Option(help: ServeSetting.logFormat.help("text, or json (one object per line) for log shippers.", valueName: "text|json"))
    var logFormat: String?

    /// The flags given, by setting.
    func flags(store: StoreOptions) -> [ServeSetting: String] {
        var flags: [ServeSetting: String] = [:]
        flags[.database] = store.databaseFlag
        flags[.host] = host
        flags[.port] = port
        flags[.publicURL] = publicURL
        flags[.tlsCert] = tlsCert
        flags[.tlsKey] = tlsKey
        flags[.rateLimit] = rateLimit
        flags[.rateBurst] = rateBurst
        flags[.maxPendingWrites] = maxPendingWrites
        flags[.metricsHost] = metricsHost
        flags[.metricsPort] = metricsPort
        if noRequestLog { flags[.requestLog] = "false" }
        flags[.requestLogKeep] = requestLogKeep
        flags[.requestLogMaxAge] = requestLogMaxAge
        flags[.eventRetention] = eventRetention
        flags[.drain] = drain
        flags[.logFormat] = logFormat
        return flags
    }

    /// Every setting's value: flags, then `ROSTER_*` variables, then the `--config` file (or `ROSTER_CONFIG`), then
    /// the defaults.
    func resolve(
        store: StoreOptions, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ResolvedSettings {
        var file: [String: String] = [:]
        if let path = config ?? environment["ROSTER_CONFIG"] {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw CLIError("cannot read the config file \(path): \(error.localizedDescription)")
            }
            do {
                file = try ConfigFile.parse(text)
            } catch {
                throw CLIError("config file \(path), \(error)")
            }
        }
        return ResolvedSettings(flags: flags(store: store), environment: environment, file: file)
    }

    /// The server configuration alone, for the console.
    func configuration(store: StoreOptions) throws -> ServerConfiguration {
        try ServerSettings(resolve(store: store)).configuration
    }
}

extension ServeSetting {
    /// A flag's help, with its default and environment variable: `The port to listen on. (default: 8080; $ROSTER_PORT)`.
    func help(_ text: String, valueName: String? = nil) -> ArgumentHelp {
        let defaultText = defaultValue.map { "default: \($0); " } ?? ""
        return ArgumentHelp("\(text) (\(defaultText)$\(environmentVariable))", valueName: valueName)
    }
}
