import Foundation

/// How the console was started: fixed for a session, chosen by the command line.
public struct ConsoleOptions: Hashable, Sendable {
    /// `--read-only`: every mutation is hidden from hints and help and refused, and the header shows `[RO]`.
    public var readOnly: Bool
    public var endpoint: ConsoleEndpoint
    /// Unicode or ASCII symbols (`--ascii`, or a locale that is not UTF-8).
    public var glyphs: Glyphs
    /// The zone request times and dates are shown in.
    public var timeZone: TimeZone

    public init(
        readOnly: Bool = false, endpoint: ConsoleEndpoint, glyphs: Glyphs = .unicode,
        timeZone: TimeZone = .current
    ) {
        self.readOnly = readOnly
        self.endpoint = endpoint
        self.glyphs = glyphs
        self.timeZone = timeZone
    }
}

/// Where the SCIM server runs relative to the console, which decides what quitting means.
public enum ConsoleEndpoint: Hashable, Sendable {
    /// `roster` / `roster console`: this process serves SCIM at `address` (`127.0.0.1:8080`) under `baseURL`, so
    /// quitting stops provisioning and asks first.
    case serving(address: String, baseURL: String)
    /// `roster console --attach`: the console reads the `database` of a server running elsewhere, whose base URL
    /// is known when the caller could tell it; quitting leaves that server running.
    case attached(database: String, baseURL: String?)

    /// Whether quitting the console also stops the SCIM server.
    public var ownsServer: Bool {
        if case .serving = self { return true }
        return false
    }

    /// The SCIM base URL clients use, when known.
    public var baseURL: String? {
        switch self {
        case .serving(_, let baseURL): return baseURL
        case .attached(_, let baseURL): return baseURL
        }
    }
}
