import Foundation
import RosterStore

/// A request's target as the live list shows it, where width is short: the `/scim/v2` prefix every request shares
/// is dropped, long ids keep their first 8 characters (`/Users/8f3c2d1e…`, enough to tell them apart at a glance),
/// and the query is percent-decoded so a filter reads as written (`/Users?filter=userName eq "jane"`).
public enum RequestPathText {
    public static let basePath = "/scim/v2"

    public static func compact(_ entry: RequestLogEntry, ellipsis: String) -> String {
        var path = entry.path
        if path.hasPrefix(basePath) { path.removeFirst(basePath.count) }
        if path.isEmpty { path = "/" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.count > 12 && segment.contains("-") ? segment.prefix(8) + ellipsis : String(segment)
        }
        let shown = segments.joined(separator: "/")
        guard !entry.query.isEmpty else { return shown }
        let query = entry.query.replacingOccurrences(of: "+", with: " ")
        return shown + "?" + (query.removingPercentEncoding ?? query)
    }
}
