import Foundation
import RosterSettings
import RosterServer
import RosterStore

/// The resolved settings, checked and typed: what `serve` and the console run with.
struct ServerSettings {
    var database: String
    var configuration: ServerConfiguration
    var metricsHost: String
    /// Nil: no `/metrics` listener.
    var metricsPort: Int?
    var drain: Duration
    var logFormat: LogSink.Format

    /// - Throws: `CLIError` naming the setting (as a flag) for a value that does not parse.
    init(_ settings: ResolvedSettings) throws {
        func text(_ setting: ServeSetting) -> String? { settings[setting] }
        func invalid(_ setting: ServeSetting, _ expected: String) -> CLIError {
            CLIError("--\(setting.key) '\(text(setting) ?? "")' (from \(settings.source(of: setting)?.rawValue ?? "")) is not \(expected)")
        }
        func port(_ setting: ServeSetting) throws -> Int? {
            guard let value = text(setting) else { return nil }
            guard let port = Int(value), (0...65535).contains(port) else { throw invalid(setting, "a TCP port (0–65535)") }
            return port
        }
        func seconds(_ setting: ServeSetting) throws -> TimeInterval {
            guard let value = text(setting).flatMap(DurationText.parse), value >= 0 else {
                throw invalid(setting, "a duration such as 30d, 12h or 10s")
            }
            return value
        }

        database = text(.database) ?? "./roster.sqlite"
        var configuration = ServerConfiguration(
            host: text(.host) ?? "127.0.0.1", port: try port(.port) ?? 8080, publicBaseURL: text(.publicURL))
        switch (text(.tlsCert), text(.tlsKey)) {
        case (let cert?, let key?): configuration.tls = ServerTLSFiles(certificatePath: cert, keyPath: key)
        case (nil, nil): break
        default: throw CLIError("--tls-cert and --tls-key go together: give both to serve HTTPS, or neither")
        }
        guard let burst = text(.rateBurst).flatMap({ Int($0) }), burst >= 1 else {
            throw invalid(.rateBurst, "a number of requests (1 or more)")
        }
        do {
            configuration.rateLimit = try RateLimit.parse(text(.rateLimit) ?? "0", burst: burst)
        } catch {
            throw CLIError("--rate-limit: \(error)")
        }
        configuration.unauthenticatedRateLimit = configuration.rateLimit.map { _ in RateLimit(perSecond: 2, burst: 10) }
        guard let pendingWrites = text(.maxPendingWrites).flatMap({ Int($0) }), pendingWrites >= 0 else {
            throw invalid(.maxPendingWrites, "a number of writes (0 turns the bound off)")
        }
        configuration.maxPendingWrites = pendingWrites == 0 ? nil : pendingWrites
        switch text(.requestLog)?.lowercased() {
        case "true", "1", "yes", "on": configuration.requestLogEnabled = true
        case "false", "0", "no", "off": configuration.requestLogEnabled = false
        default: throw invalid(.requestLog, "true or false")
        }
        guard let keep = text(.requestLogKeep).flatMap({ Int($0) }), keep > 0 else {
            throw invalid(.requestLogKeep, "a number of entries (1 or more)")
        }
        configuration.requestLogKeepLatest = keep
        let maxAge = try seconds(.requestLogMaxAge)
        guard maxAge > 0 else { throw invalid(.requestLogMaxAge, "a duration above 0") }
        configuration.requestLogMaxAge = maxAge
        let retention = try seconds(.eventRetention)
        guard retention > 0 else { throw invalid(.eventRetention, "a duration above 0") }
        configuration.eventRetention = retention
        self.configuration = configuration

        metricsHost = text(.metricsHost) ?? "127.0.0.1"
        metricsPort = try port(.metricsPort)
        drain = .milliseconds(Int(try seconds(.drain) * 1000))
        guard let format = text(.logFormat).flatMap({ LogSink.Format(rawValue: $0.lowercased()) }) else {
            throw invalid(.logFormat, "text or json")
        }
        logFormat = format
    }
}
