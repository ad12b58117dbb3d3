import Foundation

/// Numbers and durations as the console prints them.
public enum NumberText {
    /// `1284` → `1,284`, so a count of a million members reads at a glance.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A request's latency: `850µs`, `12ms`, `1.4s`.
    public static func latency(micros: Int) -> String {
        if micros < 1000 { return "\(micros)µs" }
        if micros < 10_000 {
            let tenths = micros / 100
            return tenths % 10 == 0 ? "\(tenths / 10)ms" : "\(tenths / 10).\(tenths % 10)ms"
        }
        if micros < 1_000_000 { return "\(micros / 1000)ms" }
        let tenths = micros / 100_000
        return "\(tenths / 10).\(tenths % 10)s"
    }

    /// `latency(micros:)` in ASCII (`us` for `µs`).
    public static func latency(micros: Int, ascii: Bool) -> String {
        let text = latency(micros: micros)
        return ascii ? text.replacingOccurrences(of: "µ", with: "u") : text
    }
}
