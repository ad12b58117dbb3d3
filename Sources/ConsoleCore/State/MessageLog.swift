import Foundation

/// Every flash message of the session, oldest first, up to `capacity`. The flash row cuts a long message at the
/// terminal's width and clears it after a few seconds; `:log` shows them all here, in full.
public struct MessageLog: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var time: Date
        public var text: String
        public var level: Flash.Level

        public init(time: Date, text: String, level: Flash.Level) {
            self.time = time
            self.text = text
            self.level = level
        }
    }

    /// The oldest messages go beyond this many.
    public static let capacity = 500

    public private(set) var entries: [Entry] = []

    public init() {}

    mutating func append(_ entry: Entry) {
        entries.append(entry)
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }
}

/// The message log overlay (`:log`), scrolled.
public struct MessagesState: Hashable, Sendable {
    public internal(set) var scroll: Int

    public init() {
        scroll = 0
    }
}
