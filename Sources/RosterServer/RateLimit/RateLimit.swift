import Foundation

/// A token-bucket rate: `perSecond` tokens refill a bucket of `burst`, and each request takes one.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Steady rate, in requests per second; above 0.
    public var perSecond: Double
    /// Requests that may arrive at once after a quiet spell; at least 1.
    public var burst: Int

    public init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond
        self.burst = max(1, burst)
    }

    /// A rate as written on the command line: `100/s`, `6000/m`, `360000/h`, or a bare number per second; nil for
    /// `0` or `off`, which turn limiting off.
    /// - Throws: ``RateLimitSyntaxError`` for anything else.
    public static func parse(_ text: String, burst: Int) throws(RateLimitSyntaxError) -> RateLimit? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "0" || trimmed == "off" { return nil }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let amount = Double(parts[0]), amount.isFinite, amount >= 0 else {
            throw RateLimitSyntaxError(text: text)
        }
        let seconds: Double
        switch parts.count == 2 ? String(parts[1]) : "s" {
        case "s": seconds = 1
        case "m": seconds = 60
        case "h": seconds = 3600
        default: throw RateLimitSyntaxError(text: text)
        }
        guard amount > 0 else { return nil }
        guard burst >= 1 else { throw RateLimitSyntaxError(text: "burst \(burst)") }
        return RateLimit(perSecond: amount / seconds, burst: burst)
    }

    public var description: String {
        let rate = perSecond == perSecond.rounded() ? "\(Int(perSecond))/s" : "\(perSecond)/s"
        return "\(rate), burst \(burst)"
    }
}

/// A rate that does not parse; the message says what does.
public struct RateLimitSyntaxError: Error, CustomStringConvertible {
    let text: String
    public var description: String {
        "'\(text)' is not a rate such as 100/s, 6000/m or 0 (off); a burst must be 1 or more"
    }
}
