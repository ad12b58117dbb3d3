import Foundation

/// A member as a store keeps it: its attributes as the JSON text that was stored, and its `meta`
/// times as stored `SCIMDateTime` text. Rendered to its SCIM representation by splicing that text
/// into the response, without parsing it into a tree and writing the tree out again.
///
/// Why: `GET /Users/{id}` is what provisioning clients send most, and parsing, building and writing
/// the member was about a tenth of its cost. The stored text is trusted: only the store's own
/// `JSONWriter` output (a canonical object without `id`, `schemas`, `meta` or `groups`) is ever
/// stored. Responses with a projection (`attributes=`) still go through the tree.
public struct StoredMember: Sendable, Hashable {
    public var id: String
    /// The stored attributes object, e.g. `{"userName":"jane@x","active":true}`.
    public var attributesJSON: String
    /// Whether the attributes hold the enterprise extension (it is then named in `schemas`).
    public var hasEnterpriseExtension: Bool
    /// `meta.created` and `meta.lastModified`, as `SCIMDateTime.format` text.
    public var created: String
    public var lastModified: String
    public var version: Int
    /// For logs and summaries, which would otherwise need the parsed attributes.
    public var userName: String
    public var groups: [GroupRef]

    public init(
        id: String, attributesJSON: String, hasEnterpriseExtension: Bool, created: String, lastModified: String,
        version: Int, userName: String, groups: [GroupRef]
    ) {
        self.id = id
        self.attributesJSON = attributesJSON
        self.hasEnterpriseExtension = hasEnterpriseExtension
        self.created = created
        self.lastModified = lastModified
        self.version = version
        self.userName = userName
        self.groups = groups
    }

    /// A member from its stored columns: whether it has the enterprise extension, and its
    /// `userName`, are read off the top level of the stored text (see ``topLevelValue(_:in:)``).
    public init(id: String, attributesJSON: String, created: String, lastModified: String, version: Int, groups: [GroupRef]) {
        let userName = Self.topLevelValue("userName", in: attributesJSON)
            .flatMap { try? JSONParser.parse(String($0)) }?.stringValue
        self.init(
            id: id, attributesJSON: attributesJSON, created: created, lastModified: lastModified, version: version,
            userName: userName ?? "", groups: groups)
    }

    /// A member from its stored columns and its `userName` column: whether it has the enterprise
    /// extension is read off the top level of the stored text.
    public init(
        id: String, attributesJSON: String, created: String, lastModified: String, version: Int, userName: String,
        groups: [GroupRef]
    ) {
        self.init(
            id: id, attributesJSON: attributesJSON,
            hasEnterpriseExtension: Self.topLevelValue(CoreSchemas.enterpriseUser.id, in: attributesJSON) != nil,
            created: created, lastModified: lastModified, version: version, userName: userName, groups: groups)
    }

    /// The parts of a member read as a resource (for stores that keep resources, not text).
    public init(_ member: SCIMResource) {
        self.init(
            id: member.id, attributesJSON: JSONWriter().string(.object(member.attributes)),
            hasEnterpriseExtension: member.attributes[CoreSchemas.enterpriseUser.id] != nil,
            created: SCIMDateTime.format(member.meta.created), lastModified: SCIMDateTime.format(member.meta.lastModified),
            version: member.meta.version, userName: member.userName ?? "", groups: member.groups ?? [])
    }

    /// The same member with `groups`.
    public func with(groups: [GroupRef]) -> StoredMember {
        var member = self
        member.groups = groups
        return member
    }

    /// The weak ETag of this version, as ``ResourceMeta/etag``.
    public var etag: String { ResourceMeta.etag(version: version) }

    /// The full SCIM representation, `meta.location` and `$ref`s under `baseURL`: the same members
    /// as ``SCIMResource/json(baseURL:)``, with the stored attributes in their stored order.
    public func json(baseURL: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(attributesJSON.utf8.count + 320 + groups.count * 160)
        out.append(contentsOf: #"{"schemas":["#.utf8)
        JSONWriter.writeString(CoreSchemas.user.id, into: &out)
        if hasEnterpriseExtension {
            out.append(UInt8(ascii: ","))
            JSONWriter.writeString(CoreSchemas.enterpriseUser.id, into: &out)
        }
        out.append(contentsOf: #"],"id":"#.utf8)
        JSONWriter.writeString(id, into: &out)
        var attributes = attributesJSON
        attributes.withUTF8 { bytes in
            // Copied as one block: appending the text's UTF-8 view went byte by byte.
            let inner = Self.members(of: bytes)
            if !inner.isEmpty {
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[inner]))
            }
        }
        if !groups.isEmpty {
            out.append(contentsOf: #","groups":["#.utf8)
            for (index, group) in groups.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                group.write(baseURL: baseURL, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        // `meta` as `ResourceMeta.json` has it, written straight out rather than built as a tree.
        out.append(contentsOf: #","meta":{"resourceType":"#.utf8)
        JSONWriter.writeString(ResourceKind.user.rawValue, into: &out)
        out.append(contentsOf: #","created":"#.utf8)
        JSONWriter.writeString(created, into: &out)
        out.append(contentsOf: #","lastModified":"#.utf8)
        JSONWriter.writeString(lastModified, into: &out)
        out.append(contentsOf: #","location":"#.utf8)
        JSONWriter.writeString(baseURL, ResourceKind.user.endpoint, "/", id, into: &out)
        out.append(contentsOf: #","version":"#.utf8)
        JSONWriter.writeString(etag, into: &out)
        out.append(contentsOf: "}}".utf8)
        return out
    }

    /// The text of the value of `key` among the top-level members of a JSON object's text, or nil
    /// when the object has no such member: `{"a":{"b":1},"b":[2]}` gives `[2]` for `b`. Keys are
    /// compared as written (the store writes canonical spellings, without escapes); keys of nested
    /// objects and text inside strings never match.
    public static func topLevelValue(_ key: String, in object: String) -> Substring? {
        // Scanned in place: this runs on every `GET /Users/{id}`, and copying the text into an
        // array first was two allocations per lookup.
        var object = object
        var key = key
        return object.withUTF8 { bytes in key.withUTF8 { wanted in topLevelValue(wanted, in: bytes) } }
    }

    private static func topLevelValue(_ wanted: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>) -> Substring? {
        var i = 0
        var depth = 0
        var expectingKey = false
        var valueStart: Int?
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""):
                let start = i + 1
                i = start
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                if depth == 1, expectingKey {
                    expectingKey = false
                    if i <= bytes.count, bytes[start..<min(i, bytes.count)].elementsEqual(wanted) {
                        // Past the closing quote, the colon and any space: the value starts there.
                        var j = i + 1
                        while j < bytes.count, bytes[j] == UInt8(ascii: ":") || Self.isSpace(bytes[j]) { j += 1 }
                        valueStart = j
                    }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1 && byte == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 1, let start = valueStart { return Self.trimmed(bytes, start, i) }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 {
                    if let start = valueStart { return Self.trimmed(bytes, start, i) }
                    expectingKey = true
                }
            default:
                break
            }
            i += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Substring {
        var end = end
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Where the members of an object's text lie, without its braces and the space around them:
    /// `"a":1,"b":2` of `{"a":1,"b":2}`, nothing of `{}`.
    private static func members(of object: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = object.count
        while start < end, object[start] != UInt8(ascii: "{") { start += 1 }
        while end > start, object[end - 1] != UInt8(ascii: "}") { end -= 1 }
        start = min(start + 1, end)
        end = max(end - 1, start)
        while start < end, isSpace(object[start]) { start += 1 }
        while end > start, isSpace(object[end - 1]) { end -= 1 }
        return start..<end
    }
}
