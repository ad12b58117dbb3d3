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
    /// derived from the request's `Host` (and `X-Forwarded-Proto` behind a TLS proxy).
    func baseURL(for request: Request) -> String {
        if let publicBaseURL = configuration.publicBaseURL { return publicBaseURL }
        let host = request.head.authority ?? "\(configuration.host):\(configuration.port)"
        let forwardedProto = request.headers.first { $0.name.canonicalName == "x-forwarded-proto" }?.value
        let scheme = forwardedProto?.lowercased() == "https" ? "https" : "http"
        return "\(scheme)://\(host)\(ServerConfiguration.basePath)"
    }

    /// Who the audit log credits a SCIM write to: the client named by its User-Agent.
    func actor(for request: Request) -> Actor {
        .scim(client: RequestSummary.clientName(userAgent: request.headers[.userAgent] ?? ""))
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
}
