import Foundation
import RosterPostgres
import Synchronization
import RosterSQLite
import RosterStore
import SCIM
import Testing

/// A way to make an empty store, so that one contract suite runs against every implementation
/// (`@Test(arguments: StoreFactory.all)`): SQLite always, PostgreSQL when `ROSTER_TEST_POSTGRES_URL`
/// names a database (`scripts/test.sh` starts a throwaway cluster and sets it).
struct StoreFactory: Sendable, CustomStringConvertible {
    let description: String
    /// A new empty store whose timestamps come from `clock`.
    let makeWithClock: @Sendable (_ clock: @escaping @Sendable () -> Date) throws -> any Store

    /// A new empty store on the real clock.
    func make() throws -> any Store {
        try makeWithClock { Date() }
    }

    func make(clock: @escaping @Sendable () -> Date) throws -> any Store {
        try makeWithClock(clock)
    }

    /// SQLite on a temporary file (WAL needs a file), removed when the store is released.
    static let sqlite = StoreFactory(description: "SQLite") { clock in try SQLiteStore.temporary(clock: clock) }

    /// PostgreSQL in a fresh schema of the test database per store, so that tests running at once
    /// never see each other's rows; a small pool each, as many stores are open at once.
    static let postgres: StoreFactory? = postgresURL.map { url in
        StoreFactory(description: "PostgreSQL") { clock in try PostgresStore(url: url, schema: freshSchemaName(), clock: clock) }
    }

    /// The test database's URL with a pool of 4 connections, or nil when none is configured.
    static let postgresURL: String? = ProcessInfo.processInfo.environment["ROSTER_TEST_POSTGRES_URL"].map { url in
        url + (url.contains("?") ? "&" : "?") + "pool=4"
    }

    static let all: [StoreFactory] = [.sqlite] + (postgres.map { [$0] } ?? [])
}

/// A schema name no other store uses.
func freshSchemaName() -> String {
    "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "_")
}

/// An Enterprise organization with room for `seats` active members.
func makeOrganization(_ store: any Store, name: String = "Acme", seats: Int = 100) async throws -> Organization {
    try await store.createOrganization(name: name, plan: .enterprise, seatLimit: seats, phonePolicy: .flag, actor: .cli(user: "test"))
}

/// Canonical member attributes, as the validator would hand them to the store.
func userAttributes(
    _ userName: String, displayName: String? = nil, active: Bool? = true, externalId: String? = nil,
    emails: [(String, String)] = [], extra: [(String, JSONValue)] = []
) -> JSONObject {
    var o = JSONObject()
    o["userName"] = .string(userName)
    if let externalId { o["externalId"] = .string(externalId) }
    if let displayName { o["displayName"] = .string(displayName) }
    if let active { o["active"] = .bool(active) }
    if !emails.isEmpty {
        o["emails"] = .array(
            emails.enumerated().map { index, email in
                ["value": .string(email.0), "type": .string(email.1), "primary": .bool(index == 0)]
            })
    }
    for (key, value) in extra { o[key] = value }
    return o
}

func teamAttributes(_ displayName: String, externalId: String? = nil) -> JSONObject {
    var o = JSONObject()
    o["displayName"] = .string(displayName)
    if let externalId { o["externalId"] = .string(externalId) }
    return o
}

let okta = ChangeActor.scim(client: "Okta", keyLabel: "test key")

/// Expects `body` to throw a ``SCIMError`` with `status` (and `scimType` when given); returns it.
@discardableResult
func expectSCIMError(
    status: Int, scimType: SCIMError.ErrorType? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> SCIMError? {
    do {
        try await body()
        Issue.record("expected SCIM error \(status), but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as SCIMError {
        #expect(error.status == status, "\(error)", sourceLocation: sourceLocation)
        if let scimType { #expect(error.scimType == scimType, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected SCIM error \(status), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A filter from its text (RFC 7644 syntax), through the core parser.
func filter(_ text: String) throws -> Filter {
    try FilterParser.parse(text)
}

/// Members without a `display`, as Entra sends them.
func memberRefs(_ ids: [String]) -> [MemberRef] {
    ids.map { MemberRef(value: $0) }
}

/// A clock a test moves by hand, for timestamps and retention.
final class TestClock: Sendable {
    private let time: Mutex<Date>

    init(_ start: Date) {
        time = Mutex(start)
    }

    var now: Date { time.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        time.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
