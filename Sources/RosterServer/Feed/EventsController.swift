import Foundation
import Hummingbird
import RosterStore
import SCIM

/// `GET /api/v1/events`: the change feed for the vendor's application, read with an application key.
///
/// Answers `{"data": [events, oldest first], "after": cursor}`. `after` is always there (unchanged
/// when no event came), so a reader loops on it; with `wait`, a request that finds nothing is held
/// until an event commits or the wait ends, so an application hears of a change within a poll
/// interval without webhooks.
struct EventsController: Sendable {
    let store: any Store
    let authenticator: AppKeyAuthenticator
    /// How often a held request looks for new events: the most an event waits to be noticed.
    let pollInterval: Duration

    func addRoutes(to group: RouterGroup<SCIMRequestContext>) {
        group.get("events", use: events)
    }

    @Sendable func events(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let key = try await authenticator.authenticate(request)
        let query = try EventsQuery(QueryParameters(request.uri.query))
        let organizationID = try query.organization(for: key)
        if let organizationID, try await store.organization(id: organizationID) == nil {
            throw SCIMError.notFound("No organization \(organizationID).")
        }
        let start = try query.start(prunedThrough: try await store.eventsPrunedThrough())
        let deadline = ContinuousClock.now + .seconds(query.wait)
        var events = try await store.events(after: start, organizationID: organizationID, types: query.types, limit: query.limit)
        while events.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: min(pollInterval, deadline - ContinuousClock.now))
            events = try await store.events(after: start, organizationID: organizationID, types: query.types, limit: query.limit)
        }
        let after = FeedCursor(position: events.last?.position ?? start)
        let body: JSONValue = ["data": .array(events.map { .object($0.json) }), "after": .string(after.description)]
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter().bytes(body))))
    }
}
