import Foundation

/// Times as an operator reads them in a list: `just now`, `14s ago`, `3m ago`, `2h ago`, `5d ago`, `3w ago`,
/// `2y ago`, and `in 23h` for the future (a key's expiry).
public enum RelativeTime {
    public static func text(_ date: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(date)
        if abs(seconds) < 1 { return "just now" }
        let amount = span(abs(seconds))
        return seconds > 0 ? "\(amount) ago" : "in \(amount)"
    }

    /// The largest whole unit: `14s`, `3m`, `2h`, `5d`, `3w`, `2y`.
    static func span(_ seconds: TimeInterval) -> String {
        let s = Int(seconds)
        switch s {
        case ..<60: return "\(s)s"
        case ..<3600: return "\(s / 60)m"
        case ..<86_400: return "\(s / 3600)h"
        case ..<(86_400 * 14): return "\(s / 86_400)d"
        case ..<(86_400 * 365): return "\(s / 604_800)w"
        default: return "\(s / (86_400 * 365))y"
        }
    }
}

/// Wall-clock times and dates in the console's time zone, computed without formatters so views stay cheap and
/// deterministic.
public enum ClockTime {
    /// `14:02:11`.
    public static func time(_ date: Date, in zone: TimeZone) -> String {
        let c = components(date, zone)
        return "\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
    }

    /// `2026-08-22`.
    public static func date(_ date: Date, in zone: TimeZone) -> String {
        let c = components(date, zone)
        return "\(c.year ?? 0)-\(pad(c.month))-\(pad(c.day))"
    }

    /// `2026-08-22 14:02:11.204`, with the zone's abbreviation when it is not UTC.
    public static func full(_ date: Date, in zone: TimeZone) -> String {
        let c = components(date, zone)
        let millis = String(abs(Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000))
        let suffix = zone.secondsFromGMT(for: date) == 0 ? "Z" : " " + (zone.abbreviation(for: date) ?? zone.identifier)
        return "\(c.year ?? 0)-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))."
            + String(repeating: "0", count: 3 - millis.count) + millis + suffix
    }

    private static func components(_ date: Date, _ zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    private static func pad(_ value: Int?) -> String {
        let v = value ?? 0
        return v < 10 ? "0\(v)" : "\(v)"
    }
}
