import Hummingbird
import RosterStore
import SCIM

/// What every SCIM controller needs: the directory (writes), the store (reads) and the
/// configuration (limits, public URL).
struct SCIMEnvironment: Sendable {
    let directory: Directory
    let configuration: ServerConfiguration

    var store: any Store { directory.store }

    /// The SCIM base URL for `meta.location` and `Location`: the configured public URL, or one
    /// derived from the request's `Host`, https when Roster serves TLS itself or a TLS proxy says
    /// `X-Forwarded-Proto: https`.
    func baseURL(for request: Request) -> String {
        if let publicBaseURL = configuration.publicBaseURL { return publicBaseURL }
        let host = request.head.authority ?? "\(configuration.host):\(configuration.port)"
        let forwardedProto = request.headers.first { $0.name.canonicalName == "x-forwarded-proto" }?.value
        let scheme = configuration.tls != nil || forwardedProto?.lowercased() == "https" ? "https" : "http"
        return "\(scheme)://\(host)\(ServerConfiguration.basePath)"
    }

    /// Who a SCIM write is credited to: the client named by its User-Agent (the MANAGED badge)
    /// and the label of the key it presented (the change feed's `scim:<key label>`).
    func actor(for request: Request, context: SCIMRequestContext) throws(SCIMError) -> ChangeActor {
        .scim(
            client: RequestSummary.clientName(userAgent: request.headers[.userAgent] ?? ""),
            keyLabel: try context.requireClient().key.label)
    }

    /// `attributes`/`excludedAttributes` of a single-resource request, nil when neither is given.
    func projection(for request: Request, kind: ResourceKind) throws(SCIMError) -> AttributeProjection? {
        guard request.uri.query?.isEmpty == false else { return nil }
        let parameters = QueryParameters(request.uri.query)
        let attributes = parameters["attributes"]
        let excluded = parameters["excludedAttributes"]
        guard !(attributes ?? "").isEmpty || !(excluded ?? "").isEmpty else { return nil }
        return try AttributeProjection(attributes: attributes, excludedAttributes: excluded, kind: kind)
    }

    /// One page of the organization's members or teams.
    func page(of kind: ResourceKind, organizationID: String, query: ListQuery) async throws -> ListPage {
        switch kind {
        case .user: try await store.members(organizationID: organizationID, query: query)
        case .group: try await store.teams(organizationID: organizationID, query: query)
        }
    }

    /// `GET /Users` or `GET /Groups`: the query string's filter, sort, page and projection, as a
    /// ListResponse.
    func listResponse(_ request: Request, context: SCIMRequestContext, kind: ResourceKind) async throws -> Response {
        let client = try context.requireClient()
        let parameters = try ListParameters(query: QueryParameters(request.uri.query), kind: kind, configuration: configuration)
        context.notes?.update { $0.filter = parameters.query.filter }
        if kind == .group {
            // Teams' members are written from the store's rows straight into the body.
            return try await SCIMResponse.teamList(
                organizationID: client.organization.id, query: parameters.query, cursor: parameters.cursor, store: store,
                baseURL: baseURL(for: request),
                projection: parameters.projection, context: context)
        }
        if parameters.projection == nil {
            // Members' stored text is spliced into the body (Okta's `userName eq` look-ups land here).
            let page = try await store.storedMembers(organizationID: client.organization.id, query: parameters.query)
            return SCIMResponse.storedMemberList(
                page, startIndex: parameters.query.startIndex, cursor: parameters.cursor, baseURL: baseURL(for: request),
                context: context)
        }
        let page = try await page(of: kind, organizationID: client.organization.id, query: parameters.query)
        let body = ListResponse.json(
            page: page, startIndex: parameters.query.startIndex, baseURL: baseURL(for: request), projection: parameters.projection,
            cursor: parameters.cursor)
        return SCIMResponse.json(body, context: context)
    }
}
