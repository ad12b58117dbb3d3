import Foundation
import SCIM
import Testing

private let enterprise = SCIMURN.enterpriseUser
private let epoch = ResourceMeta(created: Date(timeIntervalSince1970: 0), lastModified: Date(timeIntervalSince1970: 60), version: 2)

private func object(_ value: JSONValue) -> JSONObject {
    value.objectValue ?? JSONObject()
}

private let user = SCIMResource(
    kind: .user, id: "u1",
    attributes: object([
        "userName": "bjensen@example.com",
        "externalId": "00u1",
        "name": ["givenName": "Barbara", "familyName": "Jensen"],
        "active": true,
        "emails": [
            ["value": "bjensen@example.com", "type": "work", "primary": true],
            ["value": "babs@jensen.org", "type": "home"],
        ],
        enterprise: [
            "department": "Tour Operations",
            "manager": ["value": "m1", "displayName": "John Smith"],
        ],
    ]),
    meta: epoch
).json(baseURL: "https://example.com/scim/v2")

private let team = SCIMResource(
    kind: .group, id: "g1", attributes: object(["displayName": "Tour Guides"]), meta: epoch,
    members: [MemberRef(value: "u1", display: "Babs"), MemberRef(value: "u2", display: "Mandy")]
).json(baseURL: "https://example.com/scim/v2")

private func project(
    _ representation: JSONObject = user, attributes: String? = nil, excluded: String? = nil, kind: ResourceKind = .user
) throws -> JSONObject {
    try AttributeProjection(attributes: attributes, excludedAttributes: excluded, kind: kind).apply(representation)
}

struct AttributeProjectionTests {
    @Test func returnsEverythingWithoutParameters() throws {
        #expect(try project() == user)
        #expect(try project(attributes: " , ", excluded: "") == user, "blank lists are no lists")
    }

    @Test func attributesKeepsOnlyTheListedOnesPlusAlwaysReturned() throws {
        let result = try project(attributes: "userName")
        #expect(result.keys == ["schemas", "id", "userName"])
        #expect(result["userName"] == "bjensen@example.com")
    }

    @Test func attributesKeepsTheRepresentationOrder() throws {
        let result = try project(attributes: "meta,emails,userName,externalId")
        #expect(result.keys == ["schemas", "id", "externalId", "userName", "emails", "meta"])
    }

    @Test func attributesSelectsSubAttributes() throws {
        let result = try project(attributes: "name.givenName,emails.value,meta.lastModified")
        #expect(result["name"] == ["givenName": "Barbara"])
        #expect(result["emails"] == [["value": "bjensen@example.com"], ["value": "babs@jensen.org"]])
        #expect(result["meta"] == ["lastModified": "1970-01-01T00:01:00.000Z"])
    }

    @Test func attributesReadsNamesAndURNsWithoutRegardToCase() throws {
        let result = try project(attributes: "USERNAME, Name.GivenName ,\(SCIMURN.user.uppercased()):active")
        #expect(result.keys == ["schemas", "id", "userName", "name", "active"])
        #expect(result["name"] == ["givenName": "Barbara"])
    }

    @Test func attributesSelectsExtensionAttributesByFullPath() throws {
        let result = try project(attributes: "\(enterprise):department")
        #expect(result.keys == ["schemas", "id", enterprise])
        #expect(result[enterprise] == ["department": "Tour Operations"])
        let manager = try project(attributes: "\(enterprise):manager.value")
        #expect(manager[enterprise] == ["manager": ["value": "m1"]])
        let unqualified = try project(attributes: "department")
        #expect(unqualified[enterprise] == ["department": "Tour Operations"])
    }

    @Test func attributesSelectsAWholeExtensionByItsURN() throws {
        let result = try project(attributes: enterprise)
        #expect(result[enterprise] == user[enterprise])
    }

    @Test func attributesWinsOverExcludedAttributes() throws {
        let result = try project(attributes: "userName", excluded: "userName")
        #expect(result.keys == ["schemas", "id", "userName"])
    }

    @Test func excludedAttributesRemovesTheListedOnes() throws {
        let result = try project(excluded: "meta,emails,\(enterprise)")
        #expect(result.keys == ["schemas", "id", "externalId", "userName", "name", "active"])
    }

    @Test func excludedAttributesNeverRemovesAlwaysReturnedAttributes() throws {
        let result = try project(excluded: "id,schemas")
        #expect(result == user)
    }

    @Test func excludedAttributesRemovesSubAttributes() throws {
        let result = try project(excluded: "emails.type,emails.primary,name.givenName,\(enterprise):manager.displayName")
        #expect(result["emails"] == [["value": "bjensen@example.com"], ["value": "babs@jensen.org"]])
        #expect(result["name"] == ["familyName": "Jensen"])
        #expect(result[enterprise] == ["department": "Tour Operations", "manager": ["value": "m1"]])
    }

    @Test func excludingEverythingInsideAnObjectDropsIt() throws {
        let result = try project(excluded: "name.givenName,name.familyName,\(enterprise):department,\(enterprise):manager")
        #expect(result["name"] == nil)
        #expect(result[enterprise] == nil)
    }

    @Test func ignoresUnknownNamesAndSchemas() throws {
        #expect(try project(attributes: "nosuch,urn:example:other:1.0:User:userName").keys == ["schemas", "id"])
        #expect(try project(excluded: "nosuch,nosuch.sub,urn:example:other:1.0:User:userName") == user)
        #expect(try project(attributes: "\(SCIMURN.group):displayName").keys == ["schemas", "id"])
    }

    @Test func projectsTeamMembers() throws {
        let values = try project(team, attributes: "displayName,members.value", kind: .group)
        #expect(values["members"] == [["value": "u1"], ["value": "u2"]])
        let noMembers = try project(team, excluded: "members", kind: .group)
        #expect(noMembers.keys == ["schemas", "id", "displayName", "meta"])
    }

    @Test func wantsMembersOnlyWhenMembersWillBeReturned() throws {
        func wants(_ attributes: String?, _ excluded: String?) throws -> Bool {
            try AttributeProjection(attributes: attributes, excludedAttributes: excluded, kind: .group).wantsMembers
        }
        #expect(try wants(nil, nil))
        #expect(try !wants(nil, "members"))
        #expect(try !wants(nil, "MEMBERS,meta"))
        #expect(try wants(nil, "members.display"))
        #expect(try wants(nil, "displayName"))
        #expect(try !wants("displayName", nil))
        #expect(try wants("members", nil))
        #expect(try wants("members.value", nil))
        #expect(try wants("\(SCIMURN.group):members", nil))
        #expect(try !wants("displayName", "displayName"), "attributes wins and does not list members")
    }

    @Test func includesAnswersForPathsWholeAndPartial() throws {
        let projection = try AttributeProjection(attributes: "emails.value,\(enterprise):manager", excludedAttributes: nil, kind: .user)
        #expect(projection.includes(AttributePath(attribute: "id")))
        #expect(projection.includes(AttributePath(attribute: "schemas")))
        #expect(projection.includes(AttributePath(attribute: "emails")))
        #expect(projection.includes(AttributePath(attribute: "emails", subAttribute: "value")))
        #expect(!projection.includes(AttributePath(attribute: "emails", subAttribute: "type")))
        #expect(projection.includes(AttributePath(schema: enterprise, attribute: "manager", subAttribute: "value")))
        #expect(projection.includes(AttributePath(attribute: enterprise)))
        #expect(!projection.includes(AttributePath(schema: enterprise, attribute: "department")))
        #expect(!projection.includes(AttributePath(attribute: "groups")))
        #expect(!projection.includes(AttributePath(attribute: "meta")))

        let excluding = try AttributeProjection(attributes: nil, excludedAttributes: "groups,\(enterprise)", kind: .user)
        #expect(!excluding.includes(AttributePath(attribute: "groups")))
        #expect(!excluding.includes(AttributePath(attribute: "groups", subAttribute: "value")))
        #expect(!excluding.includes(AttributePath(schema: enterprise, attribute: "department")))
        #expect(excluding.includes(AttributePath(attribute: "userName")))
        #expect(excluding.includes(AttributePath(attribute: "id")))
    }

    @Test func rejectsMalformedPathsAsInvalidValue() {
        let cases: [(attributes: String?, excluded: String?, parameter: String, item: String)] = [
            ("userName,name..givenName", nil, "attributes", "name..givenName"),
            (nil, #"emails[type eq "work"]"#, "excludedAttributes", #"emails[type eq "work"]"#),
            ("a.b.c", nil, "attributes", "a.b.c"),
            (nil, "userName desc", "excludedAttributes", "userName desc"),
        ]
        for (attributes, excluded, parameter, item) in cases {
            do {
                _ = try AttributeProjection(attributes: attributes, excludedAttributes: excluded, kind: .user)
                Issue.record("expected \(item) to be rejected")
            } catch {
                #expect(error.status == 400)
                #expect(error.scimType == .invalidValue)
                #expect(error.detail.hasPrefix("The \(parameter) parameter lists '\(item)', which is not an attribute path"), "\(error.detail)")
            }
        }
    }
}
