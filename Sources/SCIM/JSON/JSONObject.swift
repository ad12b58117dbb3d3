/// A JSON object that keeps its members in insertion order and looks names up without regard to case.
///
/// RFC 7643 §2.1 makes attribute names case-insensitive, so `userName`, `UserName` and `USERNAME` are
/// one attribute; lookups here honour that, while the stored key keeps the spelling it was given.
/// Objects in SCIM are small (tens of members), so a linear scan beats hashing.
public struct JSONObject: Sendable, Hashable, Sequence {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]

    public init() { members = [] }

    public init(_ pairs: [(String, JSONValue)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    /// The position of `key`, compared without regard to case.
    public func index(of key: String) -> Int? {
        // Fast path: exact spelling, which is what canonicalised resources always use.
        if let exact = members.firstIndex(where: { $0.key == key }) { return exact }
        return members.firstIndex { $0.key.caseInsensitiveEquals(key) }
    }

    /// The value of `key` (any case); setting `nil` removes the member, setting a value replaces it
    /// in place (keeping the stored spelling) or appends it.
    public subscript(key: String) -> JSONValue? {
        get { index(of: key).map { members[$0].value } }
        set {
            if let i = index(of: key) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The stored spelling of `key`, if present.
    public func storedKey(for key: String) -> String? {
        index(of: key).map { members[$0].key }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let i = index(of: key) else { return nil }
        return members.remove(at: i).value
    }

    /// Keeps only the members for which `isIncluded` holds.
    public mutating func removeAll(where shouldRemove: (Member) -> Bool) {
        members.removeAll(where: shouldRemove)
    }
}

extension String {
    /// ASCII-fast case-insensitive equality, as SCIM needs for attribute names and URNs.
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        if self.utf8.count == other.utf8.count,
            zip(self.utf8, other.utf8).allSatisfy({ a, b in a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) })
        {
            return true
        }
        return self.lowercased() == other.lowercased()
    }
}
