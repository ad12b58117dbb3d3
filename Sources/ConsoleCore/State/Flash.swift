import Foundation

/// The transient message in the flash row (k9s' flash, lazygit's toasts): what an action did, or why it failed.
/// It expires by itself; nothing informational is ever a modal.
public struct Flash: Hashable, Sendable {
    public enum Level: Hashable, Sendable {
        case info, error
    }

    public var text: String
    public var level: Level
    /// After this the `tick` event clears it.
    public var expires: Date

    /// How long a message stays: errors longer, since they must be read and acted on.
    public static func lifetime(_ level: Level) -> TimeInterval {
        level == .error ? 6 : 3
    }

    public init(_ text: String, level: Level, now: Date) {
        self.text = text
        self.level = level
        self.expires = now.addingTimeInterval(Self.lifetime(level))
    }
}
