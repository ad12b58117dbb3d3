import Foundation
import Hummingbird
import HummingbirdTesting
import RosterPostgres
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing
import Logging

/// A Roster server over a fresh SQLite file, with one organization and one API key, driven over
/// real HTTP (`app.test(.live)`, or AsyncHTTPClient for concurrent requests).
///
/// With `ROSTER_TEST_SERVER_STORE=postgres` and `ROSTER_TEST_POSTGRES_URL` set, the store is
/// PostgreSQL instead (a fresh schema per server), so that `scripts/test.sh` runs these tests
/// against both stores.
struct TestServer {
    let store: any Store
    var organization: Organization
    /// The full secret of the organization's key.
    let key: String
    let keyID: String
    var configuration: ServerConfiguration

    /// - Parameter onSQLite: the embedded store whatever the environment asks, for tests of what
    ///   only it has (its file: backups and checks).
    static func make(
        plan: Plan = .enterprise, seats: Int = 100, phonePolicy: PhonePolicy = .strict,
        configuration: ServerConfiguration = ServerConfiguration(port: 0), onSQLite: Bool = false
    ) async throws -> TestServer {
        let store = onSQLite ? try SQLiteStore.temporary() : try makeStore()
        let organization = try await store.createOrganization(
            name: "Acme", plan: plan, seatLimit: seats, phonePolicy: phonePolicy, actor: .cli(user: "test"))
        let newKey = try await store.createAPIKey(organizationID: organization.id, label: "okta", expiresAt: nil, actor: .cli(user: "test"))
        return TestServer(
            store: store, organization: organization, key: newKey.secret, keyID: newKey.key.id,
            configuration: configuration)
    }

    /// The store the environment asks for (see ``TestServer``).
    static func makeStore() throws -> any Store {
        let environment = ProcessInfo.processInfo.environment
        guard environment["ROSTER_TEST_SERVER_STORE"] == "postgres" else { return try SQLiteStore.temporary() }
        let url = try #require(environment["ROSTER_TEST_POSTGRES_URL"], "ROSTER_TEST_SERVER_STORE=postgres needs ROSTER_TEST_POSTGRES_URL")
        let schema = "server_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "_")
        return try PostgresStore(url: url + (url.contains("?") ? "&" : "?") + "pool=4", schema: schema)
    }

    /// Runs `test` against a live server, with the request log's recorder (nil when it is off).
    func run<Value: Sendable>(
        _ setup: TestingSetup = .live,
        _ test: @Sendable (SCIMClient, RequestLogRecorder?) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "roster-test")
        logger.logLevel = .warning
        let roster = RosterApplication(store: store, configuration: configuration, logger: logger)
        let key = self.key
        let requestLog = roster.requestLog
        return try await roster.application.test(setup) { client async throws in
            try await test(SCIMClient(client: client, key: key), requestLog)
        }
    }

    func run<Value: Sendable>(
        _ setup: TestingSetup = .live, _ test: @Sendable (SCIMClient) async throws -> Value
    ) async throws -> Value {
        try await run(setup) { client, _ in try await test(client) }
    }
}

/// How a request authenticates.
enum Credential: Sendable {
    /// `Authorization: Bearer <key>` with the test key.
    case bearer
    /// `Authorization: <key>`, Okta's header mode.
    case bare
    /// No Authorization header.
    case none
    /// This exact Authorization value.
    case header(String)
}

/// A SCIM client over HummingbirdTesting: paths are relative to `/scim/v2` unless they start with `/`.
struct SCIMClient: Sendable {
    let client: any TestClientProtocol
    let key: String
    /// The User-Agent every request carries: Okta's unless a test speaks as another client.
    var userAgent = Self.oktaUserAgent
    /// The Accept header every request carries; nil sends none (Entra asks for no media type).
    var accept: String? = "application/scim+json"

    static let oktaUserAgent = "Okta SCIM Client 1.0.0"

    /// The same client, sending `userAgent` instead of Okta's and `accept` as its Accept header.
    func speaking(as userAgent: String, accept: String?) -> SCIMClient {
        var copy = self
        copy.userAgent = userAgent
        copy.accept = accept
        return copy
    }

    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, body: String? = nil,
        contentType: String? = "application/scim+json; charset=utf-8", credential: Credential = .bearer,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers: HTTPFields = [.userAgent: userAgent]
        if let accept { headers[.accept] = accept }
        switch credential {
        case .bearer: headers[.authorization] = "Bearer \(key)"
        case .bare: headers[.authorization] = key
        case .none: break
        case .header(let value): headers[.authorization] = value
        }
        let payload = json.map { $0.jsonString } ?? body
        if payload != nil, let contentType { headers[.contentType] = contentType }
        headers.append(contentsOf: extra)
        let uri = path.hasPrefix("/") ? path : "/scim/v2/\(path)"
        let response = try await client.executeRequest(
            uri: uri, method: method, headers: headers, body: payload.map { ByteBuffer(string: $0) })
        return Reply(response: response)
    }

    func get(_ path: String, credential: Credential = .bearer, headers: HTTPFields = [:]) async throws -> Reply {
        try await request(.get, path, contentType: nil, credential: credential, headers: headers)
    }

    func post(_ path: String, _ json: JSONValue, headers: HTTPFields = [:]) async throws -> Reply {
        try await request(.post, path, json: json, headers: headers)
    }

    func put(_ path: String, _ json: JSONValue, headers: HTTPFields = [:]) async throws -> Reply {
        try await request(.put, path, json: json, headers: headers)
    }

    func patch(_ path: String, _ json: JSONValue, headers: HTTPFields = [:]) async throws -> Reply {
        try await request(.patch, path, json: json, headers: headers)
    }

    func delete(_ path: String, headers: HTTPFields = [:]) async throws -> Reply {
        try await request(.delete, path, contentType: nil, headers: headers)
    }

    /// Creates a member the way Okta does and returns its id.
    func createUser(
        _ userName: String, givenName: String = "Test", familyName: String = "User", active: Bool = true,
        phone: String? = nil
    ) async throws -> String {
        let reply = try await post("Users", OktaBodies.user(userName, givenName: givenName, familyName: familyName, active: active, phone: phone))
        guard reply.status == 201, let id = reply.json?["id"]?.stringValue else {
            throw TestFailure("creating \(userName) answered \(reply.status): \(reply.text)")
        }
        return id
    }

    /// Creates a team and returns its id.
    func createGroup(_ displayName: String, members: [String] = []) async throws -> String {
        let reply = try await post("Groups", OktaBodies.group(displayName, members: members))
        guard reply.status == 201, let id = reply.json?["id"]?.stringValue else {
            throw TestFailure("creating team \(displayName) answered \(reply.status): \(reply.text)")
        }
        return id
    }
}

/// A response with its body parsed when it is JSON.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let text: String
    let json: JSONValue?

    init(response: TestResponse) {
        status = response.status.code
        headers = response.headers
        text = String(buffer: response.body)
        json = try? JSONParser.parse(text)
    }

    /// `schemas` of the body, empty when absent.
    var schemas: [String] { json?["schemas"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    var detail: String? { json?["detail"]?.stringValue }
    var resources: [JSONValue] { json?["Resources"]?.arrayValue ?? [] }
    var totalResults: Double? { json?["totalResults"]?.numberValue }
    var memberIDs: Set<String> {
        Set(json?["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? [])
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? { objectValue?[key] }
    subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
    /// A dotted path such as `name.givenName`.
    func at(_ path: String) -> JSONValue? {
        var value: JSONValue? = self
        for step in path.split(separator: ".") { value = value?[String(step)] }
        return value
    }
}

/// Request bodies as Okta sends them (okta-requests.md §2).
enum OktaBodies {
    static func user(
        _ userName: String, givenName: String = "Test", familyName: String = "User", active: Bool = true,
        phone: String? = nil
    ) -> JSONValue {
        let literal: JSONValue = [
            "schemas": [.string(SCIMURN.user)],
            "userName": .string(userName),
            "name": ["givenName": .string(givenName), "familyName": .string(familyName)],
            "emails": [["primary": true, "value": .string(userName), "type": "work"]],
            "displayName": .string("\(givenName) \(familyName)"),
            "locale": "en-US",
            "externalId": "00ujl29u0le5T6Aj10h7",
            "groups": [],
            "password": "1mz050nq",
            "active": .bool(active),
        ]
        var body = literal.objectValue ?? JSONObject()
        if let phone { body["phoneNumbers"] = [["primary": true, "value": .string(phone), "type": "work"]] }
        return .object(body)
    }

    static func group(_ displayName: String, members: [String] = []) -> JSONValue {
        [
            "schemas": [.string(SCIMURN.group)],
            "displayName": .string(displayName),
            "members": .array(members.map { ["value": .string($0), "display": .string($0)] }),
        ]
    }

    static func setActive(_ active: Bool) -> JSONValue {
        ["schemas": [.string(SCIMURN.patchOp)], "Operations": [["op": "replace", "value": ["active": .bool(active)]]]]
    }

    static func patch(_ operations: [JSONValue]) -> JSONValue {
        ["schemas": [.string(SCIMURN.patchOp)], "Operations": .array(operations)]
    }

    /// A query value encoded as Okta encodes it (`%20` for spaces, `%22` for quotes).
    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
