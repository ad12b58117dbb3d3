import Foundation
import Hummingbird
import SCIM

/// The discovery endpoints (RFC 7644 §4): `/ServiceProviderConfig`, `/Schemas[/{id}]` and
/// `/ResourceTypes[/{id}]`.
struct DiscoveryController {
    let environment: SCIMEnvironment

    func addRoutes(to group: RouterGroup<SCIMRequestContext>) {
        group.get("ServiceProviderConfig", use: serviceProviderConfig)
        group.get("Schemas", use: schemas)
        group.get("Schemas/:id", use: schema)
        group.get("ResourceTypes", use: resourceTypes)
        group.get("ResourceTypes/:id", use: resourceType)
        for path: RouterPath in ["ServiceProviderConfig", "Schemas", "Schemas/:id", "ResourceTypes", "ResourceTypes/:id"] {
            MethodNotAllowed.register(on: group, path: path, allowed: [.get])
        }
    }

    @Sendable func serviceProviderConfig(_ request: Request, context: SCIMRequestContext) throws -> Response {
        let body = ServiceProviderConfig.json(
            baseURL: environment.baseURL(for: request), maxResults: environment.configuration.maxPageSize,
            defaultPageSize: environment.configuration.defaultPageSize)
        return SCIMResponse.json(body, context: context)
    }

    @Sendable func schemas(_ request: Request, context: SCIMRequestContext) throws -> Response {
        let baseURL = environment.baseURL(for: request)
        let resources = CoreSchemas.all.map { $0.json(baseURL: baseURL) }
        return SCIMResponse.json(
            ListResponse.json(totalResults: resources.count, startIndex: 1, resources: resources), context: context)
    }

    @Sendable func schema(_ request: Request, context: SCIMRequestContext) throws -> Response {
        let id = Self.decoded(try context.parameters.require("id"))
        guard let schema = CoreSchemas.schema(id: id) else {
            throw SCIMError.notFound(
                "No schema '\(id)'; Roster publishes \(CoreSchemas.all.map(\.id).joined(separator: ", ")).")
        }
        return SCIMResponse.json(schema.json(baseURL: environment.baseURL(for: request)), context: context)
    }

    @Sendable func resourceTypes(_ request: Request, context: SCIMRequestContext) throws -> Response {
        let baseURL = environment.baseURL(for: request)
        let resources = ResourceKind.allCases.map { $0.resourceTypeJSON(baseURL: baseURL) }
        return SCIMResponse.json(
            ListResponse.json(totalResults: resources.count, startIndex: 1, resources: resources), context: context)
    }

    @Sendable func resourceType(_ request: Request, context: SCIMRequestContext) throws -> Response {
        let id = Self.decoded(try context.parameters.require("id"))
        guard let kind = ResourceKind.allCases.first(where: { $0.rawValue.caseInsensitiveEquals(id) }) else {
            throw SCIMError.notFound("No resource type '\(id)'; Roster serves User and Group.")
        }
        return SCIMResponse.json(kind.resourceTypeJSON(baseURL: environment.baseURL(for: request)), context: context)
    }

    /// Schema ids are URNs; some clients percent-encode their colons in the path.
    private static func decoded(_ component: String) -> String {
        component.removingPercentEncoding ?? component
    }
}
