import SCIM
import Testing

struct ResourceValidatorTests {
    @Test func oktaUsersAndGroupsPass() throws {
        for (fixture, kind) in [
            ("okta/create-user", ResourceKind.user), ("okta/put-user", .user), ("entra/create-user", .user),
            ("okta/put-group", .group),
        ] {
            let attributes = try ResourceInput.canonicalize(FixtureBody.load(fixture), kind: kind).attributes
            try ResourceValidator.validate(attributes, kind: kind, rejectNonconformingPhones: true)
        }
    }

    @Test func aUserNeedsAUserName() {
        expectSCIMError(.invalidValue, detailContains: "userName is required", "\"userName\": \"jane.doe@example.com\"")
        {
            try ResourceValidator.validate(
                JSONObject([("displayName", "Jane")]),
                kind: .user,
                rejectNonconformingPhones: false
            )
        }
        expectSCIMError(
            .invalidValue,
            detailContains: "userName is required and must be a non-empty string",
            "got \"\""
        ) {
            try ResourceValidator.validate(
                JSONObject([("userName", "")]),
                kind: .user,
                rejectNonconformingPhones: false
            )
        }
        expectSCIMError(.invalidValue, detailContains: "userName is required and must be a non-empty string", "got 12")
        {
            try ResourceValidator.validate(
                JSONObject([("userName", 12)]),
                kind: .user,
                rejectNonconformingPhones: false
            )
        }
    }

    @Test func aGroupNeedsADisplayName() {
        expectSCIMError(.invalidValue, detailContains: "displayName is required", "\"displayName\": \"Engineering\"") {
            try ResourceValidator.validate(
                JSONObject([("externalId", "00g1")]),
                kind: .group,
                rejectNonconformingPhones: false
            )
        }
    }

    @Test func activeMustBeABoolean() {
        expectSCIMError(.invalidValue, detailContains: "active must be a boolean", "got \"False\"") {
            try ResourceValidator.validate(
                JSONObject([("userName", "a"), ("active", "False")]),
                kind: .user,
                rejectNonconformingPhones: false
            )
        }
    }

    @Test func atMostOnePrimaryPerMultiValuedAttribute() throws {
        let twoPrimaries = JSONObject([
            ("userName", "a"),
            (
                "emails",
                [
                    ["value": "a@x.com", "primary": true], ["value": "b@x.com", "primary": true],
                    ["value": "c@x.com", "primary": false],
                ]
            ),
        ])
        expectSCIMError(.invalidValue, detailContains: "emails has 2 values with \"primary\": true", "at most one") {
            try ResourceValidator.validate(twoPrimaries, kind: .user, rejectNonconformingPhones: false)
        }
        let onePrimary = JSONObject([
            ("userName", "a"),
            ("emails", [["value": "a@x.com", "primary": true], ["value": "b@x.com", "primary": false]]),
        ])
        try ResourceValidator.validate(onePrimary, kind: .user, rejectNonconformingPhones: false)
    }

    @Test func oktasCRUDTestPhoneIsRejectedWithTheExpectedFormat() throws {
        // The CRUD test's Okta user has primaryPhone "415.123.4567" (okta-requests.md §4.2).
        let attributes = try ResourceInput.canonicalize(FixtureBody.load("okta/create-user-phones"), kind: .user)
            .attributes
        let error = expectSCIMError(.invalidValue) {
            try ResourceValidator.validate(attributes, kind: .user, rejectNonconformingPhones: true)
        }
        #expect(
            error?.detail
                == #"phoneNumbers[type eq "work"].value "415.123.4567" is not a valid phone number: expected '<country_prefix> <telephone_number>', for example '+41 791234567'"#
        )
    }

    @Test func nonconformingPhonesAreAcceptedAndListedWhenThePolicyAllowsThem() throws {
        let attributes = try ResourceInput.canonicalize(FixtureBody.load("okta/create-user-phones"), kind: .user)
            .attributes
        try ResourceValidator.validate(attributes, kind: .user, rejectNonconformingPhones: false)
        #expect(ResourceValidator.nonconformingPhones(attributes) == ["415.123.4567"])
    }

    @Test func conformingAndEmptyPhonesPass() throws {
        let attributes = JSONObject([
            ("userName", "a"),
            (
                "phoneNumbers",
                [["value": "+41 791234567", "type": "mobile"], ["value": "", "type": ""], ["type": "work"]]
            ),
        ])
        try ResourceValidator.validate(attributes, kind: .user, rejectNonconformingPhones: true)
        #expect(ResourceValidator.nonconformingPhones(attributes).isEmpty)
    }

    @Test func everyBadPhoneIsNamedEvenWithoutAType() {
        let attributes = JSONObject([
            ("userName", "a"),
            (
                "phoneNumbers",
                [["value": "555-555-5555"], ["value": "+1 5551234567"], ["value": "0041 79", "type": "home"]]
            ),
        ])
        expectSCIMError(
            .invalidValue,
            detailContains: #"phoneNumbers.value "555-555-5555" is not a valid phone number"#,
            #"; phoneNumbers[type eq "home"].value "0041 79" is not"#
        ) {
            try ResourceValidator.validate(attributes, kind: .user, rejectNonconformingPhones: true)
        }
        #expect(ResourceValidator.nonconformingPhones(attributes) == ["555-555-5555", "0041 79"])
    }
}
