import Foundation
import SCIM

/// Turns what the operator typed after `/` on the Members or Teams screen into a SCIM filter.
///
/// - Text that parses as a SCIM filter is used as it is: `active eq false`, `emails[type eq "work"]`.
/// - Text that starts like a filter (an attribute of the resource followed by more, or `(`, or `not `) but does
///   not parse is refused with the parser's detail, so a typo in a filter is reported, not searched for.
/// - Anything else is a plain search: "contains" over the names people look for (for members `userName`,
///   `name.formatted`, `displayName`, `emails.value`; for teams `displayName`). The filter is built as a tree, so
///   quotes and backslashes in the text need no escaping.
public enum ListFilterInput {
    /// The filter for `text` (nil when it is blank).
    /// - Throws: the parser's 400 `invalidFilter` when the text is an invalid filter.
    public static func filter(for text: String, kind: ResourceKind) throws(SCIMError) -> Filter? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        do {
            return try FilterParser.parse(trimmed)
        } catch {
            if looksLikeFilter(trimmed, kind: kind) { throw error }
        }
        return plainSearch(trimmed, kind: kind)
    }

    /// The "contains" search for plain `text`.
    public static func plainSearch(_ text: String, kind: ResourceKind) -> Filter {
        let paths: [AttributePath]
        switch kind {
        case .user:
            paths = [
                AttributePath(attribute: "userName"), AttributePath(attribute: "name", subAttribute: "formatted"),
                AttributePath(attribute: "displayName"), AttributePath(attribute: "emails", subAttribute: "value"),
            ]
        case .group:
            paths = [AttributePath(attribute: "displayName")]
        }
        let terms = paths.map { Filter.compare($0, .co, .string(text)) }
        return terms.dropFirst().reduce(terms[0]) { .or($0, $1) }
    }

    /// Whether `text` was meant as a filter: `(…`, `not …`, or an attribute of `kind` followed by something.
    static func looksLikeFilter(_ text: String, kind: ResourceKind) -> Bool {
        let lowered = text.lowercased()
        if lowered.hasPrefix("(") || lowered.hasPrefix("not ") || lowered.hasPrefix("not(") { return true }
        guard let end = text.firstIndex(where: { $0 == " " || $0 == "[" }) else { return false }
        guard let path = try? FilterParser.parseAttributePath(String(text[..<end])) else { return false }
        if kind.resolve(schemaURN: path.schema, attribute: path.attribute) != nil { return true }
        return path.schema == nil && kind.extensions.contains { $0.attribute(named: path.attribute) != nil }
    }
}
