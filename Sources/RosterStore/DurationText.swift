import Foundation

/// Human durations for the command line and the console: `90s`, `30m`, `24h`, `7d`, `1w`, or `0`.
public enum DurationText {
    /// Seconds in `text`, or nil if it is not a duration.
    public static func parse(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "0" { return 0 }
        guard let unit = trimmed.last, let amount = Double(trimmed.dropLast()), amount >= 0, amount.isFinite else { return nil }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86_400
        case "w": return amount * 604_800
        default: return nil
        }
    }

    /// The shortest exact spelling of `seconds` (`86400` → `1d`), for messages.
    public static func format(_ seconds: TimeInterval) -> String {
        let s = Int(seconds)
        if s == 0 { return "0" }
        for (unit, size) in [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60)] where s % size == 0 {
            return "\(s / size)\(unit)"
        }
        return "\(s)s"
    }
}
