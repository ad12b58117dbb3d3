/// The message log's lines, newest first: the time, then the whole message, wrapped under itself.
public enum MessageDocument {
    public static func lines(_ log: MessageLog, options: ConsoleOptions) -> [DocumentLine] {
        guard !log.entries.isEmpty else {
            return [.text("No messages yet. What actions did, and why they failed, is kept here.", .dim)]
        }
        return log.entries.reversed().map { entry in
            let time = ClockTime.time(entry.time, in: options.timeZone) + "  "
            let text = TerminalText.sanitized(entry.text, notation: options.glyphs.notation)
            return DocumentLine([TextSpan(time, .dim), TextSpan(text, entry.level == .error ? .flashError : .normal)],
                                wrapIndent: time.displayWidth)
        }
    }

    /// The log as plain text, oldest first, for the clipboard.
    public static func text(_ log: MessageLog, options: ConsoleOptions) -> String {
        log.entries.map { "\(ClockTime.time($0.time, in: options.timeZone))  \($0.text)" }.joined(separator: "\n")
    }
}
