import Hummingbird
import NIOCore
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
        var totalResults = 0
        var written = Written()
        var failures: [SCIMError] = []
        for (kind, kindParameters) in zip(kinds, parameters) {
            var query = kindParameters.query
            query.startIndex = offset
            query.count = remaining
            let part: Written
            do {
                part = try await write(kind, query: query, organizationID: client.organization.id, baseURL: baseURL,
                    projection: kindParameters.projection)
            } catch let error as SCIMError where kinds.count > 1 && error.status == 400 {
                // A filter on an attribute that one resource type lacks (userName on teams) matches
                // none of that type; it is an error only when it fits no type at all.
                failures.append(error)
                continue
            }
            totalResults += part.totalResults
            written.append(part)
            remaining -= part.summaries.count
            offset = max(1, offset - part.totalResults)
        }
        if failures.count == kinds.count, let first = failures.first { throw first }
        let (head, tail) = ListResponse.envelope(
            totalResults: totalResults, startIndex: startIndex, itemsPerPage: written.summaries.count)
        var response = ByteBuffer()
        response.writeBytes(head)
        response.writeInteger(UInt8(ascii: "["))
        response.writeBuffer(&written.resources)
        response.writeInteger(UInt8(ascii: "]"))
        response.writeBytes(tail)
        return SCIMResponse.rendered(
            response, summary: ListResponse.json(totalResults: totalResults, startIndex: startIndex, resources: written.summaries),
            context: context)
    }

    /// One kind's page of a search: its resources written comma-separated, and what the request
    /// log's summary reads of them (teams without their members).
    private struct Written {
        var totalResults = 0
        var resources = ByteBuffer()
        var summaries: [JSONValue] = []

        mutating func append(_ other: Written) {
            var more = other.resources
            if !summaries.isEmpty, !other.summaries.isEmpty { resources.writeInteger(UInt8(ascii: ",")) }
            resources.writeBuffer(&more)
            summaries += other.summaries
        }
    }

    private func write(
        _ kind: ResourceKind, query: ListQuery, organizationID: String, baseURL: String, projection: AttributeProjection?
    ) async throws -> Written {
        switch kind {
        case .user:
            let page = try await environment.page(of: .user, organizationID: organizationID, query: query)
            var written = Written(totalResults: page.totalResults)
            for member in ListResponse.resources(page: page, baseURL: baseURL, projection: projection) {
                if !written.summaries.isEmpty { written.resources.writeInteger(UInt8(ascii: ",")) }
                written.resources.writeBytes(JSONWriter().bytes(member))
                written.summaries.append(member)
            }
            return written
        case .group:
            return try await environment.store.readTeams(organizationID: organizationID, query: query) { page, members in
                var written = Written(totalResults: page.totalResults)
                for team in page.resources {
                    let json = TeamJSON(team: team, baseURL: baseURL, projection: projection)
                    if !written.summaries.isEmpty { written.resources.writeInteger(UInt8(ascii: ",")) }
                    try json.write(team: team.id, members: members, into: &written.resources)
                    written.summaries.append(.object(json.withoutMembers))
                }
                return written
            }
        }
    }
}
