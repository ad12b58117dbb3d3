import Testing

@testable import SCIM

/// Coercions that Roster's own schemas do not use yet (no integer, decimal or client-writable
/// dateTime attribute), checked on the shared canonicaliser directly.
struct AttributeValueTests {
    private let count = AttributeDefinition("loginCount", .integer)
    private let ratio = AttributeDefinition("ratio", .decimal)
    private let hired = AttributeDefinition("hireDate", .dateTime)

    @Test func integersAcceptWholeNumbersAndNumericStrings() throws {
        #expect(try AttributeValue.canonical(12, for: count, at: "loginCount") == .number(12))
        #expect(try AttributeValue.canonical("42", for: count, at: "loginCount") == .number(42))
        #expect(try AttributeValue.canonical("", for: count, at: "loginCount") == nil)
        expectSCIMError(.invalidValue, detailContains: "loginCount must be an integer; got 1.5") {
            _ = try AttributeValue.canonical(1.5, for: count, at: "loginCount")
        }
        expectSCIMError(.invalidValue, detailContains: "loginCount must be an integer; got \"12a\"") {
            _ = try AttributeValue.canonical("12a", for: count, at: "loginCount")
        }
    }

    @Test func decimalsAcceptNumbersAndNumericStrings() throws {
        #expect(try AttributeValue.canonical(0.25, for: ratio, at: "ratio") == .number(0.25))
        #expect(try AttributeValue.canonical("0.5", for: ratio, at: "ratio") == .number(0.5))
        expectSCIMError(.invalidValue, detailContains: "ratio must be a number; got true") {
            _ = try AttributeValue.canonical(true, for: ratio, at: "ratio")
        }
    }

    @Test func dateTimesMustBeXSDDateTimes() throws {
        #expect(
            try AttributeValue.canonical("2026-11-30T19:14:21Z", for: hired, at: "hireDate") == "2026-11-30T19:14:21Z"
        )
        // Okta's old sample sends meta.created as "04-12-2018 00:00:00"; meta is ignored, but a
        // writable dateTime in that shape is refused with the expected form.
        expectSCIMError(
            .invalidValue,
            detailContains: "hireDate must be a dateTime such as \"2026-11-30T19:14:21Z\"; got \"04-12-2018 00:00:00\""
        ) {
            _ = try AttributeValue.canonical("04-12-2018 00:00:00", for: hired, at: "hireDate")
        }
    }
}
