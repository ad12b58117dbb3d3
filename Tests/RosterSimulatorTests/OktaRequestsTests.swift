import SCIM
import Testing

@testable import RosterSimulator

/// Request shapes, checked against okta-requests.md §1–2 byte for byte where Okta's text is exact.
struct OktaRequestsTests {
    let okta = OktaRequests(token: "rst_secret")

    @Test func everyRequestCarriesOktasHeadersAndBodiesTheirContentType() {
        let get = okta.getUser("u1")
        #expect(get.header("User-Agent") == "Okta SCIM Client 1.0.0")
        #expect(get.header("Accept") == "application/scim+json")
        #expect(get.header("Authorization") == "Bearer rst_secret")
        #expect(get.header("Content-Type") == nil, "no Content-Type without a body")
        #expect(get.body == nil)
        let patch = okta.setActive("u1", false)
        #expect(patch.header("Content-Type") == "application/scim+json; charset=utf-8")
        #expect(okta.deleteGroup("g1").header("Content-Type") == nil)
        #expect(okta.deleteGroup("g1").method == .delete)
    }

    @Test func listsUseOktasConstantParameters() {
        #expect(okta.testUsers().path == "/Users?startIndex=1&count=2")
        #expect(okta.testGroups().path == "/Groups?startIndex=1&count=100")
        #expect(okta.importUsers(startIndex: 101).path == "/Users?startIndex=101&count=100")
        #expect(okta.importGroups(startIndex: 1).path == "/Groups?startIndex=1&count=100")
        #expect(okta.resourceTypes().path == "/ResourceTypes")
        #expect(okta.schemas().path == "/Schemas")
    }

    @Test func lookupsEncodeTheFilterAsOktaDoes() {
        #expect(
            okta.lookupUser("test.user@okta.local").path
                == "/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100")
        #expect(
            okta.lookupGroup("Finance & Accounting").path
                == "/Groups?filter=displayName%20eq%20%22Finance%20%26%20Accounting%22&startIndex=1&count=100")
        #expect(okta.lookupGroup("東京").path.contains("%E6%9D%B1%E4%BA%AC"), "UTF-8 percent-encoded")
        #expect(okta.lookupUser("a\"b@x").path.contains("%22a%5C%22b%40x%22"), "quotes escaped in the literal")
    }

    @Test func createBodyHasOktasFieldsInOktasOrder() throws {
        let person = PeopleGenerator(seed: 1).people(1)[0]
        let request = okta.createUser(person)
        #expect(request.method == .post && request.path == "/Users")
        let body = try #require(request.body?.objectValue)
        #expect(
            Array(body.keys.prefix(10)) == [
                "schemas", "userName", "name", "emails", "displayName", "locale", "externalId", "groups", "password",
                "active",
            ])
        #expect(body["schemas"] == [.string(SCIMURN.user), .string(SCIMURN.enterpriseUser)])
        #expect(body["emails"] == [["primary": true, "value": .string(person.userName), "type": "work"]])
        #expect(body["groups"] == [])
        #expect(body["active"] == true)
        #expect(body["externalId"] == .string(person.externalId))
        #expect(body["password"]?.stringValue?.count == 8)
        #expect(body["phoneNumbers"] == [["primary": true, "value": .string(person.phone), "type": "work"]])
    }

    @Test func anEmptyPhoneIsSentAsOktaSendsIt() throws {
        var person = PeopleGenerator(seed: 1).people(1)[0]
        person.phone = ""
        let body = try #require(okta.createUser(person).body?.objectValue)
        #expect(body["phoneNumbers"] == [["primary": true, "value": "", "type": ""]])
    }

    @Test func putEchoesTheServersRepresentationWithTheProfileApplied() throws {
        var person = PeopleGenerator(seed: 1).people(1)[0]
        person.title = "Staff Engineer"
        let current: JSONValue = [
            "schemas": [.string(SCIMURN.user)], "id": "u1", "userName": .string(person.userName),
            "name": ["givenName": "Old", "familyName": "Name", "formatted": "Old Name"],
            "emails": [["value": "old@acme.example", "type": "work", "primary": true, "display": "old"]],
            "active": false, "groups": [["value": "g1"]], "meta": ["resourceType": "User", "version": "W/\"3\""],
        ]
        let request = okta.replaceUser("u1", current: current, person: person, active: true)
        #expect(request.method == .put && request.path == "/Users/u1")
        let body = try #require(request.body?.objectValue)
        #expect(body["id"] == "u1")
        #expect(body["meta"] == current.member("meta"), "meta echoed as Okta does")
        #expect(body["groups"] == current.member("groups"))
        #expect(body["title"] == "Staff Engineer")
        #expect(body["active"] == true)
        #expect(body["name"]?.member("givenName") == .string(person.givenName))
        #expect(body["name"]?.member("formatted") == "Old Name", "attributes Okta does not map stay")
        let email = try #require(body["emails"]?.arrayValue?.first?.objectValue)
        #expect(email["value"] == .string(person.userName))
        #expect(email["display"] == "old")
        #expect(body["schemas"] == [.string(SCIMURN.user), .string(SCIMURN.enterpriseUser)])
    }

    @Test func deactivationIsAPathlessReplace() {
        #expect(
            okta.setActive("u1", false).bodyText
                == #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}"#
        )
        #expect(okta.setActive("u1", true).bodyText?.contains(#"{"active":true}"#) == true)
        #expect(okta.setActive("u1", true).path == "/Users/u1")
    }

    @Test func groupCreateIsEmpty() {
        #expect(
            okta.createGroup("Engineering").bodyText
                == #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering","members":[]}"#
        )
    }

    @Test func renameHasTheIdNoSchemasAndPlainJSON() {
        let rename = okta.renameGroup("g1", to: "Revenue")
        #expect(rename.method == .patch && rename.path == "/Groups/g1")
        #expect(rename.header("Content-Type") == "application/json")
        #expect(rename.bodyText == #"{"Operations":[{"op":"replace","value":{"id":"g1","displayName":"Revenue"}}]}"#)
    }

    @Test func deltaRemovesFirstThenOneAdd() {
        let delta = okta.membershipDelta(
            "g1", add: [.init(value: "u3", display: "c@acme.example"), .init(value: "u4", display: "d@acme.example")],
            remove: ["u1", "u2"])
        #expect(delta.header("Content-Type") == "application/scim+json; charset=utf-8")
        #expect(
            delta.bodyText == #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":["#
                + #"{"op":"remove","path":"members[value eq \"u1\"]"},{"op":"remove","path":"members[value eq \"u2\"]"},"#
                + #"{"op":"add","path":"members","value":[{"value":"u3","display":"c@acme.example"},{"value":"u4","display":"d@acme.example"}]}]}"#
        )
        let removalsOnly = okta.membershipDelta("g1", add: [], remove: ["u1"])
        #expect(removalsOnly.body?.member("Operations")?.arrayValue?.count == 1)
    }

    @Test func pushNowOfAnEmptyGroupSendsAnEmptyArray() {
        #expect(
            okta.replaceMembers("g1", []).bodyText
                == #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"members","value":[]}]}"#
        )
        let full = okta.replaceMembers("g1", [.init(value: "u1", display: "a@acme.example")])
        #expect(full.bodyText?.contains(#""value":[{"value":"u1","display":"a@acme.example"}]"#) == true)
    }
}
