import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Sends the simulator's requests over HTTP with AsyncHTTPClient: to Roster in-process for the
/// demo, or to any SCIM server for `roster simulate`. Only the public SCIM API is used.
public struct HTTPTransport: SCIMTransport {
    /// The SCIM base URL without a trailing slash, e.g. `http://127.0.0.1:8080/scim/v2`.
    public let baseURL: String
    let client: HTTPClient
    /// Okta gives up on a request after 60 s (okta-requests.md §0).
    let timeout: TimeAmount
    /// Larger answers are cut (a page of 100 users is well below).
    let maxResponseBytes: Int

    /// - Parameter client: the shared client by default; connections are kept alive between pushes.
    public init(
        baseURL: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(60),
        maxResponseBytes: Int = 32 << 20
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Runs `body` with a transport on its own client, shut down afterwards. A refused connection fails after
    /// `connectTimeout` (the shared client would retry connecting until the 60 s request timeout).
    public static func with<Return>(
        baseURL: String, connectTimeout: TimeAmount = .seconds(5), isolation: isolated (any Actor)? = #isolation,
        _ body: (HTTPTransport) async throws -> Return
    ) async throws -> Return {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = connectTimeout
        return try await HTTPClient.withHTTPClient(configuration: configuration, isolation: isolation) { client in
            try await body(HTTPTransport(baseURL: baseURL, client: client))
        }
    }

    public func send(_ request: SimulatedRequest) async throws -> SimulatedResponse {
        var http = HTTPClientRequest(url: baseURL + request.path)
        http.method = HTTPMethod(rawValue: request.method.rawValue)
        for header in request.headers { http.headers.add(name: header.name, value: header.value) }
        if let body = request.bodyText { http.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(http, timeout: timeout)
        let body = try await response.body.collect(upTo: maxResponseBytes)
        return SimulatedResponse(
            status: Int(response.status.code), text: String(buffer: body),
            retryAfter: response.headers.first(name: "Retry-After").flatMap { Int($0) })
    }

    /// Polls `url` with GET until it answers 200 (a server that is still starting), for at most `attempts`
    /// tenths of a second; true when it answered.
    public static func waitUntilAnswering(
        _ url: String, client: HTTPClient = .shared, attempts: Int = 300
    ) async -> Bool {
        let request = HTTPClientRequest(url: url)
        for _ in 0..<attempts {
            if let response = try? await client.execute(request, timeout: .seconds(1)), response.status == .ok {
                return true
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
