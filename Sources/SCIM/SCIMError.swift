/// A SCIM protocol error (RFC 7644 §3.12): an HTTP status, an optional `scimType` and a `detail`
/// written for the administrator who will read it in Okta's or Entra's task list.
///
/// The core knows statuses only as numbers; the server maps them onto HTTP.
public struct SCIMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `scimType` keywords of RFC 7644 Table 9, and RFC 9865's pagination errors.
    public struct ErrorType: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let invalidFilter = Self(rawValue: "invalidFilter")
        public static let tooMany = Self(rawValue: "tooMany")
        public static let uniqueness = Self(rawValue: "uniqueness")
        public static let mutability = Self(rawValue: "mutability")
        public static let invalidSyntax = Self(rawValue: "invalidSyntax")
        public static let invalidPath = Self(rawValue: "invalidPath")
        public static let noTarget = Self(rawValue: "noTarget")
        public static let invalidValue = Self(rawValue: "invalidValue")
        public static let invalidVers = Self(rawValue: "invalidVers")
        public static let sensitive = Self(rawValue: "sensitive")
        /// RFC 9865: a `cursor` the server did not issue for this query.
        public static let invalidCursor = Self(rawValue: "invalidCursor")
        /// RFC 9865: a `count` outside 1…maxPageSize in cursor-based pagination.
        public static let invalidCount = Self(rawValue: "invalidCount")
    }

    public var status: Int
    public var scimType: ErrorType?
    public var detail: String

    public init(status: Int, scimType: ErrorType? = nil, detail: String) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
    }

    public var description: String {
        "SCIM \(status)\(scimType.map { " \($0.rawValue)" } ?? ""): \(detail)"
    }

    /// The error body: `status` is a string, as RFC 7644 §3.12 and Okta's tests require.
    public var json: JSONValue {
        var body = JSONObject()
        body["schemas"] = [.string(SCIMURN.error)]
        if let scimType { body["scimType"] = .string(scimType.rawValue) }
        body["detail"] = .string(detail)
        body["status"] = .string(String(status))
        return .object(body)
    }

    public static func invalidFilter(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidFilter, detail: detail)
    }
    public static func invalidSyntax(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidSyntax, detail: detail)
    }
    public static func invalidValue(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidValue, detail: detail)
    }
    public static func invalidPath(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidPath, detail: detail)
    }
    public static func noTarget(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .noTarget, detail: detail)
    }
    public static func mutability(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .mutability, detail: detail)
    }
    public static func tooMany(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .tooMany, detail: detail)
    }
    public static func uniqueness(_ detail: String) -> SCIMError {
        SCIMError(status: 409, scimType: .uniqueness, detail: detail)
    }
    public static func notFound(_ detail: String) -> SCIMError {
        SCIMError(status: 404, detail: detail)
    }
    public static func preconditionFailed(_ detail: String) -> SCIMError {
        SCIMError(status: 412, detail: detail)
    }
    public static func forbidden(_ detail: String) -> SCIMError {
        SCIMError(status: 403, detail: detail)
    }
    public static func unauthorized(_ detail: String) -> SCIMError {
        SCIMError(status: 401, detail: detail)
    }
    public static func notImplemented(_ detail: String) -> SCIMError {
        SCIMError(status: 501, detail: detail)
    }
}
