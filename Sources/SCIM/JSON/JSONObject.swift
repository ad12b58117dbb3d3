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

    /// Appends `key` without looking for it first: for building a representation whose keys the
    /// caller knows are distinct (rendering a stored resource), where the lookup of the subscript
    /// setter made building an object quadratic in its size.
    public mutating func appendNew(_ key: String, _ value: JSONValue) {
        assert(index(of: key) == nil, "appendNew: '\(key)' is already a member")
        members.append(Member(key: key, value: value))
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
    /// Case-insensitive equality, as SCIM needs for attribute names and URNs: a byte loop for
    /// ASCII (every schema name), full Unicode lowercasing only when either side is not ASCII.
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        let a = utf8
        let b = other.utf8
        // Most lookups compare different names: when both start with ASCII that differs after
        // folding, their Unicode lowercasings differ too (ASCII lowercases to itself or its letter).
        if let x = a.first, let y = b.first, x < 0x80, y < 0x80, Self.asciiLower(x) != Self.asciiLower(y) {
            return false
        }
        if a.count == b.count {
            var ascii = true
            for (x, y) in zip(a, b) where x != y {
                if x >= 0x80 || y >= 0x80 {
                    ascii = false
                    break
                }
                let folded = x | 0x20
                guard folded == y | 0x20, folded >= 0x61, folded <= 0x7A else { return false }
            }
            if ascii { return true }
        } else if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) {
            return false
        }
        return lowercased() == other.lowercased()
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }
}
