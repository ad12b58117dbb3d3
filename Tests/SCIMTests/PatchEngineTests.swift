import SCIM
import Testing

private let enterprise = SCIMURN.enterpriseUser

/// The user of Okta's R3 as Roster stores it, plus a title.
let oktaStoredUser = storedResource(
    .user,
    [
        "userName": "test.user@okta.local",
        "name": ["givenName": "Test", "familyName": "User"],
        "emails": [["primary": true, "value": "test.user@okta.local", "type": "work"]],
        "displayName": "Test User",
        "externalId": "00ujl29u0le5T6Aj10h7",
        "active": true,
        "title": "Engineer",
    ]
)

/// Parses `body` as a PATCH and applies it, as the server does.
func applyPatch(_ body: JSONValue, to resource: SCIMResource) throws -> PatchResult {
    try PatchEngine.apply(PatchRequest.parse(body), to: resource)
}

/// A one-operation PATCH body.
func patchBody(_ op: String, _ path: String? = nil, _ value: JSONValue? = nil) -> JSONValue {
    var operation = JSONObject([("op", .string(op))])
    if let path { operation["path"] = .string(path) }
    if let value { operation["value"] = value }
    return ["Operations": [.object(operation)]]
}

/// `oktaStoredUser`'s attributes with `changes` applied (nil removes).
func oktaUser(with changes: [(String, JSONValue?)]) -> JSONObject {
    var attributes = oktaStoredUser.attributes
    for (key, value) in changes { attributes[key] = value }
    return attributes
}

struct PatchEngineTests {
    // MARK: - Okta user PATCHes (R6)

    @Test func oktaDeactivationSetsActiveFalseAndNothingElse() throws {
        let result = try applyPatch(FixtureBody.load("okta/deactivate-user"), to: oktaStoredUser)
        #expect(result.attributes == oktaUser(with: [("active", false)]))
        #expect(result.membership.isEmpty)
    }

    @Test func oktaReactivationSetsActiveTrue() throws {
        let inactive = storedResource(.user, .object(oktaUser(with: [("active", false)])))
        let result = try applyPatch(FixtureBody.load("okta/reactivate-user"), to: inactive)
        #expect(result.attributes == oktaStoredUser.attributes)
    }

    @Test func passwordSyncIsAcceptedAndDiscarded() throws {
        #expect(
            try applyPatch(FixtureBody.load("okta/password-sync"), to: oktaStoredUser).attributes
                == oktaStoredUser.attributes
        )
        #expect(
            try applyPatch(patchBody("replace", "password", "s3cret!"), to: oktaStoredUser).attributes
                == oktaStoredUser.attributes
        )
    }

    // MARK: - Entra user PATCHes

    @Test func entraDisablesWithTheStringFalse() throws {
        let result = try applyPatch(FixtureBody.load("entra/disable-user"), to: oktaStoredUser)
        #expect(result.attributes["active"] == false)
    }

    @Test func entraPathFormsUpdateEmailNameCreateMobileSetManagerAndRemoveTitle() throws {
        let result = try applyPatch(FixtureBody.load("entra/update-user-paths"), to: oktaStoredUser)
        let expected: JSONValue = [
            "userName": "test.user@okta.local",
            "name": ["givenName": "Test", "familyName": "updatedFamilyName"],
            "emails": [["primary": true, "value": "updatedEmail@microsoft.com", "type": "work"]],
            "displayName": "Test User",
            "externalId": "00ujl29u0le5T6Aj10h7",
            "active": true,
            "phoneNumbers": [["type": "mobile", "value": "+1 5551234567"]],
            enterprise: ["manager": ["value": "2819c223-7f76-453a-919d-413861904646"]],
        ]
        #expect(JSONValue.object(result.attributes) == expected)
    }

    @Test func entraDottedKeysInAPathlessReplace() throws {
        let result = try applyPatch(FixtureBody.load("entra/update-user-dotted-keys"), to: oktaStoredUser)
        #expect(result.attributes["name"] == ["givenName": "Barbara", "familyName": "Jensen"])
        #expect(result.attributes["displayName"] == "Babs Jensen")
        #expect(result.attributes["active"] == true)
        #expect(result.attributes["userName"] == "test.user@okta.local")
    }

    @Test func entraFullURNKeysInAPathlessAdd() throws {
        let result = try applyPatch(FixtureBody.load("entra/update-user-urn-keys"), to: oktaStoredUser)
        #expect(
            result.attributes[enterprise]
                == ["department": "Tour Operations", "manager": ["value": "26118915-6090-4610-87e4-49d8ca9f808d"]]
        )
        #expect(result.attributes["title"] == "Tour Guide")
    }

    // MARK: - Pathless values

    @Test func readOnlyKeysInAPathlessValueAreIgnored() throws {
        let value: JSONValue = [
            "id": "someone-else", "schemas": [.string(SCIMURN.user)], "meta": ["resourceType": "User"],
            "groups": [["value": "g-1"]], "password": "x", "nickName": "Testy", "favouriteColour": "teal",
        ]
        let result = try applyPatch(patchBody("replace", nil, value), to: oktaStoredUser)
        #expect(result.attributes == oktaUser(with: [("nickName", "Testy")]))
    }

    @Test func aFilteredPathAsAPathlessKeyIsApplied() throws {
        let result = try applyPatch(
            patchBody("add", nil, [#"emails[type eq "home"].value"#: "home@example.com"]),
            to: oktaStoredUser
        )
        #expect(
            result.attributes["emails"]
                == [
                    ["primary": true, "value": "test.user@okta.local", "type": "work"],
                    ["type": "home", "value": "home@example.com"],
                ]
        )
    }

    @Test func aPathlessAddMergesIntoAComplexAttribute() throws {
        let result = try applyPatch(patchBody("add", nil, ["name": ["middleName": "Q"]]), to: oktaStoredUser)
        #expect(result.attributes["name"] == ["givenName": "Test", "familyName": "User", "middleName": "Q"])
    }

    @Test func aPathlessValueThatIsNotAnObjectIsRejected() {
        expectSCIMError(.invalidValue, detailContains: "Operations[0] (replace): ", "needs an object", "got false") {
            _ = try applyPatch(patchBody("replace", nil, false), to: oktaStoredUser)
        }
    }

    // MARK: - Single-valued attributes

    @Test func replacingAComplexAttributeKeepsSubAttributesNotMentioned() throws {
        let result = try applyPatch(patchBody("replace", "name", ["givenName": "Tess"]), to: oktaStoredUser)
        #expect(result.attributes["name"] == ["givenName": "Tess", "familyName": "User"])
    }

    @Test func emptyValuesClearOptionalAttributes() throws {
        #expect(
            try applyPatch(patchBody("replace", "title", ""), to: oktaStoredUser).attributes
                == oktaUser(with: [("title", nil)])
        )
        #expect(
            try applyPatch(patchBody("replace", nil, ["title": nil]), to: oktaStoredUser).attributes
                == oktaUser(with: [("title", nil)])
        )
        let cleared = try applyPatch(
            patchBody("replace", "name", ["givenName": "", "familyName": nil]),
            to: oktaStoredUser
        )
        #expect(cleared.attributes["name"] == nil)
    }

    @Test func removingSubAttributes() throws {
        let once = try applyPatch(patchBody("remove", "name.givenName"), to: oktaStoredUser)
        #expect(once.attributes["name"] == ["familyName": "User"])
        let twice = try PatchEngine.apply(
            PatchRequest(operations: [
                PatchOperation(
                    op: .remove,
                    path: PatchPath(attribute: AttributePath(attribute: "name", subAttribute: "givenName"))
                ),
                PatchOperation(
                    op: .remove,
                    path: PatchPath(attribute: AttributePath(attribute: "NAME", subAttribute: "FamilyName"))
                ),
            ]),
            to: oktaStoredUser
        )
        #expect(twice.attributes["name"] == nil)
    }

    @Test func removingAnAbsentAttributeIsANoOp() throws {
        #expect(
            try applyPatch(patchBody("remove", "nickName"), to: oktaStoredUser).attributes == oktaStoredUser.attributes
        )
    }

    @Test func attributeNamesInPathsAreCaseInsensitiveAndStoredCanonically() throws {
        let result = try applyPatch(patchBody("replace", "DISPLAYNAME", "T. User"), to: oktaStoredUser)
        #expect(result.attributes == oktaUser(with: [("displayName", "T. User")]))
        #expect(result.attributes.keys.contains("displayName"))
    }

    // MARK: - Extensions

    @Test func theWholeExtensionAsAPath() throws {
        let added = try applyPatch(
            patchBody("add", enterprise, ["department": "Sales", "organization": ""]),
            to: oktaStoredUser
        )
        #expect(added.attributes[enterprise] == ["department": "Sales"])
        let merged = try applyPatch(
            patchBody("replace", enterprise, ["costCenter": "4130"]),
            to: storedResource(.user, .object(added.attributes))
        )
        #expect(merged.attributes[enterprise] == ["department": "Sales", "costCenter": "4130"])
        let removed = try applyPatch(
            patchBody("remove", enterprise),
            to: storedResource(.user, .object(merged.attributes))
        )
        #expect(removed.attributes == oktaStoredUser.attributes)
    }

    @Test func removingTheLastExtensionAttributeRemovesTheExtension() throws {
        let user = storedResource(.user, ["userName": "a", enterprise: ["department": "Sales"]])
        let result = try applyPatch(patchBody("remove", "\(enterprise):department"), to: user)
        #expect(JSONValue.object(result.attributes) == ["userName": "a"])
    }

    @Test func attributesOfAnExtensionRosterDoesNotServeAreIgnored() throws {
        let result = try applyPatch(
            patchBody("replace", "urn:ietf:params:scim:schemas:extension:okta:2.0:User:isAdmin", true),
            to: oktaStoredUser
        )
        #expect(result.attributes == oktaStoredUser.attributes)
    }

    // MARK: - Errors

    @Test(arguments: [
        "id", "meta", "meta.created", "schemas", "groups",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName",
    ])
    func readOnlyTargetsAreRefused(_ path: String) {
        expectSCIMError(.mutability, detailContains: "Operations[0] (replace ", "is read-only") {
            _ = try applyPatch(patchBody("replace", path, "x"), to: oktaStoredUser)
        }
    }

    @Test func removingTheUserNameIsRefused() {
        expectSCIMError(
            .mutability,
            detailContains: "Operations[0] (remove userName): userName is required and cannot be removed"
        ) {
            _ = try applyPatch(patchBody("remove", "userName"), to: oktaStoredUser)
        }
    }

    @Test func unknownAttributesOfServedSchemasAreInvalidPaths() {
        expectSCIMError(.invalidPath, detailContains: "favouriteColour is not an attribute of a User", "userName") {
            _ = try applyPatch(patchBody("add", "favouriteColour", "teal"), to: oktaStoredUser)
        }
        expectSCIMError(.invalidPath, detailContains: "name.nickname is not an attribute of a User") {
            _ = try applyPatch(patchBody("replace", "name.nickname", "T"), to: oktaStoredUser)
        }
        expectSCIMError(.invalidPath, detailContains: "members is not an attribute of a User") {
            _ = try applyPatch(patchBody("add", "members", [["value": "u-1"]]), to: oktaStoredUser)
        }
    }

    @Test func wrongTypesNameTheOperationAndTheAttribute() {
        expectSCIMError(
            .invalidValue,
            detailContains: "Operations[0] (replace active): active must be a boolean (true or false); got \"maybe\""
        ) {
            _ = try applyPatch(patchBody("replace", "active", "maybe"), to: oktaStoredUser)
        }
        expectSCIMError(.invalidValue, detailContains: "name.givenName must be a string; got 3") {
            _ = try applyPatch(patchBody("add", nil, ["name.givenName": 3]), to: oktaStoredUser)
        }
    }

    @Test func aFailingOperationFailsTheWholeRequestAndNamesItsIndex() {
        let body: JSONValue = [
            "Operations": [
                ["op": "replace", "path": "title", "value": "CTO"],
                ["op": "replace", "path": "active", "value": "maybe"],
            ]
        ]
        expectSCIMError(.invalidValue, detailContains: "Operations[1] (replace active)") {
            _ = try applyPatch(body, to: oktaStoredUser)
        }
    }

    @Test func aFilterOnASingleValuedAttributeIsAnInvalidPath() {
        expectSCIMError(.invalidPath, detailContains: "applies only to a multi-valued attribute", "name is not one") {
            _ = try applyPatch(
                patchBody("replace", #"name[givenName eq "Test"]"#, ["givenName": "T"]),
                to: oktaStoredUser
            )
        }
    }

    @Test func aHandBuiltRemoveWithoutPathIsNoTarget() {
        expectSCIMError(.noTarget, detailContains: "remove needs a \"path\"") {
            _ = try PatchEngine.apply(PatchRequest(operations: [PatchOperation(op: .remove)]), to: oktaStoredUser)
        }
    }
}
