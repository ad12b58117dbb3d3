import Foundation
import RosterStore
import SCIM

/// The Requests screen's filter: `status:4xx status:409 status:400..499 method:PATCH path:/Groups key:rst_7f2c`
/// plus free words. Terms of one field are alternatives (any `status:` may match); different fields and every
/// free word must all match. Words and paths match without regard to case, anywhere in the summary, path, query,
/// client address or user agent.
public struct RequestFilter: Hashable, Sendable {
    public var statuses: [ClosedRange<Int>]
    public var methods: [String]
    public var paths: [String]
    public var keys: [String]
    public var words: [String]

    /// The empty filter, which matches everything.
    public init() {
        statuses = []
        methods = []
        paths = []
        keys = []
        words = []
    }

    public var isEmpty: Bool {
        statuses.isEmpty && methods.isEmpty && paths.isEmpty && keys.isEmpty && words.isEmpty
    }

    /// Reads the filter grammar.
    /// - Throws: 400 `invalidFilter` naming the term that is not understood and what was expected.
    public static func parse(_ text: String) throws(SCIMError) -> RequestFilter {
        var filter = RequestFilter()
        for term in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            guard let colon = term.firstIndex(of: ":") else {
                filter.words.append(term.lowercased())
                continue
            }
            let field = term[..<colon].lowercased()
            let value = String(term[term.index(after: colon)...])
            switch field {
            case "status":
                filter.statuses.append(try statusRange(value, term: term))
            case "method":
                filter.methods.append(value.uppercased())
            case "path":
                filter.paths.append(value.lowercased())
            case "key":
                filter.keys.append(value.lowercased())
            default:
                filter.words.append(term.lowercased())
            }
        }
        return filter
    }

    /// Whether `entry` passes the filter.
    public func matches(_ entry: RequestLogEntry) -> Bool {
        if !statuses.isEmpty && !statuses.contains(where: { $0.contains(entry.status) }) { return false }
        if !methods.isEmpty && !methods.contains(entry.method.uppercased()) { return false }
        if !paths.isEmpty {
            let path = (entry.path + (entry.query.isEmpty ? "" : "?" + entry.query)).lowercased()
            if !paths.contains(where: { path.contains($0) }) { return false }
        }
        if !keys.isEmpty {
            let prefix = (entry.keyPrefix ?? "").lowercased()
            if !keys.contains(where: { !prefix.isEmpty && prefix.contains($0) }) { return false }
        }
        if !words.isEmpty {
            let haystack = [entry.summary, entry.path, entry.query, entry.clientAddress, entry.userAgent,
                            entry.scimType ?? "", entry.method, String(entry.status)]
                .joined(separator: " ").lowercased()
            if !words.allSatisfy({ haystack.contains($0) }) { return false }
        }
        return true
    }

    /// `409`, `4xx`, or a range of either: `400..499`, `4xx..5xx`.
    private static func statusRange(_ value: String, term: String) throws(SCIMError) -> ClosedRange<Int> {
        let parts = value.components(separatedBy: "..")
        let bounds = parts.map { part -> ClosedRange<Int>? in
            let lowered = part.lowercased()
            if lowered.count == 3, lowered.hasSuffix("xx"), let digit = Int(lowered.prefix(1)), (1...5).contains(digit) {
                return (digit * 100)...(digit * 100 + 99)
            }
            if let code = Int(lowered), (100...599).contains(code) { return code...code }
            return nil
        }
        guard (1...2).contains(parts.count), bounds.allSatisfy({ $0 != nil }),
            let first = bounds.first!, let last = bounds.last!, first.lowerBound <= last.upperBound
        else {
            throw SCIMError.invalidFilter(
                "'\(term)': a status is a code (status:409), a class (status:4xx) or a range (status:400..499)")
        }
        return first.lowerBound...last.upperBound
    }
}
