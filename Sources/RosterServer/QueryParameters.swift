import SCIM

/// A URL query string decoded the way SCIM clients encode it.
///
/// Hummingbird's `queryParameters` percent-decodes but leaves `+` alone, and Okta's older
/// clients send `filter=userName+eq+%22jane%40acme.com%22`, so this parser follows HTML form rules:
/// `+` is a space, `%2B` a literal plus. Names are compared without regard to case
/// (`startIndex`, `startindex`), and their order does not matter.
public struct QueryParameters: Sendable, Hashable {
    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// The parameters in the order they came.
    public private(set) var parameters: [Parameter]

    /// Parses a raw query string (without `?`); nil or empty gives no parameters.
    public init(_ rawQuery: String?) {
        parameters = []
        guard let rawQuery, !rawQuery.isEmpty else { return }
        for pair in rawQuery.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                let name = Self.decode(pair[pair.startIndex..<equals])
                let value = Self.decode(pair[pair.index(after: equals)...])
                parameters.append(Parameter(name: name, value: value))
            } else {
                parameters.append(Parameter(name: Self.decode(pair), value: ""))
            }
        }
    }

    /// The value of the first parameter called `name` (any case), or nil.
    public subscript(_ name: String) -> String? {
        parameters.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    public var isEmpty: Bool { parameters.isEmpty }

    /// Form decoding: `+` becomes a space and `%XX` the byte XX; a `%` not followed by two hex
    /// digits is kept as it is, and invalid UTF-8 becomes U+FFFD.
    static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else {
            return String(Substring(bytes))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let high = bytes.index(i, offsetBy: 1, limitedBy: bytes.endIndex),
                high < bytes.endIndex, let low = bytes.index(high, offsetBy: 1, limitedBy: bytes.endIndex), low < bytes.endIndex,
                let h = hexValue(bytes[high]), let l = hexValue(bytes[low])
            {
                out.append(h << 4 | l)
                i = low
            } else {
                out.append(byte)
            }
            i = bytes.index(after: i)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
