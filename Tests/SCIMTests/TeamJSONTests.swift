import Foundation
import SCIM
import Testing

/// ``TeamJSON`` must write exactly the bytes ``JSONWriter`` writes for the projected tree that
/// `SCIMResource.json(baseURL:)` builds with the members loaded, for every projection.
struct TeamJSONTests {
    private static let baseURL = "https://example.com/scim/v2"
    private static let meta = ResourceMeta(
        created: Date(timeIntervalSince1970: 0), lastModified: Date(timeIntervalSince1970: 60), version: 7)

    private static func team(_ members: [MemberRef]) -> SCIMResource {
        let attributes: JSONValue = ["displayName": "Tour \"Guides\"", "externalId": "okta-00g1"]
        return SCIMResource(
            kind: .group, id: "g1", attributes: attributes.objectValue ?? JSONObject(), meta: meta, members: members)
    }

    /// Ids and displays that need escaping, a member without a display, and non-ASCII text.
    private static let members = [
        MemberRef(value: "u1", display: "babs@example.com"),
        MemberRef(value: "u2"),
        MemberRef(value: "u\"3\\", display: "Zoë \"Z\"\n\t\u{1}"),
        MemberRef(value: "01a22e79-e59d-7272-afea-da268af75ab4", display: "日本"),
    ]

    /// `attributes` / `excludedAttributes` pairs, nil for no projection.
    private static let projections: [(String?, String?)?] = [
        nil,
        ("members", nil), ("members.value,displayName", nil), ("members.display", nil), ("displayName", nil),
        ("MEMBERS.VALUE,members.$ref", nil), ("members.type", nil), ("members.nothing", nil), ("id", nil),
        ("urn:ietf:params:scim:schemas:core:2.0:Group:members.display", nil),
        (nil, "members"), (nil, "members.display"), (nil, "members.value"), (nil, "members.$ref,members.type"),
        (nil, "displayName,meta"), (nil, "externalId"),
    ]

    private static func expected(_ team: SCIMResource, _ projection: AttributeProjection?) -> String {
        let representation = team.json(baseURL: baseURL)
        return JSONWriter().string(.object(projection?.apply(representation) ?? representation))
    }

    private static func written(
        _ team: SCIMResource, _ projection: AttributeProjection?, chunkSize: Int = 64 << 10
    ) throws -> (text: String, chunks: Int, visited: Bool) {
        var bytes: [UInt8] = []
        var chunks = 0
        var visited = false
        let json = TeamJSON(team: team, baseURL: baseURL, projection: projection)
        try json.write(
            members: { visit in
                visited = true
                for member in team.members ?? [] { try visit(member) }
            }, chunkSize: chunkSize
        ) {
            bytes += $0
            chunks += 1
        }
        return (String(decoding: bytes, as: UTF8.self), chunks, visited)
    }

    private static func projection(_ pair: (String?, String?)?) throws -> AttributeProjection? {
        try pair.map { try AttributeProjection(attributes: $0.0, excludedAttributes: $0.1, kind: .group) }
    }

    @Test(arguments: projections.indices)
    func writesTheBytesOfTheProjectedTree(_ index: Int) throws {
        let projection = try Self.projection(Self.projections[index])
        for members in [Self.members, [], [MemberRef(value: "u2")], [MemberRef(value: "u1", display: "d")]] {
            let team = Self.team(members)
            #expect(try Self.written(team, projection).text == Self.expected(team, projection), "\(Self.projections[index] as Any)")
        }
    }

    @Test func handsBigBodiesOverInChunksWithTheSameBytes() throws {
        let team = Self.team((0..<1000).map { MemberRef(value: "member-\($0)", display: "user\($0)@example.com") })
        let (text, chunks, _) = try Self.written(team, nil, chunkSize: 4096)
        #expect(text == Self.expected(team, nil))
        #expect(chunks > 10)
    }

    @Test func readsNoMembersWhenTheResponseHasNone() throws {
        let team = Self.team(Self.members)
        for pair: (String?, String?) in [(nil, "members"), ("displayName", nil)] {
            let projection = try Self.projection(pair)
            let json = TeamJSON(team: team, baseURL: Self.baseURL, projection: projection)
            #expect(!json.includesMembers)
            let (text, _, visited) = try Self.written(team, projection)
            #expect(!visited)
            #expect(text == Self.expected(team, projection))
        }
    }

    @Test func withoutMembersIsTheProjectedTreeLessMembers() throws {
        let projection = try AttributeProjection(attributes: "displayName,members.value", excludedAttributes: nil, kind: .group)
        let json = TeamJSON(team: Self.team(Self.members), baseURL: Self.baseURL, projection: projection)
        #expect(json.withoutMembers.keys == ["schemas", "id", "displayName"])
        #expect(json.withoutMembers["displayName"]?.stringValue == "Tour \"Guides\"")
    }

    @Test func splitAroundAKeyWritesTheSameBytesAsTheWholeObject() throws {
        let value: JSONValue = ["a": 1, "b": ["x", nil], "c": ["d": true]]
        let object = try #require(value.objectValue)
        for key in ["a", "B", "c"] {
            let (head, tail) = try #require(JSONWriter.split(object, around: key))
            let value = JSONWriter().bytes(try #require(object[key]))
            #expect(head + value + tail == JSONWriter().bytes(.object(object)))
        }
        #expect(JSONWriter.split(object, around: "missing") == nil)
    }
}
