import Hummingbird
import NIOCore
import RosterStore
import SCIM

/// The request context of every SCIM route: the client's address, and once
/// ``APIKeyAuthenticator`` has run, the API key and organization the request acts for.
public struct SCIMRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer of the TCP connection (a proxy's address when there is one).
    public let remoteAddress: SocketAddress?
    /// Who is calling, set by ``APIKeyAuthenticator``; nil before authentication.
    public internal(set) var client: AuthenticatedClient?
    /// What the handlers tell the request log about this request; nil when nothing is logged.
    var notes: RequestNotes?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The authenticated client, or a 401 for a route reached without one (a wiring mistake).
    func requireClient() throws(SCIMError) -> AuthenticatedClient {
        guard let client else { throw SCIMError.unauthorized("This endpoint needs an API key.") }
        return client
    }

    /// The client address as text for logs: the IP without the port, or a socket path.
    var clientAddressText: String {
        guard let remoteAddress else { return "" }
        return remoteAddress.ipAddress ?? remoteAddress.pathname ?? "\(remoteAddress)"
    }
}

/// An authenticated SCIM client: the API key it presented and the organization that key belongs to.
///
/// A class: the request context carrying it is copied into every middleware and handler, and as
/// a struct each copy retained and released every string of the key and the organization
/// (reference counting was over a tenth of a `GET /Users/{id}`'s CPU).
public final class AuthenticatedClient: Sendable {
    public let key: APIKey
    public let organization: Organization

    public init(key: APIKey, organization: Organization) {
        self.key = key
        self.organization = organization
    }
}
