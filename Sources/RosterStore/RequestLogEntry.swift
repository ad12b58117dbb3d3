import Foundation

/// One request received under `/scim/v2`, as the request log keeps it: secrets redacted, bodies
/// truncated, and a one-line summary for people (`Okta · create member jane@acme.com`).
public struct RequestLogEntry: Sendable, Hashable, Identifiable {
    /// Assigned by the store; 0 until the entry is stored.
    public var id: Int64
    public var time: Date
    /// Nil when the request could not be tied to an organization (a bad key).
    public var organizationID: String?
    public var method: String
    public var path: String
    /// The raw query string without `?`, or empty.
    public var query: String
    public var status: Int
    public var latencyMicros: Int
    public var clientAddress: String
    public var userAgent: String
    /// The visible prefix of the API key used, when one was recognised.
    public var keyPrefix: String?
    /// Request headers worth keeping, `Authorization` redacted.
    public var requestHeaders: [String: String]
    public var requestBody: String
    public var responseBody: String
    public var summary: String
    /// The member or team the request read or changed, when there is one.
    public var resourceID: String?
    /// The SCIM error type of a failed request.
    public var scimType: String?

    public init(
        id: Int64 = 0, time: Date, organizationID: String?, method: String, path: String, query: String,
        status: Int, latencyMicros: Int, clientAddress: String, userAgent: String, keyPrefix: String?,
        requestHeaders: [String: String] = [:], requestBody: String, responseBody: String, summary: String,
        resourceID: String?, scimType: String?
    ) {
        self.id = id
        self.time = time
        self.organizationID = organizationID
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.latencyMicros = latencyMicros
        self.clientAddress = clientAddress
        self.userAgent = userAgent
        self.keyPrefix = keyPrefix
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.responseBody = responseBody
        self.summary = summary
        self.resourceID = resourceID
        self.scimType = scimType
    }

    /// A GET answered 2xx: the server stores it without its response body, request headers and
    /// resource id (the body is the stored resource itself), and a viewer says so instead of "no
    /// body".
    public var isSuccessfulRead: Bool { Self.isSuccessfulRead(method: method, status: status) }

    public static func isSuccessfulRead(method: String, status: Int) -> Bool {
        method == "GET" && (200..<300).contains(status)
    }
}

/// Which request-log entries to read, newest first.
public struct RequestLogQuery: Sendable, Hashable {
    public var organizationID: String?
    /// Only entries with an id below this (for paging back); nil for the newest.
    public var beforeID: Int64?
    /// Only entries with an id above this (for tailing); nil for no lower bound.
    public var afterID: Int64?
    public var resourceID: String?
    public var errorsOnly: Bool
    public var limit: Int

    public init(
        organizationID: String? = nil, beforeID: Int64? = nil, afterID: Int64? = nil, resourceID: String? = nil,
        errorsOnly: Bool = false, limit: Int = 100
    ) {
        self.organizationID = organizationID
        self.beforeID = beforeID
        self.afterID = afterID
        self.resourceID = resourceID
        self.errorsOnly = errorsOnly
        self.limit = limit
    }
}

/// An operator action worth keeping: keys created, rotated or revoked, manual edits.
public struct AuditEntry: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var time: Date
    public var organizationID: String?
    public var actor: String
    public var action: String
    public var target: String
    public var detail: String

    public init(id: Int64 = 0, time: Date, organizationID: String?, actor: String, action: String, target: String, detail: String = "") {
        self.id = id
        self.time = time
        self.organizationID = organizationID
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}
