import Foundation
import SCIM

/// The one-line, human summary of a SCIM request that the request log and the console show:
/// `Okta · create member jane@acme.com`, `Okta · add 3 members to team Sales`,
/// `Entra ID · create member bob@acme.com → 409 uniqueness`, `Entra ID · test connection (member 7d420df3-…)`.
///
/// Pure: it reads only what the request and response carried, so it is tested without a server.
public enum RequestSummary {
    /// The provisioning client's short name from its User-Agent: `Okta`, `Entra ID`, or the first
    /// product token (`curl/8.5` → `curl`), or `client` when there is none.
    public static func clientName(userAgent: String) -> String {
        if let name = ProvisioningClient(userAgent: userAgent).name { return name }
        let product = userAgent.drop { $0 == " " }.prefix { $0 != " " }
        let token = String(product.drop { $0 == "/" }.prefix { $0 != "/" })
        return token.isEmpty ? "client" : clip(token, to: 32)
    }

    /// The summary of one request.
    /// - Parameters:
    ///   - client: the client's short name (see ``clientName(userAgent:)``).
    ///   - path: the request path, with or without the `/scim/v2` prefix.
    ///   - status: the response status; errors get `→ <status> <reason>` appended.
    ///   - scimType: the error's `scimType`, the preferred reason.
    ///   - requestBody, responseBody: the parsed bodies, when there were any.
    ///   - skippedMembers: how many member ids a team write skipped as unknown.
    ///   - filter: the list's `filter` as the handler parsed it; parsed from `query` when nil.
    public static func make(
        client: String, method: String, path: String, query: QueryParameters, status: Int, scimType: String? = nil,
        requestBody: JSONValue? = nil, responseBody: JSONValue? = nil, skippedMembers: Int = 0, filter: Filter? = nil
    ) -> String {
        if status == 401 { return "\(client) · bad API key" }
        let request = Request(
            method: method.uppercased(), path: path, query: query, filter: filter, body: requestBody?.objectValue,
            response: responseBody?.objectValue)
        // Spaces and tabs only: Foundation's CharacterSet trim was a quarter of building each log entry.
        // Copied only when there is something to trim (a name that was empty or spaced).
        let described = request.describe()
        let trimmed = Substring(described).trimmingSpaces
        var action = trimmed.utf8.count == described.utf8.count ? described : String(trimmed)
        if skippedMembers > 0 {
            action += " (\(count(skippedMembers, "unknown id")) skipped)"
        }
        guard status >= 400 else { return "\(client) · \(action)" }
        return "\(client) · \(action) → \(status) \(reason(status: status, scimType: scimType, response: responseBody))"
    }

    /// The request as the summary reads it.
    private struct Request {
        var method: String
        var segments: [Substring]
        var query: QueryParameters
        var filter: Filter?
        var body: JSONObject?
        var response: JSONObject?

        init(method: String, path: String, query: QueryParameters, filter: Filter?, body: JSONObject?, response: JSONObject?) {
            // Split as UTF-8 bytes: splitting Characters (grapheme breaking) was half of summarising a GET.
            var path = Substring(path).utf8
            if path.starts(with: ServerConfiguration.basePath.utf8) { path = path.dropFirst(ServerConfiguration.basePath.utf8.count) }
            self.method = method
            self.segments = path.split(separator: UInt8(ascii: "/")).map { Substring($0) }
            self.query = query
            self.filter = filter
            self.body = body
            self.response = response
        }

        func describe() -> String {
            switch (segments.first, segments.count) {
            case ("Users"?, 1): return method == "POST" ? "create member \(resourceName(key: "userName"))" : list(kind: .user)
            case ("Groups"?, 1): return method == "POST" ? createTeam() : list(kind: .group)
            case ("Users"?, 2) where segments[1] == ".search": return "search members"
            case ("Groups"?, 2) where segments[1] == ".search": return "search teams"
            case ("Users"?, 2): return member(id: String(segments[1]))
            case ("Groups"?, 2): return team(id: String(segments[1]))
            case (".search"?, 1): return "search members and teams"
            case ("ServiceProviderConfig"?, _): return "read service provider config"
            case ("Schemas"?, _): return "read schemas"
            case ("ResourceTypes"?, _): return "read resource types"
            case ("Bulk"?, _): return "bulk request"
            case ("Me"?, _): return "/Me request"
            default: return "\(method) /\(segments.joined(separator: "/"))"
            }
        }

        /// The resource's name: from the response (what was stored), else from the request body.
        func resourceName(key: String, fallback: String = "") -> String {
            let value = response?[key]?.stringValue ?? body?[key]?.stringValue
            return value.map { clip($0, to: 64) } ?? fallback
        }

        func list(kind: ResourceKind) -> String {
            let noun = kind == .user ? "members" : "teams"
            if let text = query["filter"], !text.isEmpty {
                let singular = kind == .user ? "member" : "team"
                switch filter ?? (try? FilterParser.parse(text)) {
                case .compare(let path, .eq, .string(let value))? where path.subAttribute == nil:
                    switch path.attribute.lowercased() {
                    case "username", "displayname":
                        // Entra's Test Connection looks up a random GUID (entra-requests.md E1).
                        if isGUID(value) { return "test connection (\(singular) \(value))" }
                        return "look up \(singular) \(clip(value, to: 64))"
                    case "externalid": return "look up \(singular) by externalId \(clip(value, to: 64))"
                    default: break
                    }
                // Entra's matching on the work e-mail: emails[type eq "work"].value eq "…".
                case .valuePath(let path, .and(.compare(let type, .eq, .string(let emailType)), .compare(let sub, .eq, .string(let value))))?
                where path.attribute.caseInsensitiveEquals("emails") && type.attribute.caseInsensitiveEquals("type")
                    && sub.attribute.caseInsensitiveEquals("value"):
                    return "look up \(singular) by \(clip(emailType, to: 16)) email \(clip(value, to: 64))"
                default: break
                }
                return "search \(noun) where \(clip(text, to: 80))"
            }
            let count = query["count"].flatMap { Int($0) }
            let startIndex = query["startIndex"].flatMap { Int($0) } ?? 1
            if kind == .user, count == 2, startIndex <= 1 { return "test API credentials" }
            if let count, count > 0, startIndex > 1 { return "list \(noun) (page \((startIndex - 1) / count + 1))" }
            return "list \(noun)"
        }

        func member(id: String) -> String {
            let name = resourceName(key: "userName", fallback: id)
            switch method {
            case "GET": return "read member \(name)"
            case "PUT": return "update member \(name)"
            case "DELETE": return "delete member \(id)"
            case "PATCH":
                switch activeChange() {
                case false?: return "deactivate member \(name)"
                case true?: return "reactivate member \(name)"
                case nil: return "update member \(name)"
                }
            default: return "\(method) member \(name)"
            }
        }

        /// Whether every operation of a PATCH only sets `active`, and to what: Okta's
        /// `{"op":"replace","value":{"active":false}}` and its path form.
        func activeChange() -> Bool? {
            var result: Bool?
            for operation in operations {
                let value: JSONValue?
                if let path = operation["path"]?.stringValue {
                    guard path.caseInsensitiveEquals("active") else { return nil }
                    value = operation["value"]
                } else {
                    guard let object = operation["value"]?.objectValue,
                        object.allSatisfy({ $0.key.caseInsensitiveEquals("active") || $0.key.caseInsensitiveEquals("id") })
                    else { return nil }
                    value = object["active"]
                }
                switch value {
                case .bool(let b)?: result = b
                case .string(let s)? where s.lowercased() == "true" || s.lowercased() == "false": result = s.lowercased() == "true"
                default: return nil
                }
            }
            return result
        }

        var operations: [JSONObject] {
            body?["Operations"]?.arrayValue?.compactMap(\.objectValue) ?? []
        }

        func createTeam() -> String {
            let members = body?["members"]?.arrayValue?.count ?? 0
            return "create team \(resourceName(key: "displayName"))" + (members > 0 ? " with \(count(members, "member"))" : "")
        }

        func team(id: String) -> String {
            let name = resourceName(key: "displayName", fallback: id)
            switch method {
            case "GET": return "read team \(name)"
            case "DELETE": return "delete team \(id)"
            case "PUT": return "update team \(name) (\(count(body?["members"]?.arrayValue?.count ?? 0, "member")))"
            case "PATCH": return patchTeam(name: name)
            default: return "\(method) team \(name)"
            }
        }

        /// Okta's group PATCHes: rename (sent on every push), delta adds and removes, "Push Now" replace.
        func patchTeam(name: String) -> String {
            var added = 0
            var removed = 0
            var removedAll = false
            var replaced: Int?
            var renamed = false
            for operation in operations {
                let op = operation["op"]?.stringValue?.lowercased() ?? ""
                let path = operation["path"]?.stringValue
                let values = operation["value"]?.arrayValue
                guard let path else {
                    guard let object = operation["value"]?.objectValue else { continue }
                    if object["displayName"] != nil { renamed = true }
                    if let members = object["members"]?.arrayValue {
                        if op == "replace" { replaced = members.count } else { added += members.count }
                    }
                    continue
                }
                if path.caseInsensitiveEquals("members") {
                    switch op {
                    case "add": added += values?.count ?? 0
                    case "replace": replaced = values?.count ?? 0
                    case "remove": if let values { removed += values.count } else { removedAll = true }
                    default: break
                    }
                } else if path.lowercased().hasPrefix("members["), op == "remove" {
                    removed += 1
                } else if path.caseInsensitiveEquals("displayName") {
                    renamed = true
                }
            }
            if let replaced { return "replace members of team \(name) (\(replaced))" }
            if removedAll { return "remove all members from team \(name)" }
            switch (added, removed) {
            case (0, 0): return renamed ? "rename team \(name)" : "update team \(name)"
            case (_, 0): return "add \(count(added, "member")) to team \(name)"
            case (0, _): return "remove \(count(removed, "member")) from team \(name)"
            default: return "change members of team \(name) (+\(added) −\(removed))"
            }
        }
    }

    private static func reason(status: Int, scimType: String?, response: JSONValue?) -> String {
        if let scimType, !scimType.isEmpty { return scimType }
        let detail = response?.objectValue?["detail"]?.stringValue?.lowercased() ?? ""
        switch status {
        case 403 where detail.contains("seat limit"): return "seat limit"
        case 403 where detail.contains("enterprise"): return "needs Enterprise plan"
        case 403: return "forbidden"
        case 404: return "not found"
        case 405: return "method not allowed"
        case 409: return "conflict"
        case 412: return "version mismatch"
        case 413: return "body too large"
        case 414: return "URL too long"
        case 415: return "unsupported media type"
        case 429: return "rate limited"
        case 501: return "not implemented"
        case 500...: return "server error"
        default: return "bad request"
        }
    }

    /// Whether `text` is 8-4-4-4-12 hexadecimal digits, as Entra's random probe values are.
    private static func isGUID(_ text: String) -> Bool {
        let groups = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) } }
    }

    private static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    private static func clip(_ text: String, to limit: Int) -> String {
        // No more bytes than the limit means no more characters: counting characters (grapheme
        // breaking) is then not needed, which is nearly always.
        text.utf8.count <= limit || text.count <= limit ? text : text.prefix(limit - 1) + "…"
    }
}
