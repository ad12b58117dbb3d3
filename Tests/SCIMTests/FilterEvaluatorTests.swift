import Foundation
import SCIM
import Testing

private let enterprise = SCIMURN.enterpriseUser

/// Babs Jensen as `SCIMResource.json(baseURL:)` writes her: id, externalId, meta with string dates,
/// the enterprise extension under its URN.
private let babs: JSONObject = {
    let attributes = object([
        "userName": "bjensen@example.com",
        "externalId": "00u1AbC",
        "name": ["givenName": "Barbara", "familyName": "O'Malley"],
        "displayName": "Babs Jensen",
        "title": "Tour Guide",
        "userType": "Employee",
        "active": true,
        "emails": [
            ["value": "bjensen@example.com", "type": "work", "primary": true],
            ["value": "babs@jensen.org", "type": "home"],
        ],
        "ims": [["value": "babs@xmpp.example", "type": "xmpp"]],
        "phoneNumbers": [],
        "nickName": "",
        "locale": nil,
        enterprise: [
            "employeeNumber": "701984",
            "department": "Tour Operations",
            "manager": ["value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"],
        ],
    ])
    let created = SCIMDateTime.parse("2011-05-13T04:42:34Z")!
    let modified = SCIMDateTime.parse("2011-08-01T18:29:49.793Z")!
    let resource = SCIMResource(
        kind: .user, id: "2819c223-7f76-453a-919d-413861904646", attributes: attributes,
        meta: ResourceMeta(created: created, lastModified: modified, version: 3),
        groups: [GroupRef(value: "e9e30dba-f08f-4109-8486-d5c6a331660a", display: "Tour Guides")])
    return resource.json(baseURL: "https://example.com/scim/v2")
}()

/// A JSONObject from a dictionary literal (JSONValue has the literal conformance, JSONObject does not).
private func object(_ value: JSONValue) -> JSONObject {
    value.objectValue ?? JSONObject()
}

private func matches(_ filter: String, _ object: JSONObject = babs, kind: ResourceKind = .user) throws -> Bool {
    FilterEvaluator.matches(try FilterParser.parse(filter), object, kind: kind)
}

struct FilterEvaluatorTests {
    @Test func comparesStringsWithoutRegardToCase() throws {
        #expect(try matches(#"userName eq "bjensen@example.com""#))
        #expect(try matches(#"userName eq "BJENSEN@Example.COM""#))
        #expect(try matches(#"displayName sw "babs""#))
        #expect(try matches(#"displayName ew "JENSEN""#))
        #expect(try matches(#"displayName co "S J""#))
        #expect(try matches(#"name.familyName co "o'mal""#))
        #expect(try !matches(#"userName eq "bjensen""#))
        #expect(try !matches(#"displayName sw "Jensen""#))
    }

    @Test func foldsNonASCIIText() throws {
        let user = object(["userName": "straße@example.com", "displayName": "JOSÉ"])
        #expect(try matches(#"userName eq "STRASSE@example.com""#, user))
        #expect(try matches(#"displayName eq "josé""#, user))
    }

    @Test func honoursCaseExactAttributes() throws {
        #expect(try matches(#"id eq "2819c223-7f76-453a-919d-413861904646""#))
        #expect(try !matches(#"id eq "2819C223-7F76-453A-919D-413861904646""#))
        #expect(try matches(#"externalId eq "00u1AbC""#))
        #expect(try !matches(#"externalId eq "00u1abc""#))
        #expect(try matches(#"\#(enterprise):manager.value sw "26118915""#))
        #expect(try !matches(#"meta.resourceType eq "user""#))
    }

    @Test func comparesDatesAsInstants() throws {
        #expect(try matches(#"meta.lastModified gt "2011-05-13T04:42:34Z""#))
        #expect(try matches(#"meta.created eq "2011-05-13T06:42:34+02:00""#))
        #expect(try matches(#"meta.created ge "2011-05-13T04:42:34Z""#))
        #expect(try matches(#"meta.created le "2011-05-13T04:42:34.000Z""#))
        #expect(try !matches(#"meta.created lt "2011-05-13T04:42:34Z""#))
        #expect(try matches(#"meta.lastModified lt "2011-08-01T18:29:50Z""#))
        #expect(try !matches(#"meta.lastModified gt "2012-01-01T00:00:00Z""#))
    }

    @Test func comparesBooleansAndNumbers() throws {
        #expect(try matches("active eq true"))
        #expect(try !matches("active eq false"))
        #expect(try matches("active ne false"))
        #expect(try matches(#"active eq "True""#))
        #expect(try !matches(#"active gt "false""#), "booleans have no order")
        let scored = object(["score": 7, "badge": "42"])
        #expect(try matches("score gt 6.5", scored))
        #expect(try matches("score le 7", scored))
        #expect(try !matches("score lt 7", scored))
        #expect(try matches("score eq 7", scored))
        #expect(try matches(#"score ge "7""#, scored))
        #expect(try matches("badge eq 42", scored), "a text value filtered with an unquoted number")
        #expect(try !matches("score co 7", scored))
    }

    @Test func matchesMultiValuedAttributesThroughAnyValue() throws {
        #expect(try matches(#"emails co "jensen.org""#))
        #expect(try matches(#"emails eq "BABS@jensen.org""#))
        #expect(try matches(#"emails.value ew "@example.com""#))
        #expect(try matches(#"emails.type eq "home""#))
        #expect(try !matches(#"emails.type eq "other""#))
        #expect(try matches(#"schemas eq "\#(enterprise)""#))
        #expect(try matches(#"groups.display eq "tour guides""#))
    }

    @Test func evaluatesValuePaths() throws {
        #expect(try matches(#"emails[type eq "work" and value co "@example.com"]"#))
        #expect(try !matches(#"emails[type eq "home" and value co "@example.com"]"#))
        #expect(try matches(#"emails[primary eq true]"#))
        #expect(try matches(#"emails[not (type eq "work")]"#))
        #expect(try !matches(#"ims[type eq "xmpp" and value co "@foo.com"]"#))
        #expect(try matches(#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#))
        #expect(try matches(#"schemas[value eq "\#(SCIMURN.user)"]"#))
        #expect(try !matches(#"phoneNumbers[type eq "work"]"#))
    }

    @Test func testsPresence() throws {
        #expect(try matches("title pr"))
        #expect(try matches("emails pr"))
        #expect(try matches("name.givenName pr"))
        #expect(try matches("\(enterprise) pr"))
        #expect(try !matches("phoneNumbers pr"), "an empty array is unassigned")
        #expect(try !matches("nickName pr"), "an empty string is unassigned")
        #expect(try !matches("locale pr"), "null is unassigned")
        #expect(try !matches("timezone pr"), "absent")
        #expect(try !matches("name.middleName pr"))
        #expect(try !matches("undefinedThing pr"))
    }

    @Test func treatsNullAndNeAsAbsence() throws {
        #expect(try matches("timezone eq null"))
        #expect(try matches("nickName eq null"))
        #expect(try !matches("title eq null"))
        #expect(try matches("title ne null"))
        #expect(try matches(#"timezone ne "Europe/Zurich""#))
        #expect(try !matches(#"timezone eq "Europe/Zurich""#))
        #expect(try !matches(#"emails ne "babs@jensen.org""#), "ne is not (eq) over all values")
        #expect(try matches(#"emails ne "nobody@example.com""#))
    }

    @Test func resolvesExtensionAttributes() throws {
        #expect(try matches(#"\#(enterprise):department eq "tour operations""#))
        #expect(try matches(#"\#(enterprise):manager.displayName sw "john""#))
        #expect(try matches(#"department eq "Tour Operations""#), "an unqualified extension name")
        #expect(try matches(#"\#(SCIMURN.user):userName sw "BJ""#))
        #expect(try !matches(#"\#(SCIMURN.group):displayName pr"#), "another resource type's schema")
        #expect(try !matches(#"urn:example:other:1.0:User:department pr"#))
    }

    @Test func combinesWithLogicalOperators() throws {
        #expect(try matches(#"title pr and userType eq "Employee""#))
        #expect(try matches(#"title pr or userType eq "Intern""#))
        #expect(try !matches(#"userType eq "Intern" or not (title pr)"#))
        #expect(try matches(#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#))
        #expect(try !matches(#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#))
        #expect(try matches(#"userType eq "Employee" and (emails.type eq "work")"#))
    }

    @Test func evaluatesTeamsAndTheirMembers() throws {
        let team = SCIMResource(
            kind: .group, id: "e9e30dba", attributes: object(["displayName": "Test SCIMv2", "externalId": "00g1"]),
            meta: ResourceMeta(created: Date(timeIntervalSince1970: 0), lastModified: Date(timeIntervalSince1970: 0), version: 1),
            members: [MemberRef(value: "2819c223", display: "Babs Jensen"), MemberRef(value: "902c246b", display: "Mandy Pepperidge")]
        ).json(baseURL: "https://example.com/scim/v2")
        #expect(try matches(#"displayName eq "test scimv2""#, team, kind: .group))
        #expect(try matches(#"members[value eq "902c246b"]"#, team, kind: .group))
        #expect(try !matches(#"members[value eq "902C246B"]"#, team, kind: .group), "members.value is caseExact")
        #expect(try matches(#"members.display co "pepper""#, team, kind: .group))
    }

    @Test func evaluatesRelativeFiltersAgainstSubObjects() throws {
        let memberDefinitions = try #require(CoreSchemas.group.attribute(named: "members")).subAttributes
        let member = object(["value": "2819c223", "display": "Babs Jensen", "type": "User"])
        func check(_ filter: String) throws -> Bool {
            FilterEvaluator.matches(try FilterParser.parse(filter), member, attributes: memberDefinitions)
        }
        #expect(try check(#"value eq "2819c223" and display co "babs""#))
        #expect(try !check(#"value eq "2819C223""#))
        #expect(try check(#"type eq "user""#), "members.type is not caseExact")
        #expect(try check(#"$ref eq null"#))
        #expect(try !check("unknown pr"))
    }
}
