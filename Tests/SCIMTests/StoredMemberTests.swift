import Foundation
import SCIM
import Testing

/// ``StoredMember`` splices the stored attributes text; what it writes must be the representation
/// `SCIMResource.json(baseURL:)` builds, member for member, whatever the order of the attributes.
struct StoredMemberTests {
    private static let baseURL = "https://example.com/scim/v2"

    private static func member(_ attributes: JSONValue, groups: [GroupRef]) -> SCIMResource {
        SCIMResource(
            kind: .user, id: "01a22e79-e59d-7272-afea-da268af75ab4", attributes: attributes.objectValue ?? JSONObject(),
            meta: ResourceMeta(
                created: Date(timeIntervalSince1970: 1_764_541_461.747), lastModified: Date(timeIntervalSince1970: 1_764_541_500),
                version: 3),
            groups: groups)
    }

    private static let cases: [(JSONValue, [GroupRef])] = [
        (["userName": "jane@x.com", "active": true], []),
        ([:], []),
        (
            [
                "externalId": "00u1", "userName": "zoë \"z\"@x.com", "name": ["givenName": "Zoë", "familyName": "日本\n"],
                "emails": [["value": "z@x.com", "type": "work", "primary": true]], "active": false,
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ["department": "Sales"],
            ],
            [GroupRef(value: "g1", display: "Sales \"EU\""), GroupRef(value: "g2", display: "Ops"), GroupRef(value: "g3")]
        ),
    ]

    /// Objects compared without regard to member order, recursively.
    private static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { ($0.key, sorted($0.value)) }))
        case .array(let elements):
            return .array(elements.map(sorted))
        default:
            return value
        }
    }

    @Test(arguments: 0..<3)
    func writesTheRepresentationOfTheResource(_ index: Int) throws {
        let (attributes, groups) = Self.cases[index]
        let resource = Self.member(attributes, groups: groups)
        let stored = StoredMember(resource)
        let written = try JSONParser.parse(String(decoding: stored.json(baseURL: Self.baseURL), as: UTF8.self))
        #expect(Self.sorted(written) == Self.sorted(.object(resource.json(baseURL: Self.baseURL))))
        #expect(stored.etag == resource.meta.etag)
    }

    @Test func storedTextWithSpaceAroundItsMembersIsSplicedCleanly() throws {
        var stored = StoredMember(Self.member(["userName": "a"], groups: []))
        stored.attributesJSON = "  { \"userName\" : \"a\" }\n"
        let written = try JSONParser.parse(String(decoding: stored.json(baseURL: Self.baseURL), as: UTF8.self))
        #expect(written.objectValue?["userName"] == "a")
        stored.attributesJSON = "{ }"
        #expect(throws: Never.self) { try JSONParser.parse(String(decoding: stored.json(baseURL: Self.baseURL), as: UTF8.self)) }
    }

    @Test func topLevelValuesAreFoundOnlyAtTheTopLevel() {
        let text = #"{"name":{"userName":"nested"},"note":"\"userName\":\"inside\"","userName" : "zoë@x.com" ,"#
            + #""tags":["a",{"b":1}],"urn:x:User":{"department":"Sales"},"n":3}"#
        #expect(StoredMember.topLevelValue("userName", in: text) == #""zoë@x.com""#)
        #expect(StoredMember.topLevelValue("tags", in: text) == #"["a",{"b":1}]"#)
        #expect(StoredMember.topLevelValue("urn:x:User", in: text) == #"{"department":"Sales"}"#)
        #expect(StoredMember.topLevelValue("n", in: text) == "3")
        #expect(StoredMember.topLevelValue("department", in: text) == nil)
        #expect(StoredMember.topLevelValue("b", in: text) == nil)
        #expect(StoredMember.topLevelValue("inside", in: text) == nil)
        #expect(StoredMember.topLevelValue("a", in: "{}") == nil)
    }

    @Test(arguments: 0..<3)
    func columnsGiveTheSameMemberAsTheResource(_ index: Int) {
        let (attributes, groups) = Self.cases[index]
        let fromResource = StoredMember(Self.member(attributes, groups: groups))
        let fromColumns = StoredMember(
            id: fromResource.id, attributesJSON: fromResource.attributesJSON, created: fromResource.created,
            lastModified: fromResource.lastModified, version: fromResource.version, groups: groups)
        #expect(fromColumns == fromResource)
    }
}
