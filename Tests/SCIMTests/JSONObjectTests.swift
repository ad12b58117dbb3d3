import Testing
@testable import SCIM

@Suite struct JSONObjectTests {
    @Test func namesCompareWithoutRegardToCase() {
        #expect("userName".caseInsensitiveEquals("USERNAME"))
        #expect("urn:ietf:params:scim:schemas:core:2.0:User".caseInsensitiveEquals("URN:IETF:params:scim:schemas:core:2.0:user"))
        #expect(!"userName".caseInsensitiveEquals("username2"))
        #expect(!"active".caseInsensitiveEquals("emails"))
        #expect(!"a-b".caseInsensitiveEquals("a_b"))
        // Non-ASCII names fall back to Unicode lowercasing, whatever their byte lengths.
        #expect("Äbc".caseInsensitiveEquals("äBC"))
        #expect("\u{212A}elvin".caseInsensitiveEquals("kelvin"))  // KELVIN SIGN lowercases to ASCII k
        #expect(!"Äbc".caseInsensitiveEquals("abc"))
    }

    @Test func lookupsFindAnyCaseAndKeepTheStoredSpelling() {
        var object = JSONObject([("userName", "jane"), ("name", ["givenName": "Jane"])])
        #expect(object["USERNAME"] == "jane")
        object["username"] = "john"
        #expect(object.keys == ["userName", "name"])
        #expect(object["userName"] == "john")
        object.appendNew("active", true)
        #expect(object.keys == ["userName", "name", "active"])
    }
}
