/// A team's representation as JSON bytes, its `members` array written one member at a time, so that
/// answering for a 100,000-member team never builds a 100,000-element ``JSONValue`` tree: the memory
/// a response costs is its bytes (about 180 per member), not a tree several times that size.
///
/// The bytes are exactly those ``JSONWriter`` writes for `projection.apply(team.json(baseURL:))` with
/// the team's members loaded. The team without its members is rendered and projected as a small tree,
/// as before; which sub-attributes each member keeps is learned by projecting one sample member, so
/// ``AttributeProjection`` stays the one place that decides what a response returns
/// (`attributes=members.value`, `excludedAttributes=members.display`, …).
public struct TeamJSON: Sendable {
    /// What one element of `members` holds, in the order ``MemberRef/json(baseURL:)`` writes it.
    fileprivate enum Field: Sendable {
        case value, ref, display
        /// A sub-attribute that is the same for every member (`"type":"User"`), as written.
        case constant([UInt8])
    }

    /// How the representation is written when it has `members`.
    fileprivate struct Layout: Sendable {
        /// Everything before the array: `{"schemas":…,"members":`.
        var head: [UInt8]
        /// Everything after it: `,"meta":{…}}`.
        var tail: [UInt8]
        /// Each kept sub-attribute as its written key (`"value":`) and what follows it.
        var fields: [(key: [UInt8], field: Field)]
        /// Whether a team without members (or whose members all end up empty) answers `"members":[]`
        /// rather than leaving `members` out, as the projection does for an empty array.
        var keepsEmptyArray: Bool
        /// `$ref` before the member id, escaped and without quotes: `https://h/scim/v2/Users/`.
        var refPrefix: [UInt8]
        /// Only `display` is kept, so a member without one writes no element at all (the projection
        /// drops elements it leaves empty).
        var onlyDisplay: Bool
    }

    /// The projected representation without `members`: what the request log's summary reads (a
    /// team's `displayName`), small whatever the team's size.
    public let withoutMembers: JSONObject
    private let withoutMembersBytes: [UInt8]
    /// Nil when the response has no `members` (not asked for).
    private let layout: Layout?

    /// The representation of `team` under `baseURL`, projected when `projection` is given. The
    /// team's `members` are ignored: ``write(members:chunkSize:to:)`` writes them as it reads them.
    public init(team: SCIMResource, baseURL: String, projection: AttributeProjection?) {
        func represent(members: [MemberRef]?) -> JSONObject {
            var copy = team
            copy.members = members
            let representation = copy.json(baseURL: baseURL)
            return projection?.apply(representation) ?? representation
        }
        let probe = MemberRef(value: "probe", display: "probe")
        let probed = represent(members: [probe])
        var withoutMembers = probed
        withoutMembers.removeValue(forKey: "members")
        self.withoutMembers = withoutMembers
        withoutMembersBytes = JSONWriter().bytes(.object(withoutMembers))
        guard projection?.wantsMembers ?? true, let element = probed["members"]?.arrayValue?.first?.objectValue,
            let (head, tail) = JSONWriter.split(probed, around: "members")
        else {
            layout = nil
            return
        }
        let fields = element.map { member -> (key: [UInt8], field: Field) in
            var key: [UInt8] = []
            JSONWriter.writeString(member.key, into: &key)
            key.append(UInt8(ascii: ":"))
            let field: Field =
                switch member.key {
                case "value": .value
                case "$ref": .ref
                case "display": .display
                default: .constant(JSONWriter().bytes(member.value))
                }
            return (key, field)
        }
        var refPrefix: [UInt8] = []
        JSONWriter.writeString("\(baseURL)/Users/", into: &refPrefix)
        layout = Layout(
            head: head, tail: tail, fields: fields,
            keepsEmptyArray: represent(members: [])["members"] != nil,
            refPrefix: Array(refPrefix.dropFirst().dropLast()),
            onlyDisplay: fields.allSatisfy { if case .display = $0.field { true } else { false } })
    }

    /// Whether the response has `members`; when false ``write(members:chunkSize:to:)`` reads none.
    public var includesMembers: Bool { layout != nil }

    /// Writes the representation: asks `forEachMember` to visit the team's members (only when the
    /// response has `members`) and hands the bytes to `emit` in pieces of about `chunkSize` bytes, so
    /// no copy of the whole body is held besides the caller's.
    public func write(
        members forEachMember: ((MemberRef) throws -> Void) throws -> Void, chunkSize: Int = 64 << 10,
        to emit: ([UInt8]) throws -> Void
    ) throws {
        guard let layout else { return try emit(withoutMembersBytes) }
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize + 1024)
        var scratch: [UInt8] = []
        var written = 0
        // The visit closure calls `emit`; neither closure lets the other escape.
        try withoutActuallyEscaping(emit) { emit in
            try forEachMember { member in
                guard !layout.onlyDisplay || member.display != nil else { return }
                if written == 0 {
                    out.append(contentsOf: layout.head)
                    out.append(UInt8(ascii: "["))
                } else {
                    out.append(UInt8(ascii: ","))
                }
                written += 1
                layout.writeElement(member, into: &out, scratch: &scratch)
                if out.count >= chunkSize {
                    try emit(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        guard written > 0 else {
            return try emit(layout.keepsEmptyArray ? layout.head + Array("[]".utf8) + layout.tail : withoutMembersBytes)
        }
        out.append(UInt8(ascii: "]"))
        out.append(contentsOf: layout.tail)
        try emit(out)
    }
}

extension TeamJSON.Layout {
    /// One element of `members`, as ``MemberRef/json(baseURL:)`` projected writes it. `scratch`
    /// is reused between members for the escaped id, which `value` and `$ref` share.
    fileprivate func writeElement(_ member: MemberRef, into out: inout [UInt8], scratch: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        JSONWriter.writeString(member.value, into: &scratch)
        out.append(UInt8(ascii: "{"))
        var first = true
        for (key, field) in fields {
            if case .display = field, member.display == nil { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: key)
            switch field {
            case .value:
                out.append(contentsOf: scratch)
            case .ref:
                // The id's escaped text is what `scratch` holds between its quotes.
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: refPrefix)
                out.append(contentsOf: scratch.dropFirst())
            case .display:
                JSONWriter.writeString(member.display ?? "", into: &out)
            case .constant(let bytes):
                out.append(contentsOf: bytes)
            }
        }
        out.append(UInt8(ascii: "}"))
    }
}
