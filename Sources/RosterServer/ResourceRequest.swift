import Hummingbird
import RosterStore
import SCIM

/// What every request on one resource (`/Users/{id}`, `/Groups/{id}`) starts from: the
/// authenticated client, the id (noted for the request log), the `If-Match` version and the
/// `attributes`/`excludedAttributes` projection.
struct ResourceRequest {
    let client: AuthenticatedClient
    let id: String
    let expectedVersion: Int?
    let projection: AttributeProjection?

    init(_ request: Request, context: SCIMRequestContext, kind: ResourceKind, environment: SCIMEnvironment) throws {
        client = try context.requireClient()
        let id = try context.parameters.require("id")
        context.notes?.update { $0.resourceID = id }
        self.id = id
        expectedVersion = try EntityTag.expectedVersion(ifMatch: request.headers[.ifMatch])
        projection = try environment.projection(for: request, kind: kind)
    }

    var organization: Organization { client.organization }
}
