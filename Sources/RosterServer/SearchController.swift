import Hummingbird
import RosterStore
import SCIM

/// `POST /.search`, `/Users/.search` and `/Groups/.search` (RFC 7644 §3.4.3): a SearchRequest
/// body instead of query parameters, so long filters stay out of URLs and logs of proxies.
struct SearchController {
    let environment: SCIMEnvironment

    func addRoutes(to group: RouterGroup<SCIMRequestContext>) {
        group.post(".search", use: searchAll)
        group.post("Users/.search", use: searchMembers)
        group.post("Groups/.search", use: searchTeams)
        for path: RouterPath in [".search", "Users/.search", "Groups/.search"] {
            MethodNotAllowed.register(on: group, path: path, allowed: [.post])
        }
    }

    @Sendable func searchMembers(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        try await search(request, context: context, kinds: [.user])
    }

    @Sendable func searchTeams(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        try await search(request, context: context, kinds: [.group])
    }

    /// The root search covers members, then teams, as one list paged across both. Teams are written
    /// from the store's rows as in `GET /Groups`, so a big team in the results builds no tree.
    @Sendable func searchAll(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        try await search(request, context: context, kinds: [.user, .group])
    }

    private func search(_ request: Request, context: SCIMRequestContext, kinds: [ResourceKind]) async throws -> Response {
        let client = try context.requireClient()
        let body = try await SCIMRequestBody.json(request, context: context, configuration: environment.configuration)
        let baseURL = environment.baseURL(for: request)
        let parameters = try kinds.map { kind throws(SCIMError) in
            try ListParameters(searchRequest: body, kind: kind, configuration: environment.configuration)
        }
        let startIndex = parameters[0].query.startIndex
        var remaining = parameters[0].query.count
        // Position of the page's first resource within the current kind's results.
        var offset = startIndex
        var elements = ListElements(totalResults: 0)
        var failures: [SCIMError] = []
        for (kind, kindParameters) in zip(kinds, parameters) {
            var query = kindParameters.query
            query.startIndex = offset
            query.count = remaining
            let part: ListElements
            do {
                part = try await page(
                    of: kind, query: query, organizationID: client.organization.id, baseURL: baseURL,
                    projection: kindParameters.projection)
            } catch let error as SCIMError where kinds.count > 1 && error.status == 400 {
                // A filter on an attribute that one resource type lacks (userName on teams) matches
                // none of that type; it is an error only when it fits no type at all.
                failures.append(error)
                continue
            }
            elements.append(part)
            remaining -= part.count
            offset = max(1, offset - part.totalResults)
        }
        if failures.count == kinds.count, let first = failures.first { throw first }
        return SCIMResponse.list(elements, startIndex: startIndex, cursor: parameters[0].cursor, context: context)
    }

    /// One kind's page of a search, written.
    private func page(
        of kind: ResourceKind, query: ListQuery, organizationID: String, baseURL: String, projection: AttributeProjection?
    ) async throws -> ListElements {
        switch kind {
        case .user:
            let page = try await environment.page(of: .user, organizationID: organizationID, query: query)
            var elements = ListElements(totalResults: page.totalResults)
            for member in ListResponse.resources(page: page, baseURL: baseURL, projection: projection) {
                elements.write { $0.writeBytes(JSONWriter().bytes(member)) }
            }
            return elements
        case .group:
            return try await SCIMResponse.teams(
                organizationID: organizationID, query: query, store: environment.store, baseURL: baseURL,
                projection: projection)
        }
    }
}
