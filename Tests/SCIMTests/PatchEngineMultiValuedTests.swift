import SCIM
import Testing

private let work: JSONValue = ["value": "a@example.com", "type": "work", "primary": true]
private let home: JSONValue = ["value": "b@example.com", "type": "home"]
private let user = storedResource(.user, ["userName": "a@example.com", "emails": [work, home]])

struct PatchEngineMultiValuedTests {
    // MARK: - add

    @Test func addAppendsAndSkipsValuesAlreadyPresent() throws {
        let other: JSONValue = ["value": "c@example.com", "type": "other"]
        // The same value as `home`, written in another order and spelling.
        let homeAgain: JSONValue = ["TYPE": "home", "Value": "b@example.com"]
        let result = try applyPatch(patchBody("add", "emails", [homeAgain, other]), to: user)
        #expect(result.attributes["emails"] == [work, home, other])
    }

    @Test func addingAPrimaryValueTakesPrimaryFromTheOthers() throws {
        let result = try applyPatch(
            patchBody("Add", "emails", [["value": "c@example.com", "primary": "True"]]),
            to: user
        )
        #expect(
            result.attributes["emails"]
                == [
                    ["value": "a@example.com", "type": "work", "primary": false], home,
                    ["value": "c@example.com", "primary": true],
                ]
        )
    }

    @Test func addWithAFilterThatMatchesUpdatesEveryMatch() throws {
        let result = try applyPatch(patchBody("add", #"emails[type eq "home"].display"#, "Home"), to: user)
        #expect(result.attributes["emails"] == [work, ["value": "b@example.com", "type": "home", "display": "Home"]])
    }

    @Test func addWithAFilterThatMatchesNothingCreatesTheDescribedValue() throws {
        let result = try applyPatch(
            patchBody("add", #"phoneNumbers[type eq "work" and primary eq true].value"#, "+41 791234567"),
            to: user
        )
        #expect(result.attributes["phoneNumbers"] == [["type": "work", "primary": true, "value": "+41 791234567"]])
    }

    @Test func addWithAFilterThatDoesNotDescribeAValueIsNoTarget() {
        expectSCIMError(
            .noTarget,
            detailContains: #"no value of phoneNumbers matches [(type eq "work" or type eq "home")]"#,
            "only eq comparisons"
        ) {
            _ = try applyPatch(
                patchBody("add", #"phoneNumbers[type eq "work" or type eq "home"].value"#, "+41 791234567"),
                to: user
            )
        }
    }

    @Test func addOfAnEmptyValueWhereNothingMatchesAddsNothing() throws {
        let result = try applyPatch(patchBody("add", #"phoneNumbers[type eq "work"].value"#, ""), to: user)
        #expect(result.attributes == user.attributes)
    }

    // MARK: - replace

    @Test func replaceWithoutAFilterReplacesTheWholeSet() throws {
        let result = try applyPatch(patchBody("replace", "emails", [home]), to: user)
        #expect(result.attributes["emails"] == [home])
        let emptied = try applyPatch(patchBody("replace", "emails", []), to: user)
        #expect(emptied.attributes["emails"] == nil)
    }

    @Test func replaceWithAFilterReplacesEachMatchingValue() throws {
        let result = try applyPatch(
            patchBody("replace", #"emails[type eq "home"]"#, ["value": "new@example.com", "type": "home"]),
            to: user
        )
        #expect(result.attributes["emails"] == [work, ["value": "new@example.com", "type": "home"]])
    }

    @Test func replaceOfAFilteredSubAttributeMatchesWithoutRegardToCase() throws {
        let result = try applyPatch(patchBody("replace", #"emails[TYPE eq "WORK"].value"#, "z@example.com"), to: user)
        #expect(result.attributes["emails"] == [["value": "z@example.com", "type": "work", "primary": true], home])
    }

    /// Entra replaces filtered paths whether or not a value matches yet (entra-requests.md trap 5).
    @Test func replaceWithAFilterThatMatchesNothingCreatesTheValue() throws {
        let result = try applyPatch(patchBody("replace", #"emails[type eq "other"].value"#, "c@example.com"), to: user)
        #expect(result.attributes["emails"] == [work, home, ["type": "other", "value": "c@example.com"]])
    }

    @Test func replaceWithAFilterThatMatchesNothingAndDescribesNoValueIsNoTarget() {
        expectSCIMError(
            .noTarget,
            detailContains: "no value of emails matches", "does not describe a new value to replace"
        ) {
            _ = try applyPatch(patchBody("replace", #"emails[type eq "other" or type eq "x"].value"#, "c@example.com"), to: user)
        }
    }

    @Test func settingPrimaryThroughAFilterDemotesTheOthers() throws {
        let result = try applyPatch(
            patchBody("replace", #"emails[value eq "b@example.com"].primary"#, "True"),
            to: user
        )
        #expect(
            result.attributes["emails"]
                == [
                    ["value": "a@example.com", "type": "work", "primary": false],
                    ["value": "b@example.com", "type": "home", "primary": true],
                ]
        )
    }

    @Test func anEmptyValueClearsAPhoneAndDropsTheEntry() throws {
        let withPhone = storedResource(
            .user,
            ["userName": "a", "phoneNumbers": [["value": "+41 791234567", "type": "work"]]]
        )
        let result = try applyPatch(patchBody("replace", #"phoneNumbers[type eq "work"].value"#, ""), to: withPhone)
        #expect(JSONValue.object(result.attributes) == ["userName": "a"])
    }

    @Test func aSubAttributeWithoutAFilterAppliesToEveryValue() throws {
        let result = try applyPatch(patchBody("replace", "emails.display", "Mail"), to: user)
        #expect(
            result.attributes["emails"]
                == [
                    ["value": "a@example.com", "type": "work", "primary": true, "display": "Mail"],
                    ["value": "b@example.com", "type": "home", "display": "Mail"],
                ]
        )
    }

    @Test func aSubAttributeWithoutAFilterCreatesAValueWhenThereIsNone() throws {
        let result = try applyPatch(patchBody("replace", "phoneNumbers.value", "+41 791234567"), to: user)
        #expect(result.attributes["phoneNumbers"] == [["value": "+41 791234567"]])
    }

    // MARK: - remove

    @Test func removeWithAFilterRemovesOnlyTheMatchingValues() throws {
        let result = try applyPatch(patchBody("remove", #"emails[type eq "home"]"#), to: user)
        #expect(result.attributes["emails"] == [work])
        let again = try applyPatch(
            patchBody("remove", #"emails[type eq "home"]"#),
            to: storedResource(.user, .object(result.attributes))
        )
        #expect(again.attributes == result.attributes)
        let all = try applyPatch(patchBody("remove", #"emails[value ew "@example.com"]"#), to: user)
        #expect(all.attributes["emails"] == nil)
    }

    @Test func removeOfAFilteredSubAttribute() throws {
        let result = try applyPatch(patchBody("remove", #"emails[type eq "work"].primary"#), to: user)
        #expect(result.attributes["emails"] == [["value": "a@example.com", "type": "work"], home])
        // Without its value, an email says nothing and goes.
        let gone = try applyPatch(patchBody("remove", #"emails[type eq "home"].value"#), to: user)
        #expect(gone.attributes["emails"] == [work])
    }

    @Test func removeWithoutAFilterRemovesAll() throws {
        #expect(try applyPatch(patchBody("remove", "emails"), to: user).attributes["emails"] == nil)
    }

    @Test func removeWithAValueRemovesTheValuesItDescribes() throws {
        let result = try applyPatch(patchBody("Remove", "emails", [["value": "b@example.com"]]), to: user)
        #expect(result.attributes["emails"] == [work])
    }

    // MARK: - errors

    @Test func anUnknownSubAttributeAfterAFilterIsAnInvalidPath() {
        expectSCIMError(
            .invalidPath,
            detailContains: "colour is not a sub-attribute of emails",
            "value, display, type, primary"
        ) {
            _ = try applyPatch(patchBody("replace", #"emails[type eq "work"].colour"#, "blue"), to: user)
        }
    }

    @Test func wrongElementTypesNameTheElement() {
        expectSCIMError(.invalidValue, detailContains: "emails[1] must be an object of sub-attributes; got 7") {
            _ = try applyPatch(patchBody("add", "emails", [["value": "c@example.com"], 7]), to: user)
        }
    }
}
