import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A response read whole by ``httpGet(_:headers:)``.
struct RawReply {
    let status: Int
    let headers: [String: String]
    let body: String
}

/// GET `url` with AsyncHTTPClient's shared client, for listeners HummingbirdTesting does not drive (`/metrics`).
func httpGet(_ url: String, headers: [String: String] = [:]) async throws -> RawReply {
    var request = HTTPClientRequest(url: url)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 4 << 20)
    var fields: [String: String] = [:]
    for (name, value) in response.headers { fields[name.lowercased()] = value }
    return RawReply(status: Int(response.status.code), headers: fields, body: String(buffer: body))
}
