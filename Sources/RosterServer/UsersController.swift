import Hummingbird
import RosterStore
import SCIM

/// `/Users`: the organization's members (RFC 7644 §3.2–3.6).
struct UsersController {
    let environment: SCIMEnvironment

    func addRoutes(to group: RouterGroup<SCIMRequestContext>) {
        group.get("Users", use: list)
        group.post("Users", use: create)
        group.get("Users/:id", use: read)
        group.put("Users/:id", use: replace)
        group.patch("Users/:id", use: patch)
        group.delete("Users/:id", use: delete)
        MethodNotAllowed.register(on: group, path: "Users", allowed: [.get, .post])
        MethodNotAllowed.register(on: group, path: "Users/:id", allowed: [.get, .put, .patch, .delete])
    }

    @Sendable func list(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        try await environment.listResponse(request, context: context, kind: .user)
    }

    @Sendable func create(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let body = try await SCIMRequestBody.json(request, context: context, configuration: environment.configuration)
        let member = try await environment.directory.createMember(
            in: client.organization, body: body, actor: try environment.actor(for: request, context: context))
        return SCIMResponse.resource(
            member, status: .created, baseURL: environment.baseURL(for: request),
            projection: try environment.projection(for: request, kind: .user), context: context)
    }

    @Sendable func read(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let id = try context.parameters.require("id")
        context.notes?.update { $0.resourceID = id }
        let projection = try environment.projection(for: request, kind: .user)
        if projection == nil {
            // The common case (Okta's look-up before a write): the stored text, spliced.
            guard let member = try await environment.store.storedMember(organizationID: client.organization.id, id: id) else {
                throw SCIMError.notFound(ResourceKind.user.notFoundDetail(id: id))
            }
            if EntityTag.matches(ifNoneMatch: request.headers[.ifNoneMatch], version: member.version) {
                return SCIMResponse.notModified(etag: member.etag)
            }
            return SCIMResponse.storedMember(member, baseURL: environment.baseURL(for: request), context: context)
        }
        guard let member = try await environment.store.member(organizationID: client.organization.id, id: id) else {
            throw SCIMError.notFound(ResourceKind.user.notFoundDetail(id: id))
        }
        if EntityTag.matches(ifNoneMatch: request.headers[.ifNoneMatch], version: member.meta.version) {
            return SCIMResponse.notModified(etag: member.meta.etag)
        }
        return SCIMResponse.resource(
            member, baseURL: environment.baseURL(for: request), projection: projection, context: context)
    }

    @Sendable func replace(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let target = try ResourceRequest(request, context: context, kind: .user, environment: environment)
        let body = try await SCIMRequestBody.json(request, context: context, configuration: environment.configuration)
        let member = try await ResourceKind.user.reportingNotFound(id: target.id) {
            try await environment.directory.replaceMember(
                in: target.organization, id: target.id, body: body, expectedVersion: target.expectedVersion,
                actor: try environment.actor(for: request, context: context))
        }
        return SCIMResponse.resource(
            member, baseURL: environment.baseURL(for: request), projection: target.projection, context: context)
    }

    @Sendable func patch(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let target = try ResourceRequest(request, context: context, kind: .user, environment: environment)
        let body = try await SCIMRequestBody.json(request, context: context, configuration: environment.configuration)
        let patch = try PatchRequest.parse(body, maxOperations: environment.configuration.maxPatchOperations)
        let member = try await ResourceKind.user.reportingNotFound(id: target.id) {
            try await environment.directory.patchMember(
                in: target.organization, id: target.id, patch: patch, expectedVersion: target.expectedVersion,
                actor: try environment.actor(for: request, context: context))
        }
        return SCIMResponse.resource(
            member, baseURL: environment.baseURL(for: request), projection: target.projection, context: context)
    }

    @Sendable func delete(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let target = try ResourceRequest(request, context: context, kind: .user, environment: environment)
        try await ResourceKind.user.reportingNotFound(id: target.id) {
            try await environment.directory.deleteMember(
                in: target.organization, id: target.id, expectedVersion: target.expectedVersion, actor: try environment.actor(for: request, context: context))
        }
        return SCIMResponse.noContent()
    }
}

extension ResourceKind {
    /// The 404 detail for an id that is not one of the organization's members or teams.
    func notFoundDetail(id: String) -> String {
        "No \(rawValue) with id '\(id)' exists in this organization."
    }

    /// Runs a write on the resource `id`, reporting a 404 with the same detail as a GET would, so a
    /// client sees one wording whichever method found the id missing.
    func reportingNotFound<T>(id: String, _ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch let error as SCIMError where error.status == 404 {
            throw SCIMError.notFound(notFoundDetail(id: id))
        }
    }
}
