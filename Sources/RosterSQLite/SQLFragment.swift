import Foundation
import GRDB

/// A piece of SQL and the values bound to its `?` placeholders, in order. Values never enter the
/// SQL text: only the translator's own column names and operators do.
struct SQLFragment: Sendable, Hashable, CustomStringConvertible {
    var sql: String
    var arguments: [DatabaseValue]

    init(_ sql: String, _ arguments: [DatabaseValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    static let `true` = SQLFragment("1")

    /// Joins fragments with `separator`, concatenating their arguments in the same order.
    static func joined(_ parts: [SQLFragment], separator: String) -> SQLFragment {
        SQLFragment(parts.map(\.sql).joined(separator: separator), parts.flatMap(\.arguments))
    }

    /// One bound value.
    static func value(_ value: some DatabaseValueConvertible) -> SQLFragment {
        SQLFragment("?", [value.databaseValue])
    }

    /// Substitutes `parts` for the `%@` markers of `template`, in order, keeping arguments aligned.
    /// The template itself holds no `?`: values come only through the parts.
    static func format(_ template: String, _ parts: SQLFragment...) -> SQLFragment {
        var sql = ""
        var arguments: [DatabaseValue] = []
        var remaining = parts[...]
        var rest = Substring(template)
        while let marker = rest.range(of: "%@") {
            sql += rest[..<marker.lowerBound]
            let part = remaining.removeFirst()
            sql += part.sql
            arguments += part.arguments
            rest = rest[marker.upperBound...]
        }
        precondition(remaining.isEmpty, "more SQL parts than %@ markers in \(template)")
        sql += rest
        return SQLFragment(sql, arguments)
    }

    var statementArguments: StatementArguments { StatementArguments(arguments) }

    var description: String { "\(sql) \(arguments)" }
}
