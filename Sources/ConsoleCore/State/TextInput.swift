/// The text and cursor of a one-line input (filter, command line, form field, typed confirmation). Editing is by
/// whole characters, so a CJK character or an emoji is deleted in one keystroke.
public struct TextInput: Hashable, Sendable {
    public private(set) var text: String
    /// The cursor as a character offset into `text` (0 is before the first character).
    public private(set) var cursor: Int

    /// An input holding `text` with the cursor at its end (a prefilled edit).
    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// The text before the cursor, for placing the terminal cursor by display width.
    public var textBeforeCursor: String {
        String(text.prefix(cursor))
    }

    public mutating func insert(_ character: Character) {
        let index = text.index(text.startIndex, offsetBy: cursor)
        text.insert(character, at: index)
        cursor += 1
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        let index = text.index(text.startIndex, offsetBy: cursor - 1)
        text.remove(at: index)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    }

    /// Ctrl-W: deletes the spaces before the cursor, then the word before them.
    public mutating func deleteWord() {
        var characters = Array(text)
        var start = cursor
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        text = String(characters)
        cursor = start
    }

    /// Ctrl-U: deletes everything before the cursor.
    public mutating func deleteToStart() {
        text = String(text.dropFirst(cursor))
        cursor = 0
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = text.count }

    /// Replaces the whole text (completion), cursor at the end.
    public mutating func replace(with newText: String) {
        text = newText
        cursor = newText.count
    }
}
