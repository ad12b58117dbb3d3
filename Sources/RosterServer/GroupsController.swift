import Hummingbird
import Logging
import RosterStore
import SCIM

/// `/Groups`: the organization's teams (RFC 7644 §3.2–3.6). Membership writes go through the
/// store's O(changed members) steps; ids of non-members are skipped and noted in the request log.
struct GroupsController {
    let environment: SCIMEnvironment

    func addRoutes(to group: RouterGroup<SCIMRequestContext>) {
        group.get("Groups", use: list)
        group.post("Groups", use: create)
        group.get("Groups/:id", use: read)
        group.put("Groups/:id", use: replace)
        group.patch("Groups/:id", use: patch)
        group.delete("Groups/:id", use: delete)
        MethodNotAllowed.register(on: group, path: "Groups", allowed: [.get, .post])
        MethodNotAllowed.register(on: group, path: "Groups/:id", allowed: [.get, .put, .patch, .delete])
    }

    @Sendable func list(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        try await environment.listResponse(request, context: context, kind: .group)
    }

    @Sendable func create(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let projection = try environment.projection(for: request, kind: .group)
        let body = try await SCIMRequestBody.json(request, context: context, configuration: environment.configuration)
        let result = try await environment.directory.createTeam(
            in: client.organization, body: body, actor: try environment.actor(for: request, context: context))
        return try await respond(result, status: .created, request: request, projection: projection, context: context)
    }

    @Sendable func read(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let client = try context.requireClient()
        let id = try context.parameters.require("id")
        context.notes?.update { $0.resourceID = id }
        // Members are written from the store's rows straight into the body (a team can have 100,000).
        guard
            let response = try await SCIMResponse.team(
                id: id, organizationID: client.organization.id, store: environment.store,
                baseURL: environment.baseURL(for: request), projection: environment.projection(for: request, kind: .group),
                ifNoneMatch: request.headers[.ifNoneMatch], context: context)
        else {
            throw SCIMError.notFound(ResourceKind.group.notFoundDetail(id: id))
        }
        return response
    }

    @Sendable func replace(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let target = try ResourceRequest(request, context: context, kind: .group, environment: environment)
        let body = try await SCIMRequestBody.json(request, context: context, configuration: environment.configuration)
        let result = try await ResourceKind.group.reportingNotFound(id: target.id) {
            try await environment.directory.replaceTeam(
                in: target.organization, id: target.id, body: body, expectedVersion: target.expectedVersion,
                actor: try environment.actor(for: request, context: context))
        }
        return try await respond(result, status: .ok, request: request, projection: target.projection, context: context)
    }

    @Sendable func patch(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let target = try ResourceRequest(request, context: context, kind: .group, environment: environment)
        let body = try await SCIMRequestBody.json(request, context: context, configuration: environment.configuration)
        let patch = try PatchRequest.parse(body, maxOperations: environment.configuration.maxPatchOperations)
        let result = try await ResourceKind.group.reportingNotFound(id: target.id) {
            try await environment.directory.patchTeam(
                in: target.organization, id: target.id, patch: patch, expectedVersion: target.expectedVersion,
                actor: try environment.actor(for: request, context: context))
        }
        if ProvisioningClient(userAgent: request.headers[.userAgent] ?? "").wantsEmptyGroupPatchResponse {
            noteSkipped(result, context: context)
            return SCIMResponse.noContent()
        }
        return try await respond(result, status: .ok, request: request, projection: target.projection, context: context)
    }

    @Sendable func delete(_ request: Request, context: SCIMRequestContext) async throws -> Response {
        let target = try ResourceRequest(request, context: context, kind: .group, environment: environment)
        try await ResourceKind.group.reportingNotFound(id: target.id) {
            try await environment.directory.deleteTeam(
                in: target.organization, id: target.id, expectedVersion: target.expectedVersion, actor: try environment.actor(for: request, context: context))
        }
        return SCIMResponse.noContent()
    }

    /// A team write's response; skipped member ids go to the request log, not to the client,
    /// so one stale id never fails an Okta push.
    private func respond(
        _ result: TeamWriteResult, status: HTTPResponse.Status, request: Request, projection: AttributeProjection?,
        context: SCIMRequestContext
    ) async throws -> Response {
        noteSkipped(result, context: context)
        return SCIMResponse.resource(
            try await withMembers(result.team, projection: projection, context: context), status: status,
            baseURL: environment.baseURL(for: request), projection: projection, context: context)
    }

    /// Puts a write's skipped member ids in the request log and the server log.
    private func noteSkipped(_ result: TeamWriteResult, context: SCIMRequestContext) {
        guard !result.skippedMemberIDs.isEmpty else { return }
        context.notes?.update { $0.skippedMemberIDs = result.skippedMemberIDs }
        context.logger.notice(
            "Skipped member ids that are not members of the organization",
            metadata: ["team": "\(result.team.id)", "skipped": "\(result.skippedMemberIDs.joined(separator: ","))"])
    }

    /// RFC 7644 §3.5.2 answers a PATCH with the whole resource, so a team's members are loaded
    /// for the response — up to ``ServerConfiguration/writeResponseMemberLimit``. Past that a
    /// write answers without `members` (Okta and Entra ignore them; `GET` still lists them), so
    /// that adding one member to a 100,000-member team costs O(1), not a 100,000-entry body.
    private func withMembers(
        _ team: SCIMResource, projection: AttributeProjection?, context: SCIMRequestContext
    ) async throws -> SCIMResource {
        guard team.members == nil, projection?.wantsMembers ?? true,
            let count = team.memberCount, count <= environment.configuration.writeResponseMemberLimit,
            let client = context.client
        else { return team }
        return try await environment.directory.store.team(
            organizationID: client.organization.id, id: team.id, includeMembers: true) ?? team
    }
}
