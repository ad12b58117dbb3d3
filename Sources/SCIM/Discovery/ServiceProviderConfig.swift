/// The `/ServiceProviderConfig` document (RFC 7643 §5): what Roster supports, stated truthfully,
/// since conformance testers check every feature it claims.
public enum ServiceProviderConfig {
    /// - Parameters:
    ///   - baseURL: the SCIM base URL, for `meta.location`.
    ///   - maxResults: the largest page a list or search returns.
    ///   - defaultPageSize: the page size when a request gives no `count`.
    public static func json(baseURL: String, maxResults: Int, defaultPageSize: Int) -> JSONValue {
        var o = JSONObject()
        o["schemas"] = [.string(SCIMURN.serviceProviderConfig)]
        o["patch"] = ["supported": true]
        o["bulk"] = ["supported": false, "maxOperations": 0, "maxPayloadSize": 0]
        o["filter"] = ["supported": true, "maxResults": .number(Double(maxResults))]
        o["changePassword"] = ["supported": false]
        o["sort"] = ["supported": true]
        // RFC 9865: both methods; `startIndex` stays the default, which every client expects.
        o["pagination"] = [
            "cursor": true, "index": true, "defaultPaginationMethod": "index",
            "defaultPageSize": .number(Double(defaultPageSize)), "maxPageSize": .number(Double(maxResults)),
        ]
        o["etag"] = ["supported": true]
        o["authenticationSchemes"] = [
            [
                "type": "oauthbearertoken",
                "name": "API key",
                "description":
                    "An organization's API key, sent as 'Authorization: Bearer <key>' (or the bare key).",
                "primary": true,
            ]
        ]
        o["meta"] = [
            "resourceType": "ServiceProviderConfig",
            "location": .string("\(baseURL)/ServiceProviderConfig"),
        ]
        return .object(o)
    }
}
