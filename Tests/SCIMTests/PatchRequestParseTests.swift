import SCIM
import Testing

struct PatchRequestParseTests {
    @Test func oktaDeactivationIsAPathlessReplace() throws {
        let request = try PatchRequest.parse(FixtureBody.load("okta/deactivate-user"))
        #expect(request.operations == [PatchOperation(op: .replace, value: ["active": false])])
    }

    @Test func oktaRenameWithoutSchemasIsAccepted() throws {
        let request = try PatchRequest.parse(FixtureBody.load("okta/rename-group-no-schemas"))
        #expect(
            request.operations == [
                PatchOperation(
                    op: .replace,
                    value: ["id": "abf4dd94-a4c0-4f67-89c9-76b03340cb9b", "displayName": "Renamed SCIMv2"]
                )
            ]
        )
    }

    @Test func oktaMembershipDeltaParsesFilteredRemovesAndAnAdd() throws {
        let request = try PatchRequest.parse(FixtureBody.load("okta/membership-delta"))
        #expect(request.operations.map(\.op) == [.remove, .remove, .add])
        #expect(
            request.operations[0].path
                == PatchPath(
                    attribute: AttributePath(attribute: "members"),
                    valueFilter: .compare(
                        AttributePath(attribute: "value"),
                        .eq,
                        .string("89bb1940-b905-4575-9e7f-6f887cfb368e")
                    )
                )
        )
        #expect(request.operations[0].value == nil)
        #expect(request.operations[2].path == PatchPath(attribute: AttributePath(attribute: "members")))
        #expect(request.operations[2].value?.arrayValue?.count == 2)
    }

    @Test func entraCapitalisedOpsAreRead() throws {
        let request = try PatchRequest.parse(FixtureBody.load("entra/update-user-paths"))
        #expect(request.operations.map(\.op) == [.replace, .replace, .add, .add, .remove])
        #expect(request.operations[0].path?.description == #"emails[type eq "work"].value"#)
        #expect(
            request.operations[3].path?.attribute == AttributePath(schema: SCIMURN.enterpriseUser, attribute: "manager")
        )
    }

    @Test func entraRemoveKeepsItsValue() throws {
        let request = try PatchRequest.parse(FixtureBody.load("entra/remove-members-with-value"))
        #expect(request.operations.first?.op == .remove)
        #expect(request.operations.first?.value?.arrayValue?.count == 2)
    }

    @Test func operationsKeyAndOpAreReadWithoutRegardToCase() throws {
        let request = try PatchRequest.parse(["operations": [["OP": "REPLACE", "PATH": "title", "VALUE": "CTO"]]])
        #expect(
            request.operations == [
                PatchOperation(
                    op: .replace,
                    path: PatchPath(attribute: AttributePath(attribute: "title")),
                    value: "CTO"
                )
            ]
        )
    }

    @Test func nullValueAndEmptyPathAreAccepted() throws {
        let request = try PatchRequest.parse([
            "Operations": [
                ["op": "replace", "path": "title", "value": nil], ["op": "add", "path": "", "value": ["title": "x"]],
            ]
        ])
        #expect(request.operations[0].value == .null)
        #expect(request.operations[1].path == nil)
    }

    @Test func schemasAsASingleStringIsAccepted() throws {
        let request = try PatchRequest.parse([
            "schemas": .string(SCIMURN.patchOp), "Operations": [["op": "add", "path": "title", "value": "x"]],
        ])
        #expect(request.operations.count == 1)
    }

    // MARK: - Errors

    @Test func schemasWithoutThePatchOpURNIsRejected() {
        expectSCIMError(.invalidSyntax, detailContains: "must contain", SCIMURN.patchOp, SCIMURN.user) {
            _ = try PatchRequest.parse([
                "schemas": [.string(SCIMURN.user)], "Operations": [["op": "add", "path": "title", "value": "x"]],
            ])
        }
    }

    @Test func theBodyMustBeAnObjectWithAnOperationsArray() {
        expectSCIMError(.invalidSyntax, detailContains: "must be a JSON object", "\"Operations\"") {
            _ = try PatchRequest.parse([["op": "add"]])
        }
        expectSCIMError(.invalidSyntax, detailContains: "must have an \"Operations\" array") {
            _ = try PatchRequest.parse(["schemas": [.string(SCIMURN.patchOp)]])
        }
        expectSCIMError(.invalidSyntax, detailContains: "\"Operations\" must be an array", "got {\"op\":\"add\"}") {
            _ = try PatchRequest.parse(["Operations": ["op": "add"]])
        }
        expectSCIMError(.invalidValue, detailContains: "\"Operations\" is empty") {
            _ = try PatchRequest.parse(["Operations": []])
        }
    }

    @Test func tooManyOperationsNameTheLimit() {
        let operation: JSONValue = ["op": "add", "path": "title", "value": "x"]
        expectSCIMError(.tooMany, detailContains: "3 operations", "at most 2") {
            _ = try PatchRequest.parse(["Operations": [operation, operation, operation]], maxOperations: 2)
        }
    }

    @Test func badOperationsNameTheirIndex() {
        expectSCIMError(.invalidSyntax, detailContains: "Operations[1] must be an object", "got \"add\"") {
            _ = try PatchRequest.parse(["Operations": [["op": "add", "path": "title", "value": "x"], "add"]])
        }
        expectSCIMError(.invalidSyntax, detailContains: "Operations[0] has no \"op\"") {
            _ = try PatchRequest.parse(["Operations": [["path": "title", "value": "x"]]])
        }
        expectSCIMError(
            .invalidSyntax,
            detailContains: "Operations[0].op must be \"add\", \"remove\" or \"replace\"; got \"move\""
        ) {
            _ = try PatchRequest.parse(["Operations": [["op": "move", "path": "title", "value": "x"]]])
        }
        expectSCIMError(.invalidSyntax, detailContains: "Operations[0] (replace) has no \"value\"") {
            _ = try PatchRequest.parse(["Operations": [["op": "Replace", "path": "title"]]])
        }
        expectSCIMError(.invalidPath, detailContains: "Operations[0].path must be a string", "got 5") {
            _ = try PatchRequest.parse(["Operations": [["op": "add", "path": 5, "value": "x"]]])
        }
    }

    @Test func removeWithoutAPathIsNoTarget() {
        expectSCIMError(.noTarget, detailContains: "Operations[0] (remove) has no \"path\"") {
            _ = try PatchRequest.parse(["Operations": [["op": "remove", "value": ["title": "x"]]]])
        }
    }

    @Test func anUnreadablePathIsInvalidPathNamingTheOperation() {
        expectSCIMError(
            .invalidPath,
            detailContains: #"Operations[0].path "emails[type eq \"work\"": "#,
            "Invalid path at position"
        ) {
            _ = try PatchRequest.parse(["Operations": [["op": "remove", "path": #"emails[type eq "work""#]]])
        }
    }
}
