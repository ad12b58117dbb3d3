/// Makes untrusted text safe to draw: SCIM names, request paths, headers and bodies come from the network, and a
/// raw ESC, C1 control or bidi override in them could move the cursor, change colours, retitle the terminal or
/// reorder what the operator reads. Every such scalar is replaced by a visible stand-in, so the screen shows that
/// it was there (mitmproxy and tig escape the same way).
///
/// ```swift
/// TerminalText.sanitized("evil\u{1B}[2J")                    // "evil␛[2J"
/// TerminalText.sanitized("evil\u{1B}[2J", notation: .ascii)  // "evil^[[2J"
/// ```
public enum TerminalText {
    /// How escaped scalars are spelled.
    public enum Notation: Sendable, Equatable {
        /// C0 controls and DEL as one-column Control Pictures (`␛`, `␊`, `␡`); everything else as `<U+XXXX>`.
        case unicode
        /// C0 controls and DEL in caret notation (`^[`, `^J`, `^?`); everything else as `<U+XXXX>`.
        case ascii
    }

    /// Whether `scalar` must never reach the terminal as is: C0 controls (including tab and newline), DEL, C1
    /// controls, the bidirectional embedding/override/isolate/mark controls, and the line and paragraph
    /// separators.
    public static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F:
            return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return true
        case 0x2028, 0x2029:
            return true
        default:
            return false
        }
    }

    /// The visible stand-in for `scalar`, or nil when it is safe to draw as is.
    public static func replacement(for scalar: Unicode.Scalar, notation: Notation = .unicode) -> String? {
        guard needsEscaping(scalar) else { return nil }
        let value = scalar.value
        switch (value, notation) {
        case (0x00...0x1F, .unicode):
            return String(Unicode.Scalar(0x2400 + value)!)
        case (0x7F, .unicode):
            return "\u{2421}"
        case (0x00...0x1F, .ascii):
            return "^" + String(Unicode.Scalar(value + 0x40)!)
        case (0x7F, .ascii):
            return "^?"
        default:
            let hex = String(value, radix: 16, uppercase: true)
            return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
        }
    }

    /// `text` with every scalar that `needsEscaping` replaced; returns `text` itself when nothing needs it.
    public static func sanitized(_ text: String, notation: Notation = .unicode) -> String {
        guard text.unicodeScalars.contains(where: needsEscaping) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let stand = replacement(for: scalar, notation: notation) {
                result.append(contentsOf: stand.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Splits multi-line text (a pretty-printed body, a multi-line detail) on `\n`, `\r\n` and `\r`, and sanitises
    /// each line, so line breaks become rows instead of escapes.
    public static func sanitizedLines(_ text: String, notation: Notation = .unicode) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(sanitized(String(current), notation: notation))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        lines.append(sanitized(String(current), notation: notation))
        return lines
    }
}
