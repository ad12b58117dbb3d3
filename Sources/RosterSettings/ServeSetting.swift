import Foundation

/// Every setting of `roster serve` (and of the console's embedded server), in one place: its flag, its environment
/// variable, its key in a config file and its default. A value comes from the flag, else the environment, else the
/// file, else the default (see ``ResolvedSettings``).
public enum ServeSetting: String, CaseIterable, Sendable {
    case database
    case host
    case port
    case publicURL = "public-url"
    case tlsCert = "tls-cert"
    case tlsKey = "tls-key"
    case rateLimit = "rate-limit"
    case rateBurst = "rate-burst"
    case maxPendingWrites = "max-pending-writes"
    case metricsHost = "metrics-host"
    case metricsPort = "metrics-port"
    case requestLog = "request-log"
    case requestLogKeep = "request-log-keep"
    case requestLogMaxAge = "request-log-max-age"
    case eventRetention = "event-retention"
    case drain
    case logFormat = "log-format"

    /// The key in a config file, the flag without its dashes: `tls-cert = "/etc/roster/cert.pem"`.
    public var key: String { rawValue }

    /// `ROSTER_` and the key in capitals, dashes as underscores: `ROSTER_TLS_CERT`.
    public var environmentVariable: String {
        "ROSTER_" + rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The value when nothing sets it; nil for settings that are off unless given.
    public var defaultValue: String? {
        switch self {
        case .database: "./roster.sqlite"
        case .host: "127.0.0.1"
        case .port: "8080"
        case .publicURL, .tlsCert, .tlsKey, .metricsPort: nil
        case .rateLimit: "100/s"
        case .rateBurst: "200"
        case .maxPendingWrites: "256"
        case .metricsHost: "127.0.0.1"
        case .requestLog: "true"
        case .requestLogKeep: "100000"
        case .requestLogMaxAge: "30d"
        case .eventRetention: "30d"
        case .drain: "0s"
        case .logFormat: "text"
        }
    }

    /// Whether `--print-config` must not show the value whole: a database URL can carry a password.
    public var isSecret: Bool { self == .database }
}
