import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

@Suite struct RequestSummaryTests {
    private func summary(
        _ method: String, _ path: String, query: String = "", status: Int = 200, scimType: String? = nil,
        request: JSONValue? = nil, response: JSONValue? = nil, skipped: Int = 0, userAgent: String = "Okta SCIM Client 1.0.0"
    ) -> String {
        RequestSummary.make(
            client: RequestSummary.clientName(userAgent: userAgent), method: method, path: "/scim/v2" + path,
            query: QueryParameters(query), status: status, scimType: scimType, requestBody: request, responseBody: response,
            skippedMembers: skipped)
    }

    /// The list handler hands over the filter it parsed; the summary is the one it would read itself.
    @Test(arguments: ["userName eq \"Jane@acme.com\"", "externalId eq \"00u1\"", "title pr", "displayName eq \"Sales\""])
    func aParsedFilterGivesTheSameSummary(_ filter: String) throws {
        let query = QueryParameters("filter=" + (filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        for path in ["/scim/v2/Users", "/scim/v2/Groups"] {
            let parsed = RequestSummary.make(
                client: "Okta", method: "GET", path: path, query: query, status: 200, filter: try FilterParser.parse(filter))
            #expect(parsed == RequestSummary.make(client: "Okta", method: "GET", path: path, query: query, status: 200))
        }
    }

    @Test func clientNames() {
        #expect(RequestSummary.clientName(userAgent: "Okta SCIM Client 1.0.0") == "Okta")
        #expect(RequestSummary.clientName(userAgent: "OKTA SCIM Integration") == "Okta")
        #expect(RequestSummary.clientName(userAgent: "Microsoft.AzureAD.Provisioning/1.0") == "Entra ID")
        #expect(RequestSummary.clientName(userAgent: "curl/8.5.0") == "curl")
        #expect(RequestSummary.clientName(userAgent: "python-requests/2.31 CPython") == "python-requests")
        #expect(RequestSummary.clientName(userAgent: "") == "client")
    }

    @Test func members() {
        let jane: JSONValue = ["userName": "jane@acme.com", "active": true]
        #expect(summary("POST", "/Users", status: 201, request: jane, response: jane) == "Okta · create member jane@acme.com")
        #expect(
            summary("GET", "/Users", query: "filter=userName+eq+%22jane%40acme.com%22&startIndex=1&count=100")
                == "Okta · look up member jane@acme.com")
        #expect(
            summary("GET", "/Users", query: "filter=externalId eq \"00u1\"") == "Okta · look up member by externalId 00u1")
        #expect(summary("GET", "/Users", query: "filter=title pr") == "Okta · search members where title pr")
        #expect(summary("GET", "/Users", query: "startIndex=1&count=2") == "Okta · test API credentials")
        #expect(summary("GET", "/Users", query: "count=2&startIndex=1") == "Okta · test API credentials")
        #expect(summary("GET", "/Users", query: "startIndex=1&count=100") == "Okta · list members")
        #expect(summary("GET", "/Users", query: "startIndex=101&count=100") == "Okta · list members (page 2)")
        #expect(summary("GET", "/Users/u1", response: jane) == "Okta · read member jane@acme.com")
        #expect(summary("PUT", "/Users/u1", request: jane, response: jane) == "Okta · update member jane@acme.com")
        #expect(summary("DELETE", "/Users/u1", status: 204) == "Okta · delete member u1")
    }

    /// Entra's requests (entra-requests.md E1, E3, E10, E17, E18) read as what they do.
    @Test func entraRequests() {
        let entra = "Microsoft Azure Active Directory SCIM Provisioning"
        #expect(RequestSummary.clientName(userAgent: "Microsoft Entra ID Provisioning") == "Entra ID")
        #expect(
            summary("GET", "/Users", query: "filter=userName+eq+%227d420df3-9995-4831-a406-ecf8166f5f6a%22", userAgent: entra)
                == "Entra ID · test connection (member 7d420df3-9995-4831-a406-ecf8166f5f6a)")
        #expect(
            summary("GET", "/Users", query: "filter=emails%5Btype+eq+%22work%22%5D.value+eq+%22kim%40contoso.com%22", userAgent: entra)
                == "Entra ID · look up member by work email kim@contoso.com")
        let disable: JSONValue = ["schemas": [.string(SCIMURN.patchOp)], "Operations": [["op": "Replace", "path": "active", "value": "False"]]]
        #expect(summary("PATCH", "/Users/u1", request: disable, userAgent: entra) == "Entra ID · deactivate member u1")
        let add: JSONValue = ["Operations": [["op": "Add", "path": "members", "value": [["$ref": .null, "value": "a"], ["$ref": .null, "value": "b"]]]]]
        #expect(summary("PATCH", "/Groups/g1", status: 204, request: add, userAgent: entra) == "Entra ID · add 2 members to team g1")
        let remove: JSONValue = ["Operations": [["op": "Remove", "path": "members", "value": [["$ref": .null, "value": "a"]]]]]
        #expect(summary("PATCH", "/Groups/g1", status: 204, request: remove, userAgent: entra) == "Entra ID · remove 1 member from team g1")
    }

    @Test func memberPatches() {
        let jane: JSONValue = ["userName": "jane@acme.com"]
        func patch(_ operations: JSONValue) -> String {
            summary("PATCH", "/Users/u1", request: ["Operations": operations], response: jane)
        }
        #expect(patch([["op": "replace", "value": ["active": false]]]) == "Okta · deactivate member jane@acme.com")
        #expect(patch([["op": "Replace", "value": ["active": "True"]]]) == "Okta · reactivate member jane@acme.com")
        #expect(patch([["op": "replace", "path": "active", "value": false]]) == "Okta · deactivate member jane@acme.com")
        #expect(patch([["op": "replace", "value": ["title": "CTO"]]]) == "Okta · update member jane@acme.com")
    }

    @Test func teams() {
        let sales: JSONValue = ["displayName": "Sales"]
        #expect(summary("POST", "/Groups", status: 201, request: ["displayName": "Sales", "members": []], response: sales)
            == "Okta · create team Sales")
        #expect(summary("POST", "/Groups", status: 201, request: ["displayName": "Sales", "members": [["value": "a"]]], response: sales)
            == "Okta · create team Sales with 1 member")
        func patch(_ operations: JSONValue, skipped: Int = 0) -> String {
            summary("PATCH", "/Groups/g1", request: ["Operations": operations], response: sales, skipped: skipped)
        }
        #expect(patch([["op": "replace", "value": ["id": "g1", "displayName": "Sales"]]]) == "Okta · rename team Sales")
        #expect(patch([["op": "add", "path": "members", "value": [["value": "a"], ["value": "b"], ["value": "c"]]]])
            == "Okta · add 3 members to team Sales")
        #expect(patch([["op": "add", "path": "members", "value": [["value": "a"], ["value": "b"], ["value": "c"]]]], skipped: 1)
            == "Okta · add 3 members to team Sales (1 unknown id skipped)")
        #expect(patch([["op": "remove", "path": "members[value eq \"a\"]"]]) == "Okta · remove 1 member from team Sales")
        #expect(patch([["op": "remove", "path": "members[value eq \"a\"]"], ["op": "remove", "path": "members[value eq \"b\"]"],
                       ["op": "add", "path": "members", "value": [["value": "c"]]]])
            == "Okta · change members of team Sales (+1 −2)")
        #expect(patch([["op": "replace", "path": "members", "value": .array(Array(repeating: ["value": "x"], count: 12))]])
            == "Okta · replace members of team Sales (12)")
        #expect(patch([["op": "replace", "path": "members", "value": []]]) == "Okta · replace members of team Sales (0)")
        #expect(patch([["op": "remove", "path": "members"]]) == "Okta · remove all members from team Sales")
        #expect(summary("PUT", "/Groups/g1", request: ["displayName": "Sales", "members": [["value": "a"]]], response: sales)
            == "Okta · update team Sales (1 member)")
        #expect(summary("GET", "/Groups", query: "filter=displayName eq \"Sales\"") == "Okta · look up team Sales")
        #expect(summary("DELETE", "/Groups/g1", status: 204) == "Okta · delete team g1")
    }

    @Test func errors() {
        let error: JSONValue = ["detail": "Seat limit reached (2 of 2 active members): …", "status": "403"]
        #expect(summary("POST", "/Users", status: 409, scimType: "uniqueness", request: ["userName": "jane@acme.com"])
            == "Okta · create member jane@acme.com → 409 uniqueness")
        #expect(summary("POST", "/Users", status: 403, request: ["userName": "jane@acme.com"], response: error)
            == "Okta · create member jane@acme.com → 403 seat limit")
        #expect(summary("GET", "/Users/0101", status: 404) == "Okta · read member 0101 → 404 not found")
        #expect(summary("GET", "/Users", status: 401) == "Okta · bad API key")
        #expect(summary("GET", "/Bulk", status: 501, userAgent: "curl/8") == "curl · bulk request → 501 not implemented")
        #expect(summary("GET", "/ServiceProviderConfig") == "Okta · read service provider config")
    }
}
