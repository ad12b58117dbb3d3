/// The help overlay's lines, generated from the key registry for the screen it was opened on (sections: this
/// screen, then the shared ones such as Lists, Navigation and Global), so help can never disagree with the keys.
public enum HelpDocument {
    /// Width of the keys column.
    static let keyWidth = 14

    public static func lines(
        for context: KeyContext, glyphs: Glyphs, readOnly: Bool, simulator: Bool = false
    ) -> [DocumentLine] {
        var lines: [DocumentLine] = []
        for section in KeyRegistry.standard.helpSections(
            for: context, glyphs: glyphs, readOnly: readOnly, simulator: simulator) {
            if !lines.isEmpty { lines.append(.text("")) }
            lines.append(.heading(section.title))
            for row in section.rows {
                lines.append(DocumentLine([
                    TextSpan(DisplayWidth.pad(row.keys, toWidth: keyWidth) + "  ", .keyHint), TextSpan(row.help),
                ]))
            }
        }
        if readOnly {
            lines.append(.text(""))
            lines.append(.text("Read-only console: keys that change data are left out.", .dim))
        }
        return lines
    }
}
