import Foundation

/// The effective value of every ``ServeSetting`` and where it came from: flags over the environment over the config
/// file over the defaults. Pure, so that precedence is tested without a process environment or files.
public struct ResolvedSettings: Sendable {
    public enum Source: String, Sendable {
        case flag, environment, file
        case defaultValue = "default"
    }

    private var values: [ServeSetting: (value: String, source: Source)] = [:]

    /// - Parameters:
    ///   - flags: the settings given on the command line.
    ///   - environment: the process environment (only `ROSTER_*` variables are read).
    ///   - file: the settings of the config file, by key.
    public init(flags: [ServeSetting: String], environment: [String: String], file: [String: String]) {
        for setting in ServeSetting.allCases {
            if let value = flags[setting] {
                values[setting] = (value, .flag)
            } else if let value = environment[setting.environmentVariable], !value.isEmpty {
                values[setting] = (value, .environment)
            } else if let value = file[setting.key] {
                values[setting] = (value, .file)
            } else if let value = setting.defaultValue {
                values[setting] = (value, .defaultValue)
            }
        }
    }

    public subscript(setting: ServeSetting) -> String? { values[setting]?.value }

    public func source(of setting: ServeSetting) -> Source? { values[setting]?.source }

    /// `--print-config`: one `key = value  # source` line per setting, as a config file would hold it, secrets masked.
    public var printed: String {
        ServeSetting.allCases.map { setting in
            guard let (value, source) = values[setting] else { return "# \(setting.key) is not set" }
            let shown = setting.isSecret ? Self.masked(value) : value
            return "\(setting.key) = \(ConfigFile.quoted(shown))  # \(source.rawValue)"
        }.joined(separator: "\n")
    }

    /// A value with the password of any `user:password@` in it replaced by `***`.
    public static func masked(_ value: String) -> String {
        guard let at = value.firstIndex(of: "@"), let scheme = value.range(of: "://"), scheme.upperBound < at,
            let colon = value[scheme.upperBound..<at].firstIndex(of: ":")
        else { return value }
        return String(value[..<value.index(after: colon)]) + "***" + String(value[at...])
    }
}
