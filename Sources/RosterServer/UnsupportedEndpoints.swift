import Hummingbird
import SCIM

/// The endpoints Roster does not serve: `/Me` and `/Bulk` (ServiceProviderConfig says bulk is
/// unsupported) answer 501, and any other path under `/scim/v2` a SCIM 404.
struct UnsupportedEndpoints {
    func addRoutes(to group: RouterGroup<SCIMRequestContext>) {
        for method in MethodNotAllowed.methods {
            group.on("Me", method: method) { _, _ -> Response in
                throw SCIMError.notImplemented(
                    "Roster does not implement /Me: API keys act for an organization, not for a member.")
            }
            group.on("Bulk", method: method) { _, _ -> Response in
                throw SCIMError.notImplemented(
                    "Roster does not implement /Bulk (ServiceProviderConfig says bulk is unsupported); "
                        + "send one request per resource.")
            }
            group.on("", method: method, use: notFound)
            group.on("**", method: method, use: notFound)
        }
    }

    @Sendable func notFound(_ request: Request, context: SCIMRequestContext) throws -> Response {
        throw SCIMError.notFound(
            "There is no SCIM endpoint at \(request.uri.path). Roster serves /Users, /Groups, /.search, "
                + "/ServiceProviderConfig, /Schemas and /ResourceTypes under \(ServerConfiguration.basePath).")
    }
}
