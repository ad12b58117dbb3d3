import Foundation
import SCIM

/// Dates as the database stores them: `SCIMDateTime.format` text (UTC, milliseconds), which sorts
/// in time order, reads well in `sqlite3`, and is what filters on `meta.lastModified` compare.
enum StoredTime {
    static func text(_ date: Date) -> String { SCIMDateTime.format(date) }

    static func text(_ date: Date?) -> String? { date.map(SCIMDateTime.format) }

    /// The stored text as a date; only text this store wrote reaches here.
    static func date(_ text: String) -> Date { SCIMDateTime.parse(text) ?? Date(timeIntervalSince1970: 0) }

    static func date(_ text: String?) -> Date? { text.map(date) }
}
