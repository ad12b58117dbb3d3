import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterStore
import SCIM
import Testing

@testable import RosterServer

@Suite struct RequestLogRedactionTests {
    @Test func passwordsAreMasked() throws {
        let body: JSONValue = [
            "userName": "jane@acme.com", "password": "1mz050nq",
            "Operations": [["op": "replace", "path": "password", "value": "x"], ["op": "replace", "value": ["PASSWORD": "y"]]],
        ]
        let (redacted, changed) = RequestLogRedaction.redactingPasswords(body)
        #expect(changed)
        let text = redacted.jsonString
        for secret in ["1mz050nq", "\"x\"", "\"y\""] { #expect(!text.contains(secret)) }
        #expect(text.contains("\"userName\":\"jane@acme.com\""))
        #expect(RequestLogRedaction.redactingPasswords(["userName": "a"]).1 == false)
    }

    @Test func rawBodyIsKeptWhenNothingIsSecret() {
        let raw = ByteBuffer(string: "{ \"userName\" : \"a\" }")
        let text = RequestLogRedaction.bodyText(raw: raw, parsed: ["userName": "a"], note: nil, limit: 1000)
        #expect(text == "{ \"userName\" : \"a\" }")
    }

    @Test func invalidJSONMentioningAPasswordIsWithheld() {
        let raw = ByteBuffer(string: "{\"password\": \"hunter2\",")
        let text = RequestLogRedaction.bodyText(raw: raw, parsed: nil, note: nil, limit: 1000)
        #expect(!text.contains("hunter2"))
        #expect(text.contains("withheld"))
    }

    @Test func truncationKeepsWholeCharacters() {
        let text = String(repeating: "é", count: 10)  // 2 bytes each
        let cut = RequestLogRedaction.truncate(text, limit: 5)
        #expect(cut == "éé…[truncated: 20 bytes in total]")
        #expect(RequestLogRedaction.truncate("short", limit: 5) == "short")
    }

    @Test func successfulResponsesAreKeptAsSentAndErrorsAreRedacted() {
        // The /Schemas document names the password attribute; a success is never walked or withheld.
        let schema = ByteBuffer(string: "{\"name\":\"password\",\"returned\":\"never\"}")
        #expect(RequestLogRedaction.responseText(raw: schema, parsed: nil, status: 200, limit: 1000) == String(buffer: schema))
        let error = ByteBuffer(string: "{\"detail\":\"bad\",\"password\":\"hunter2\"}")
        let parsed: JSONValue = ["detail": "bad", "password": "hunter2"]
        let text = RequestLogRedaction.responseText(raw: error, parsed: parsed, status: 400, limit: 1000)
        #expect(!text.contains("hunter2"))
        #expect(text.contains(RequestLogRedaction.mask))
        #expect(RequestLogRedaction.responseText(raw: nil, parsed: nil, status: 204, limit: 1000) == "")
    }

    @Test func bufferTruncationReadsOnlyWhatItKeeps() {
        let buffer = ByteBuffer(string: String(repeating: "é", count: 10))  // 2 bytes each
        #expect(RequestLogRedaction.truncate(buffer, limit: 5) == "éé…[truncated: 20 bytes in total]")
        #expect(RequestLogRedaction.truncate(buffer, limit: 20) == String(repeating: "é", count: 10))
        #expect(RequestLogRedaction.truncate(ByteBuffer(string: "short"), limit: 5) == "short")
    }

    @Test func authorizationKeepsSchemeAndPrefixOnly() {
        let key = "rst_7f2c9a1b_" + String(repeating: "A", count: 40)
        #expect(RequestLogRedaction.authorization("Bearer \(key)") == "Bearer rst_7f2c9a1b***")
        #expect(RequestLogRedaction.authorization(key) == "rst_7f2c9a1b***")
        #expect(RequestLogRedaction.authorization("Bearer hunter2") == "Bearer ***")
        #expect(RequestLogRedaction.authorization("non-token") == "***")
    }

    /// The authenticator's prefix is a shortcut, never a different answer.
    @Test func knownPrefixGivesWhatParsingGives() {
        let key = "rst_7f2c9a1b_" + String(repeating: "A", count: 40)
        for header in ["Bearer \(key)", "bearer \(key)", "Bearer  \(key) ", key, "Bearer hunter2"] {
            #expect(
                RequestLogRedaction.authorization(header, knownPrefix: "rst_7f2c9a1b")
                    == RequestLogRedaction.authorization(header))
        }
    }
}

@Suite struct HeaderParsingTests {
    @Test func presentedKey() {
        #expect(APIKeyAuthenticator.presentedKey("Bearer abc") == "abc")
        #expect(APIKeyAuthenticator.presentedKey("bEaReR   abc ") == "abc")
        #expect(APIKeyAuthenticator.presentedKey("abc") == "abc")
        #expect(APIKeyAuthenticator.presentedKey("Bearer") == nil)
        #expect(APIKeyAuthenticator.presentedKey("Bearer ") == nil)
        #expect(APIKeyAuthenticator.presentedKey("  ") == nil)
        #expect(APIKeyAuthenticator.presentedKey(nil) == nil)
        #expect(APIKeyAuthenticator.presentedKey("\tBEARER \t abc") == "abc")
        #expect(APIKeyAuthenticator.presentedKey("Bearerabc") == "Bearerabc")
        #expect(APIKeyAuthenticator.presentedKey("Bearer\tabc") == "Bearer\tabc")
        #expect(APIKeyAuthenticator.presentedKey("Basic abc") == "Basic abc")
        #expect(APIKeyAuthenticator.presentedKey("Bearer ключ") == "ключ")
    }

    @Test func entityTags() throws {
        #expect(try EntityTag.expectedVersion(ifMatch: nil) == nil)
        #expect(try EntityTag.expectedVersion(ifMatch: "*") == nil)
        #expect(try EntityTag.expectedVersion(ifMatch: "W/\"7\"") == 7)
        #expect(try EntityTag.expectedVersion(ifMatch: "\"7\"") == 7)
        #expect(throws: SCIMError.self) { try EntityTag.expectedVersion(ifMatch: "seven") }
        #expect(EntityTag.matches(ifNoneMatch: "W/\"1\", W/\"2\"", version: 2))
        #expect(!EntityTag.matches(ifNoneMatch: "W/\"1\"", version: 2))
    }

    @Test func contentTypes() throws {
        try SCIMRequestBody.checkContentType(nil)
        try SCIMRequestBody.checkContentType("application/scim+json; charset=utf-8")
        try SCIMRequestBody.checkContentType("application/json")
        #expect(throws: SCIMError.self) { try SCIMRequestBody.checkContentType("text/plain") }
    }
}
