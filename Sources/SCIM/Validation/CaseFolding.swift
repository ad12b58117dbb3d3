import Foundation

/// Case-insensitive comparison keys for SCIM strings whose `caseExact` is false.
///
/// SQLite's `NOCASE` folds ASCII only, so `José` and `JOSÉ` would be two users. Roster stores a key
/// made here (canonical composition, then full upper-then-lower folding, so `ß` meets `SS` and a
/// final `ς` meets `Σ`) in its own indexed column and compares keys.
public enum CaseFolding {
    public static func key(_ text: String) -> String {
        // ASCII fast path: most userNames are emails.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return text.precomposedStringWithCanonicalMapping.uppercased().lowercased().precomposedStringWithCanonicalMapping
    }
}
