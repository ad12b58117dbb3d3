import SCIM

/// Sends one request and returns the answer: HTTP for real (``HTTPTransport``), a scripted fake in tests.
public protocol SCIMTransport: Sendable {
    /// Throws only when no answer came (connection refused, timeout); any HTTP status is an answer.
    func send(_ request: SimulatedRequest) async throws -> SimulatedResponse
}

/// An HTTP answer: status and body, parsed when it is JSON.
public struct SimulatedResponse: Sendable, Hashable {
    public var status: Int
    public var text: String
    public var json: JSONValue?
    /// The `Retry-After` header in seconds, when the server sent one as an integer.
    public var retryAfter: Int?

    public init(status: Int, text: String, retryAfter: Int? = nil) {
        self.status = status
        self.text = text
        self.json = text.isEmpty ? nil : try? JSONParser.parse(text)
        self.retryAfter = retryAfter
    }

    public init(status: Int, json: JSONValue?) {
        self.status = status
        self.text = json.map { JSONWriter().string($0) } ?? ""
        self.json = json
    }

    /// `Resources` of a list answer.
    var resources: [JSONValue] { json?.member("Resources")?.arrayValue ?? [] }
}
