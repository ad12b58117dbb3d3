import Foundation

/// A config file of `key = value` lines (`roster.toml`: the flat subset of TOML that flags need): values are
/// quoted strings, numbers or `true`/`false`; `#` starts a comment; tables, arrays and multi-line strings are not
/// accepted, so a file never means something other than it looks.
public enum ConfigFile {
    public struct SyntaxError: Error, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// The settings of `text` by key.
    /// - Throws: ``SyntaxError`` for a line that is not `key = value`, an unknown key or a repeated one.
    public static func parse(_ text: String) throws -> [String: String] {
        let known = Set(ServeSetting.allCases.map(\.key))
        var settings: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw SyntaxError(line: number, reason: "expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard known.contains(key) else {
                throw SyntaxError(
                    line: number,
                    reason: "unknown setting '\(key)' (known: \(ServeSetting.allCases.map(\.key).joined(separator: ", ")))")
            }
            guard settings[key] == nil else { throw SyntaxError(line: number, reason: "'\(key)' is set twice") }
            settings[key] = try value(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces), line: number)
        }
        return settings
    }

    private static func value(_ text: String, line: Int) throws -> String {
        if text.hasPrefix("\"") {
            var result = ""
            var escaped = false
            var rest = text.dropFirst()
            while let character = rest.first {
                rest = rest.dropFirst()
                if escaped {
                    switch character {
                    case "\"", "\\": result.append(character)
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    default: throw SyntaxError(line: line, reason: "unknown escape \\\(character)")
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    let trailing = rest.trimmingCharacters(in: .whitespaces)
                    guard trailing.isEmpty || trailing.hasPrefix("#") else {
                        throw SyntaxError(line: line, reason: "unexpected text after the closing quote")
                    }
                    return result
                } else {
                    result.append(character)
                }
            }
            throw SyntaxError(line: line, reason: "the string has no closing quote")
        }
        let bare = (text.firstIndex(of: "#").map { text[..<$0] } ?? Substring(text)).trimmingCharacters(in: .whitespaces)
        guard !bare.isEmpty, bare.allSatisfy({ $0.isLetter || $0.isNumber || "._+-".contains($0) }) else {
            throw SyntaxError(line: line, reason: "a value is a \"quoted string\", a number, true or false")
        }
        return bare
    }

    /// `value` as a config-file value: bare when it is a number or boolean, quoted otherwise.
    public static func quoted(_ value: String) -> String {
        if value == "true" || value == "false" || Double(value) != nil { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
