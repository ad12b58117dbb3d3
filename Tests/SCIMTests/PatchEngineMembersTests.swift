import SCIM
import Testing

private let team = storedResource(
    .group,
    id: "abf4dd94-a4c0-4f67-89c9-76b03340cb9b",
    ["displayName": "Old name", "externalId": "00g1emaKYZTWRYYRRTSK"]
)
private let userA = "23a35c27-23d3-4c03-b4c5-6443c09e7173"
private let userB = "89bb1940-b905-4575-9e7f-6f887cfb368e"

struct PatchEngineMembersTests {
    // MARK: - Okta (R12–R14)

    @Test(arguments: [("okta/rename-group", "Test SCIMv2"), ("okta/rename-group-no-schemas", "Renamed SCIMv2")])
    func oktaRenameIgnoresTheIdAndLeavesMembershipAlone(_ fixture: String, _ name: String) throws {
        let result = try applyPatch(FixtureBody.load(fixture), to: team)
        #expect(
            JSONValue.object(result.attributes) == ["displayName": .string(name), "externalId": "00g1emaKYZTWRYYRRTSK"]
        )
        #expect(result.membership.isEmpty)
    }

    @Test func oktaMembershipDeltaRemovesTwoAndAddsTwo() throws {
        let result = try applyPatch(FixtureBody.load("okta/membership-delta"), to: team)
        #expect(
            result.membership == [
                .remove([userB]),
                .remove(["7d9c2a3e-0f4b-4c1e-9a51-2a7f3c0e8b11"]),
                .add([
                    MemberRef(value: userA, display: "test.user@okta.local"),
                    MemberRef(value: "5e1f7b2c-8d3a-4f60-b9e4-0c2d6a1f9e37", display: "other.user@okta.local"),
                ]),
            ]
        )
        #expect(result.attributes == team.attributes)
    }

    @Test func oktaPushNowReplacesTheMemberSet() throws {
        let result = try applyPatch(FixtureBody.load("okta/push-now"), to: team)
        #expect(
            result.membership == [
                .removeAll,
                .add([
                    MemberRef(value: userA, display: "test.user@okta.local"),
                    MemberRef(value: userB, display: "another.user@okta.local"),
                ]),
            ]
        )
        #expect(result.attributes == team.attributes)
    }

    @Test func oktaPushNowOfAnEmptyGroupClearsTheTeam() throws {
        let result = try applyPatch(FixtureBody.load("okta/push-now-empty"), to: team)
        #expect(result.membership == [.removeAll])
    }

    // MARK: - Entra

    @Test func entraAddsMembersWithoutType() throws {
        #expect(
            try applyPatch(FixtureBody.load("entra/add-members"), to: team).membership == [.add([MemberRef(value: userA)])]
        )
    }

    @Test func entraRemoveWithAValueRemovesOnlyThoseMembers() throws {
        #expect(
            try applyPatch(FixtureBody.load("entra/remove-members-with-value"), to: team).membership == [
                .remove([userA, userB])
            ]
        )
    }

    @Test func entraRenameWithAPath() throws {
        let result = try applyPatch(FixtureBody.load("entra/rename-group"), to: team)
        #expect(result.attributes["displayName"] == "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName")
        #expect(result.membership.isEmpty)
    }

    // MARK: - Other forms

    @Test func removeMembersWithoutAValueRemovesEveryone() throws {
        #expect(try applyPatch(patchBody("remove", "members"), to: team).membership == [.removeAll])
    }

    @Test func valueEqualitiesJoinedByOrBecomeOneRemoval() throws {
        let result = try applyPatch(
            patchBody("remove", #"members[value eq "\#(userA)" or VALUE eq "\#(userB)"]"#),
            to: team
        )
        #expect(result.membership == [.remove([userA, userB])])
    }

    @Test func otherFiltersAreLeftToTheStore() throws {
        let filter = Filter.compare(AttributePath(attribute: "display"), .co, .string("okta.local"))
        #expect(
            try applyPatch(patchBody("remove", #"members[display co "okta.local"]"#), to: team).membership == [
                .removeMatching(filter)
            ]
        )
        let replaced = try applyPatch(
            patchBody("replace", #"members[display co "okta.local"]"#, [["value": .string(userA)]]),
            to: team
        )
        #expect(replaced.membership == [.removeMatching(filter), .add([MemberRef(value: userA)])])
    }

    @Test func membersInAPathlessValue() throws {
        let added = try applyPatch(
            patchBody("add", nil, ["members": [["value": .string(userA)]], "displayName": "New"]),
            to: team
        )
        #expect(added.membership == [.add([MemberRef(value: userA)])])
        #expect(added.attributes["displayName"] == "New")
        #expect(added.attributes["members"] == nil)
        let replaced = try applyPatch(patchBody("replace", nil, ["Members": [["value": .string(userB)]]]), to: team)
        #expect(replaced.membership == [.removeAll, .add([MemberRef(value: userB)])])
    }

    @Test func handBuiltPathsGiveTheSameSteps() throws {
        let members = AttributePath(attribute: "members")
        let request = PatchRequest(operations: [
            PatchOperation(
                op: .remove,
                path: PatchPath(
                    attribute: members,
                    valueFilter: .compare(AttributePath(attribute: "value"), .eq, .string(userB))
                )
            ),
            PatchOperation(op: .add, path: PatchPath(attribute: members), value: [["value": .string(userA)]]),
        ])
        #expect(
            try PatchEngine.apply(request, to: team).membership == [.remove([userB]), .add([MemberRef(value: userA)])]
        )
    }

    @Test func addedMembersKeepTheDisplayTheyWereSentWithAndNothingElse() throws {
        let value: JSONValue = [
            ["value": .string(userA), "display": "Alice", "type": "User", "$ref": "https://x/Users/a"],
            ["value": .string(userB), "display": nil],
            ["value": .string(userA), "display": "alice@example.com"],
            ["value": .string(userB), "display": ""],
        ]
        #expect(
            try applyPatch(patchBody("add", "members", value), to: team).membership == [
                .add([MemberRef(value: userA, display: "alice@example.com"), MemberRef(value: userB)])
            ]
        )
    }

    @Test func removingByValueIgnoresTheDisplay() throws {
        let value: JSONValue = [["value": .string(userA), "display": "Alice"]]
        #expect(try applyPatch(patchBody("remove", "members", value), to: team).membership == [.remove([userA])])
    }

    // MARK: - Errors

    @Test func aDisplayThatIsNotAStringIsRejected() {
        expectSCIMError(
            .invalidValue,
            detailContains: "Operations[0] (add members): members[1].display must be a string", "got 42"
        ) {
            _ = try applyPatch(
                patchBody("add", "members", [["value": .string(userA)], ["value": .string(userB), "display": 42]]),
                to: team
            )
        }
    }

    @Test func aMemberWithoutAValueIsRejected() {
        expectSCIMError(
            .invalidValue,
            detailContains: "Operations[0] (add members): members[0].value must be the id of a member"
        ) {
            _ = try applyPatch(patchBody("add", "members", [["display": "Test User"]]), to: team)
        }
    }

    @Test func memberFiltersMayOnlyUseValueDisplayAndType() {
        expectSCIMError(
            .invalidPath,
            detailContains: "a member filter can only use value, display and type, not userName"
        ) {
            _ = try applyPatch(patchBody("remove", #"members[userName eq "a"]"#), to: team)
        }
    }

    @Test func addCannotTakeAMemberFilter() {
        expectSCIMError(.invalidPath, detailContains: "add cannot take a filter on members") {
            _ = try applyPatch(
                patchBody("add", #"members[value eq "\#(userA)"]"#, [["value": .string(userA)]]),
                to: team
            )
        }
    }

    @Test func memberSubAttributesCannotBeChanged() {
        expectSCIMError(.mutability, detailContains: "members[…].display cannot be changed") {
            _ = try applyPatch(patchBody("replace", #"members[value eq "\#(userA)"].display"#, "X"), to: team)
        }
        expectSCIMError(.mutability, detailContains: "members.value is read-only") {
            _ = try applyPatch(patchBody("replace", "members.value", "X"), to: team)
        }
    }

    @Test func theDisplayNameCannotBeRemoved() {
        expectSCIMError(.mutability, detailContains: "displayName is required and cannot be removed") {
            _ = try applyPatch(patchBody("remove", "displayName"), to: team)
        }
    }
}
