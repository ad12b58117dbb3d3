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

    /// Teams alone are written like `GET /Groups`: members straight from the store's rows, so a
    /// search that returns a 100,000-member team builds no tree of it.
    @Sendable func searchTeams(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let body = try await SCIMRequestBody.json(request, context: context, configuration: environment.configuration)
        let parameters = try ListParameters(searchRequest: body, kind: .group, configuration: environment.configuration)
        return try await SCIMResponse.teamList(
            organizationID: client.organization.id, query: parameters.query, store: environment.store,
            baseURL: environment.baseURL(for: request), projection: parameters.projection, context: context)
    }

    /// The root search covers members, then teams, as one list paged across both.
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
        var totalResults = 0
        var resources: [JSONValue] = []
        var failures: [SCIMError] = []
        for (kind, kindParameters) in zip(kinds, parameters) {
            var query = kindParameters.query
            query.startIndex = offset
            query.count = remaining
            let page: ListPage
            do {
                page = try await environment.page(of: kind, organizationID: client.organization.id, query: query)
            } catch let error as SCIMError where kinds.count > 1 && error.status == 400 {
                // A filter on an attribute that one resource type lacks (userName on teams) matches
                // none of that type; it is an error only when it fits no type at all.
                failures.append(error)
                continue
            }
            totalResults += page.totalResults
            resources += ListResponse.resources(page: page, baseURL: baseURL, projection: kindParameters.projection)
            remaining -= page.resources.count
            offset = max(1, offset - page.totalResults)
        }
        if failures.count == kinds.count, let first = failures.first { throw first }
        return SCIMResponse.json(
            ListResponse.json(totalResults: totalResults, startIndex: startIndex, resources: resources), context: context)
    }
}
