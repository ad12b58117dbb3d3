import Foundation
import Hummingbird
import SCIM
import Testing

/// Requests as Microsoft Entra ID's provisioning service sends them (entra-requests.md §2): the bodies
/// are the catalogue's, as printed, with our ids and names substituted.
enum EntraBodies {
    /// The User-Agent the tests speak with. Microsoft documents none; Roster recognises Entra by
    /// "Microsoft", "Azure" or "Entra" in it (`RequestSummary.clientName`).
    static let userAgent = "Microsoft Azure Active Directory SCIM Client"

    /// A body written as JSON text, exactly as the catalogue prints it.
    static func json(_ text: String) throws -> JSONValue {
        try JSONParser.parse(text)
    }

    /// E4: TUT's create-user body (with readOnly `meta`, `roles: []` and a `null` attribute).
    static func createUser(_ userName: String, externalId: String = "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", email: String? = nil)
        throws -> JSONValue
    {
        try json(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId":"\#(externalId)",
             "userName":"\#(userName)",
             "active":true,
             "addresses":null,
             "emails":[{"primary":true,"type":"work","value":"\#(email ?? userName)"}],
             "meta":{"resourceType":"User"},
             "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
             "roles":[]}
            """#)
    }

    /// E14: TUT's create-group body, with Microsoft's non-SCIM group schema URI.
    static func createGroup(_ displayName: String, externalId: String = "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159") throws -> JSONValue {
        try json(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                        "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
             "externalId":"\#(externalId)","displayName":"\#(displayName)",
             "meta":{"resourceType":"Group"}}
            """#)
    }

    /// A PatchOp body around `operations`, written as JSON text.
    static func patch(_ operations: String) throws -> JSONValue {
        try json(#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[\#(operations)]}"#)
    }

    /// E17 / E18 (default form): one `Add` or `Remove` of `members` with `$ref: null` per id.
    static func members(_ op: String, _ ids: [String]) throws -> JSONValue {
        let values = ids.map { #"{"$ref":null,"value":"\#($0)"}"# }.joined(separator: ",")
        return try patch(#"{"op":"\#(op)","path":"members","value":[\#(values)]}"#)
    }

    /// A filter encoded as Entra's requests show it in logs: spaces as `+`, quotes as `%22`.
    static func query(_ filter: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~ ")
        let encoded = filter.addingPercentEncoding(withAllowedCharacters: allowed) ?? filter
        return encoded.replacingOccurrences(of: " ", with: "+")
    }
}

extension SCIMClient {
    /// The same client speaking as Entra: its User-Agent, and no Accept header (Entra asks for no
    /// media type; entra-requests.md §0).
    var entra: SCIMClient { speaking(as: EntraBodies.userAgent, accept: nil) }

    /// Creates a member with Entra's E4 body and returns its id.
    func createEntraUser(_ userName: String, externalId: String = UUID().uuidString.lowercased()) async throws -> String {
        let reply = try await entra.post("Users", EntraBodies.createUser(userName, externalId: externalId))
        guard reply.status == 201, let id = reply.json?["id"]?.stringValue else {
            throw TestFailure("creating \(userName) answered \(reply.status): \(reply.text)")
        }
        return id
    }

    /// Creates a team with Entra's E14 body and returns its id.
    func createEntraGroup(_ displayName: String) async throws -> String {
        let reply = try await entra.post("Groups", EntraBodies.createGroup(displayName, externalId: UUID().uuidString.lowercased()))
        guard reply.status == 201, let id = reply.json?["id"]?.stringValue else {
            throw TestFailure("creating team \(displayName) answered \(reply.status): \(reply.text)")
        }
        return id
    }
}

/// Checks that `reply` is a SCIM error with this status (and `scimType`, when given) and a `detail`
/// that says something, and returns the detail.
@discardableResult
func expectSCIMError(_ reply: Reply, status: Int, scimType: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
    #expect(reply.schemas == [SCIMURN.error], sourceLocation: sourceLocation)
    #expect(reply.json?["status"]?.stringValue == String(status), sourceLocation: sourceLocation)
    if let scimType {
        #expect(reply.json?["scimType"]?.stringValue == scimType, sourceLocation: sourceLocation)
    }
    let detail = reply.detail ?? ""
    #expect(detail.count > 10, "detail should tell the administrator what to fix: \(reply.text)", sourceLocation: sourceLocation)
    return detail
}
