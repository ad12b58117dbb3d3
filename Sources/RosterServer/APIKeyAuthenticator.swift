import Foundation
import Hummingbird
import RosterStore
import SCIM

/// Authenticates every SCIM request by its organization's API key and applies the plan rule.
///
/// Accepts `Authorization: Bearer <key>` with the scheme in any case, and the bare `<key>`
/// (Okta's "HTTP Header" mode), because administrators paste either. Anything else, and unknown,
/// revoked or expired keys, is a 401 with a SCIM body; an organization without the Enterprise plan
/// gets 403 on every call.
struct APIKeyAuthenticator: RouterMiddleware {
    typealias Context = SCIMRequestContext

    let store: any Store
    let cache: APIKeyCache

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let secret = Self.presentedKey(request.headers[.authorization]) else {
            throw SCIMError.unauthorized(
                "No API key: send the organization's API key in the Authorization header as 'Bearer <key>'.")
        }
        let now = Date()
        guard let client = try await cache.authenticate(secret: secret, at: now) else {
            throw try await refusal(secret: secret, at: now, context: context)
        }
        context.notes?.update {
            $0.keyPrefix = client.key.prefix
            $0.organizationID = client.organization.id
        }
        guard client.organization.scimEnabled else {
            throw SCIMError.forbidden(
                "SCIM provisioning requires the Enterprise plan; organization '\(client.organization.name)' is on the "
                    + "\(client.organization.plan.rawValue.capitalized) plan. Upgrade the plan to provision members.")
        }
        var context = context
        context.client = client
        return try await next(request, context)
    }

    /// The key in an `Authorization` value: after a `Bearer` scheme (any case), or the whole value.
    /// Nil for a missing or blank value, which is never looked up. Read as UTF-8 bytes: it runs on
    /// every request, and comparing characters (and lowercasing a copy) cost several times more.
    static func presentedKey(_ header: String?) -> String? {
        guard let header else { return nil }
        var value = Self.trimmingSpaces(Substring(header).utf8)
        if value.count >= 6, zip(value.prefix(6), "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }) {
            let rest = value.dropFirst(6)
            if rest.isEmpty { return nil }
            if rest.first == UInt8(ascii: " ") { value = Self.trimmingSpaces(rest) }
        }
        return value.isEmpty ? nil : String(Substring(value))
    }

    private static func trimmingSpaces(_ text: Substring.UTF8View) -> Substring.UTF8View {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var text = text
        while let first = text.first, isSpace(first) { text = text.dropFirst() }
        while let last = text.last, isSpace(last) { text = text.dropLast() }
        return text
    }

    /// The 401 for a key the store refused. When the key's public prefix belongs to a key that was
    /// revoked or has expired, the detail says so (the prefix is not secret; it is in every list),
    /// so the administrator knows to paste the new key rather than hunt for a typo.
    private func refusal(secret: String, at now: Date, context: Context) async throws -> SCIMError {
        let generic = SCIMError.unauthorized(
            "The API key is not valid: it is unknown, revoked or expired. Create a key for the organization "
                + "(roster keys create) and paste it into the provisioning client.")
        if try await store.authenticateApp(secret: secret, at: now) != nil {
            return SCIMError.forbidden(
                "This is an application key (rsa_…), which reads the change feed under /api/v1; SCIM clients need one of the "
                    + "organization's SCIM keys (rst_…, roster keys create).")
        }
        guard let prefix = APIKeySecret.prefix(of: secret), let key = try await store.apiKey(idOrPrefix: prefix) else {
            return generic
        }
        context.notes?.update {
            $0.keyPrefix = key.prefix
            $0.organizationID = key.organizationID
        }
        switch key.status(at: now) {
        case .revoked:
            return SCIMError.unauthorized(
                "The API key \(key.prefix) was revoked. Paste a current key of the organization into the provisioning client.")
        case .expired:
            return SCIMError.unauthorized(
                "The API key \(key.prefix) has expired. Paste a current key of the organization into the provisioning client.")
        case .active, .retiring:
            return generic
        }
    }
}
