import SCIM
import Testing

private let enterprise = SCIMURN.enterpriseUser

struct ResourceInputTests {
    // MARK: - Okta bodies

    @Test func oktaCreateUserKeepsProfileAndDropsGroupsPasswordAndSchemas() throws {
        let input = try ResourceInput.canonicalize(FixtureBody.load("okta/create-user"), kind: .user)
        let expected: JSONValue = [
            "userName": "test.user@okta.local",
            "name": ["givenName": "Test", "familyName": "User"],
            "emails": [["primary": true, "value": "test.user@okta.local", "type": "work"]],
            "displayName": "Test User",
            "locale": "en-US",
            "externalId": "00ujl29u0le5T6Aj10h7",
            "active": true,
        ]
        #expect(JSONValue.object(input.attributes) == expected)
        #expect(input.members == nil)
        #expect(input.bodyID == nil)
    }

    @Test func oktaPutUserIgnoresIdMetaGroupsAndPasswordButReportsTheBodyID() throws {
        let input = try ResourceInput.canonicalize(FixtureBody.load("okta/put-user"), kind: .user)
        let expected: JSONValue = [
            "userName": "test.user@okta.local",
            "name": ["givenName": "Another", "middleName": "Excited", "familyName": "User"],
            "emails": [
                ["primary": true, "value": "test.user@okta.local", "type": "work", "display": "test.user@okta.local"]
            ],
            "active": true,
            "externalId": "00ujl29u0le5T6Aj10h7",
        ]
        #expect(JSONValue.object(input.attributes) == expected)
        #expect(input.bodyID == "23a35c27-23d3-4c03-b4c5-6443c09e7173")
    }

    @Test func emptyValuesMeanAbsentAndEmptyPhoneEntriesAreDropped() throws {
        // Okta's default mapping sends a second phone {"value":"","type":""} and empty optional values (C9337).
        let input = try ResourceInput.canonicalize(FixtureBody.load("okta/create-user-phones"), kind: .user)
        #expect(input.attributes["name"] == ["givenName": "Run", "familyName": "Scope"])
        #expect(input.attributes["phoneNumbers"] == [["primary": true, "value": "415.123.4567", "type": "work"]])
        #expect(input.attributes["nickName"] == nil)
        #expect(input.attributes[enterprise] == ["department": "R&D"])
        #expect(input.attributes["userName"] == "Runscope042Abcdefgh123@atko.com")
        #expect(input.attributes.keys.contains("schemas") == false)
    }

    @Test func oktaCreateGroupHasAnEmptyMemberList() throws {
        let input = try ResourceInput.canonicalize(FixtureBody.load("okta/create-group"), kind: .group)
        #expect(JSONValue.object(input.attributes) == ["displayName": "Test SCIMv2"])
        #expect(input.members == [])
    }

    @Test func oktaPutGroupGivesMembersWithTheirDisplayAndKeepsThemOutOfAttributes() throws {
        let input = try ResourceInput.canonicalize(FixtureBody.load("okta/put-group"), kind: .group)
        #expect(JSONValue.object(input.attributes) == ["displayName": "Test SCIMv2"])
        #expect(input.members == [MemberRef(value: "23a35c27-23d3-4c03-b4c5-6443c09e7173", display: "test.user@okta.local")])
        #expect(input.bodyID == "abf4dd94-a4c0-4f67-89c9-76b03340cb9b")
    }

    // MARK: - Entra bodies

    @Test func entraCreateUserGetsCanonicalNamesBooleansAndExtension() throws {
        let input = try ResourceInput.canonicalize(FixtureBody.load("entra/create-user"), kind: .user)
        let expected: JSONValue = [
            "userName": "UserName123",
            "active": true,
            "displayName": "BobIsAmazing",
            "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
            "name": ["formatted": "Ryan Leenay", "familyName": "Leenay", "givenName": "Ryan"],
            "emails": [
                ["primary": true, "type": "work", "value": "testing@bob.com"],
                ["primary": false, "type": "home", "value": "testinghome@bob.com"],
            ],
            enterprise: [
                "department": "Marketing",
                "manager": ["value": "6c5bb2fb-47bb-4e62-8f33-4d5b9e3d9b5f"],
                "employeeNumber": "701984",
            ],
        ]
        #expect(JSONValue.object(input.attributes) == expected)
    }

    @Test(arguments: ["True", "true", "TRUE", "False", "false", "fAlSe"])
    func booleanStringsInAnyCaseBecomeBooleans(_ text: String) throws {
        let input = try ResourceInput.canonicalize(["userName": "a", "active": .string(text)], kind: .user)
        #expect(input.attributes["active"] == .bool(text.lowercased() == "true"))
    }

    // MARK: - Names, extensions, leniency

    @Test func fullURNKeysMergeIntoTheExtensionObject() throws {
        let body: JSONValue = [
            "\(enterprise):department": "Sales",
            enterprise.uppercased(): ["costCenter": "4130"],
            "urn:ietf:params:scim:schemas:core:2.0:User:userName": "jane@example.com",
        ]
        let input = try ResourceInput.canonicalize(body, kind: .user)
        #expect(
            JSONValue.object(input.attributes) == [
                enterprise: ["department": "Sales", "costCenter": "4130"], "userName": "jane@example.com",
            ]
        )
    }

    @Test func unknownAttributesAndExtensionsAreDropped() throws {
        let body: JSONValue = [
            "userName": "jane@example.com",
            "favouriteColour": "teal",
            "name": ["givenName": "Jane", "nickname": "JJ"],
            "urn:ietf:params:scim:schemas:extension:okta:2.0:User": ["isAdmin": true],
            "urn:ietf:params:scim:schemas:extension:okta:2.0:User:isAdmin": true,
        ]
        let input = try ResourceInput.canonicalize(body, kind: .user)
        #expect(JSONValue.object(input.attributes) == ["userName": "jane@example.com", "name": ["givenName": "Jane"]])
    }

    @Test func readOnlySubAttributesAreIgnored() throws {
        let body: JSONValue = [
            "userName": "jane@example.com",
            enterprise: ["manager": ["value": "m-1", "displayName": "The Boss"]],
        ]
        let input = try ResourceInput.canonicalize(body, kind: .user)
        #expect(input.attributes[enterprise] == ["manager": ["value": "m-1"]])
    }

    @Test func aUsersGroupsAndATeamsUnknownKeysAreIgnored() throws {
        let user = try ResourceInput.canonicalize(
            [
                "userName": "jane@example.com", "groups": [["value": "g-1", "display": "Admins"]],
                "members": [["value": "x"]],
            ],
            kind: .user
        )
        #expect(JSONValue.object(user.attributes) == ["userName": "jane@example.com"])
        #expect(user.members == nil)
        let group = try ResourceInput.canonicalize(
            ["displayName": "Ops", "userName": "nope", "password": "x"],
            kind: .group
        )
        #expect(JSONValue.object(group.attributes) == ["displayName": "Ops"])
    }

    @Test func aSingleObjectForAMultiValuedAttributeIsWrapped() throws {
        let input = try ResourceInput.canonicalize(
            ["userName": "a", "emails": ["value": "a@example.com", "type": "work"]],
            kind: .user
        )
        #expect(input.attributes["emails"] == [["value": "a@example.com", "type": "work"]])
    }

    @Test func emptyMultiValuedAttributesAreAbsent() throws {
        let input = try ResourceInput.canonicalize(
            ["userName": "a", "emails": [], "roles": nil, "addresses": [["type": "work"]]],
            kind: .user
        )
        #expect(JSONValue.object(input.attributes) == ["userName": "a"])
    }

    @Test func dottedKeysWriteSubAttributes() throws {
        let input = try ResourceInput.canonicalize(
            ["userName": "a", "name": ["givenName": "A"], "name.familyName": "B"],
            kind: .user
        )
        #expect(input.attributes["name"] == ["givenName": "A", "familyName": "B"])
    }

    // MARK: - Members

    @Test func membersNeedOnlyAValueAndAreDeduplicated() throws {
        let body: JSONValue = [
            "displayName": "Ops",
            "members": [
                ["value": "u-1"], ["value": "u-2", "display": "Two", "type": "User", "$ref": "https://x/Users/u-2"],
                ["value": "u-1"],
            ],
        ]
        #expect(
            try ResourceInput.canonicalize(body, kind: .group).members == [
                MemberRef(value: "u-1"), MemberRef(value: "u-2", display: "Two"),
            ]
        )
    }

    @Test func aRepeatedMemberKeepsItsFirstPositionAndItsLastDisplay() throws {
        let body: JSONValue = [
            "displayName": "Ops",
            "members": [
                ["value": "u-1", "display": "One"], ["value": "u-2"], ["value": "u-1", "display": "one@example.com"],
                ["value": "u-1"], ["value": "u-2", "display": nil],
            ],
        ]
        #expect(
            try ResourceInput.canonicalize(body, kind: .group).members == [
                MemberRef(value: "u-1", display: "one@example.com"), MemberRef(value: "u-2"),
            ]
        )
    }

    @Test func anEmptyOrNullDisplayMeansNone() throws {
        let body: JSONValue = ["displayName": "Ops", "members": [["value": "u-1", "display": ""], ["value": "u-2", "display": nil]]]
        #expect(try ResourceInput.canonicalize(body, kind: .group).members == [MemberRef(value: "u-1"), MemberRef(value: "u-2")])
    }

    @Test func aDisplayThatIsNotAStringIsRejected() {
        expectSCIMError(.invalidValue, detailContains: "members[0].display must be a string", #"got {"name":"x"}"#) {
            _ = try ResourceInput.canonicalize(
                ["displayName": "Ops", "members": [["value": "u-1", "display": ["name": "x"]]]],
                kind: .group
            )
        }
    }

    @Test func nullMembersMeanNoMemberList() throws {
        #expect(try ResourceInput.canonicalize(["displayName": "Ops", "members": nil], kind: .group).members == nil)
    }

    @Test func aSingleMemberObjectIsAccepted() throws {
        #expect(
            try ResourceInput.canonicalize(["displayName": "Ops", "members": ["value": "u-1"]], kind: .group).members
                == [MemberRef(value: "u-1")]
        )
    }

    @Test func aMemberWithoutAValueIsRejected() {
        expectSCIMError(.invalidValue, detailContains: "members[1].value", "SCIM User id", "nothing") {
            _ = try ResourceInput.canonicalize(
                ["displayName": "Ops", "members": [["value": "u-1"], ["display": "Two"]]],
                kind: .group
            )
        }
        expectSCIMError(.invalidValue, detailContains: "members[0].value", "got 7") {
            _ = try ResourceInput.canonicalize(["displayName": "Ops", "members": [["value": 7]]], kind: .group)
        }
    }

    @Test func aMemberThatIsNotAnObjectIsRejected() {
        expectSCIMError(.invalidValue, detailContains: "members[0] must be an object", "\"u-1\"") {
            _ = try ResourceInput.canonicalize(["displayName": "Ops", "members": ["u-1"]], kind: .group)
        }
    }

    // MARK: - Errors

    @Test func aBodyThatIsNotAnObjectIsInvalidSyntax() {
        expectSCIMError(.invalidSyntax, detailContains: "must be a JSON object", "[1,2]") {
            _ = try ResourceInput.canonicalize([1, 2], kind: .user)
        }
    }

    @Test func wrongTypesNameTheAttributeTheValueAndTheExpectedType() {
        expectSCIMError(.invalidValue, detailContains: "userName must be a string; got 42") {
            _ = try ResourceInput.canonicalize(["userName": 42], kind: .user)
        }
        expectSCIMError(.invalidValue, detailContains: "active must be a boolean (true or false); got \"yes\"") {
            _ = try ResourceInput.canonicalize(["userName": "a", "active": "yes"], kind: .user)
        }
        expectSCIMError(.invalidValue, detailContains: "name must be an object", "got [\"Bob\"]") {
            _ = try ResourceInput.canonicalize(["userName": "a", "name": ["Bob"]], kind: .user)
        }
        expectSCIMError(.invalidValue, detailContains: "emails[1].value must be a string; got true") {
            _ = try ResourceInput.canonicalize(
                ["userName": "a", "emails": [["value": "a@b.c"], ["value": true]]],
                kind: .user
            )
        }
        expectSCIMError(.invalidValue, detailContains: "name.givenName must be a string; got {\"first\":\"A\"}") {
            _ = try ResourceInput.canonicalize(["userName": "a", "name": ["givenName": ["first": "A"]]], kind: .user)
        }
        expectSCIMError(.invalidValue, detailContains: "\(enterprise) must be an object", "got \"Sales\"") {
            _ = try ResourceInput.canonicalize(["userName": "a", enterprise: "Sales"], kind: .user)
        }
    }

    @Test func longValuesAreShortenedInDetails() {
        let long = String(repeating: "x", count: 200)
        let error = expectSCIMError(.invalidValue, detailContains: "displayName must be a string", "…") {
            _ = try ResourceInput.canonicalize(["displayName": [.string(long)]], kind: .group)
        }
        #expect((error?.detail.count ?? 0) < 150)
    }
}
