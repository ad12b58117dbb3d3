/// A syntax error found while reading a filter, PATCH path or attribute path: where and what.
///
/// Internal: ``FilterParser`` turns it into a ``SCIMError`` whose `scimType` depends on what was being
/// read (`invalidFilter`, `invalidPath` or `invalidValue`).
struct FilterSyntaxError: Error {
    /// 1-based offset, in Unicode scalars, of the character where reading failed.
    var position: Int
    var message: String
}

/// One token of the filter language (RFC 7644 §3.4.2.2).
///
/// Everything that is not a bracket, a parenthesis or a quoted string is a `word`: attribute paths
/// (which contain `:` and `.`), operators, `and`/`or`/`not`, `true`/`false`/`null` and numbers. The
/// parser decides what a word means from where it stands, so that `pr` or `not` can tell apart an
/// operator from an attribute name without the lexer guessing.
struct FilterToken {
    enum Kind: Equatable {
        case word(String)
        case string(String)
        case openParen, closeParen, openBracket, closeBracket
        case end
    }

    var kind: Kind
    /// 1-based offset, in Unicode scalars, of the token's first character.
    var position: Int
    /// The token as the client wrote it (with quotes and escapes for strings), for error messages.
    var text: String

    /// How an error message names this token: quoted source text, or "the end of the input".
    var quoted: String {
        kind == .end ? "the end of the input" : "'\(text)'"
    }

    /// Whether the token is the word `keyword`, compared without regard to case.
    func isWord(_ keyword: String) -> Bool {
        if case .word(let w) = kind { return w.caseInsensitiveEquals(keyword) }
        return false
    }
}

/// Splits filter text into ``FilterToken``s.
///
/// Whitespace between tokens is any run of spaces, tabs, carriage returns or line feeds (RFC 7644
/// asks for single spaces; clients and hand-written `/.search` bodies are not that tidy). Strings are
/// JSON strings (RFC 8259 §7) with every escape, including `\uXXXX` surrogate pairs.
enum FilterLexer {
    static func tokenize(_ text: String) throws(FilterSyntaxError) -> [FilterToken] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [FilterToken] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if isWhitespace(c) {
                i += 1
                continue
            }
            let single: FilterToken.Kind? =
                switch c {
                case "(": .openParen
                case ")": .closeParen
                case "[": .openBracket
                case "]": .closeBracket
                default: nil
                }
            if let single {
                tokens.append(FilterToken(kind: single, position: i + 1, text: String(c)))
                i += 1
            } else if c == "\"" {
                let start = i
                let value = try readString(scalars, &i)
                tokens.append(FilterToken(kind: .string(value), position: start + 1, text: slice(scalars, start..<i)))
            } else {
                let start = i
                while i < scalars.count, !isWhitespace(scalars[i]), !isDelimiter(scalars[i]) { i += 1 }
                let word = slice(scalars, start..<i)
                tokens.append(FilterToken(kind: .word(word), position: start + 1, text: word))
            }
        }
        tokens.append(FilterToken(kind: .end, position: scalars.count + 1, text: ""))
        return tokens
    }

    private static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\r" || c == "\n"
    }

    /// A character that ends a word: a bracket, a parenthesis or a quote.
    private static func isDelimiter(_ c: Unicode.Scalar) -> Bool {
        c == "(" || c == ")" || c == "[" || c == "]" || c == "\""
    }

    private static func slice(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[range])
        return String(s)
    }

    /// Reads the JSON string whose opening quote is at `i`; leaves `i` after the closing quote.
    private static func readString(_ scalars: [Unicode.Scalar], _ i: inout Int) throws(FilterSyntaxError) -> String {
        let opening = i + 1
        let unterminated = FilterSyntaxError(
            position: opening, message: "unterminated string: the '\"' at position \(opening) has no closing quote")
        var value = String.UnicodeScalarView()
        i += 1
        // Characters that need no unescaping (nearly all) are copied in runs, not one by one.
        var run = i
        while i < scalars.count {
            let c = scalars[i]
            if c != "\"", c != "\\", c.value >= 0x20 {
                i += 1
                continue
            }
            value.append(contentsOf: scalars[run..<i])
            switch c {
            case "\"":
                i += 1
                return String(value)
            case "\\":
                guard i + 1 < scalars.count else { throw unterminated }
                let escape = scalars[i + 1]
                switch escape {
                case "\"", "\\", "/": value.append(escape)
                case "b": value.append("\u{08}")
                case "f": value.append("\u{0C}")
                case "n": value.append("\n")
                case "r": value.append("\r")
                case "t": value.append("\t")
                case "u":
                    value.append(try readUnicodeEscape(scalars, &i))
                    run = i
                    continue
                default:
                    throw FilterSyntaxError(
                        position: i + 1,
                        message: "invalid escape '\\\(escape)' in a string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                }
                i += 2
                run = i
            default:
                throw FilterSyntaxError(
                    position: i + 1, message: "control character U+\(hex4(c.value)) in a string must be escaped")
            }
        }
        throw unterminated
    }

    /// Reads `\uXXXX` (and its low surrogate when it is a high one) starting at the backslash at `i`.
    private static func readUnicodeEscape(_ scalars: [Unicode.Scalar], _ i: inout Int) throws(FilterSyntaxError) -> Unicode.Scalar {
        let start = i
        let first = try readHex4(scalars, at: i + 2, escapeAt: start)
        i += 6
        if (0xD800...0xDBFF).contains(first) {
            guard i + 1 < scalars.count, scalars[i] == "\\", scalars[i + 1] == "u",
                case let second = try readHex4(scalars, at: i + 2, escapeAt: i), (0xDC00...0xDFFF).contains(second)
            else {
                throw FilterSyntaxError(
                    position: start + 1, message: "unpaired UTF-16 surrogate \\u\(hex4(first)): a low surrogate \\uDC00-\\uDFFF must follow")
            }
            i += 6
            // Both halves are in range, so the combined value is a valid scalar above U+FFFF.
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(first) else {
            throw FilterSyntaxError(position: start + 1, message: "unpaired UTF-16 surrogate \\u\(hex4(first)) in a string")
        }
        return scalar
    }

    private static func readHex4(_ scalars: [Unicode.Scalar], at index: Int, escapeAt: Int) throws(FilterSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard index + offset < scalars.count, let digit = hexValue(scalars[index + offset]) else {
                throw FilterSyntaxError(position: escapeAt + 1, message: "invalid \\u escape: four hexadecimal digits must follow \\u")
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: c.value - 0x30
        case 0x41...0x46: c.value - 0x41 + 10
        case 0x61...0x66: c.value - 0x61 + 10
        default: nil
        }
    }

    private static func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
