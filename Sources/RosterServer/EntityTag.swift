import SCIM

/// Roster's entity tags, `W/"<version>"` from `meta.version`, as `If-Match` and `If-None-Match`
/// carry them back.
enum EntityTag {
    /// The version an `If-Match` header requires, or nil when it allows any (absent or `*`).
    /// A tag that is not one of Roster's can never match, which is a 412 (RFC 9110 §13.1.1).
    static func expectedVersion(ifMatch header: String?) throws(SCIMError) -> Int? {
        guard let header else { return nil }
        let first = header.split(separator: ",").first.map { $0.trimmingSpaces } ?? ""
        if first.isEmpty || first == "*" { return nil }
        guard let version = version(of: first) else {
            throw SCIMError.preconditionFailed(
                "If-Match \(first) does not name a version of this resource; Roster's ETags look like W/\"3\".")
        }
        return version
    }

    /// Whether an `If-None-Match` header names `version` (or is `*`).
    static func matches(ifNoneMatch header: String?, version: Int) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { tag in
            let tag = tag.trimmingSpaces
            return tag == "*" || Self.version(of: tag) == version
        }
    }

    /// `W/"12"`, `"12"` (a strong form of the same tag is accepted) → 12.
    static func version(of tag: Substring) -> Int? {
        var tag = tag
        if tag.hasPrefix("W/") || tag.hasPrefix("w/") { tag = tag.dropFirst(2) }
        guard tag.count >= 2, tag.first == "\"", tag.last == "\"" else { return nil }
        return Int(tag.dropFirst().dropLast())
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
