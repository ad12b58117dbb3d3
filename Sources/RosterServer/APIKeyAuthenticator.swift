import Foundation
import Hummingbird
import RosterStore
import SCIM

/// Authenticates every SCIM request by its organization's API key, applies the plan rule and the
/// rate limits, and counts each organization's requests and refusals for `/metrics`.
///
/// Accepts `Authorization: Bearer <key>` with the scheme in any case, and the bare `<key>`
/// (Okta's "HTTP Header" mode), because administrators paste either. Anything else, and unknown,
/// revoked or expired keys, is a 401 with a SCIM body; an organization without the Enterprise plan
/// gets 403 on every call. A key past its rate gets 429 with an integer `Retry-After`; so does an
/// address that keeps presenting bad keys, before its next key is even looked up.
struct APIKeyAuthenticator: RouterMiddleware {
    typealias Context = SCIMRequestContext

    let store: any Store
    let cache: APIKeyCache
    /// Per API key; nil when off.
    var keyLimiter: RateLimiter? = nil
    /// Per client address, charged by requests without a valid key; nil when off.
    var addressLimiter: RateLimiter? = nil
    var metrics: ServerMetrics? = nil

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // Only an address that presented bad keys has a bucket; a well-behaved client skips this.
        if let addressLimiter, addressLimiter.isTracking,
            let retryAfter = addressLimiter.check(context.clientAddressText)
        {
            return tooManyRequests(retryAfter: retryAfter, organizationID: "", context: context, why: "invalid API keys")
        }
        guard let secret = Self.presentedKey(request.headers[.authorization]) else {
            return try refuseUnauthenticated(
                SCIMError.unauthorized(
                    "No API key: send the organization's API key in the Authorization header as 'Bearer <key>'."),
                organizationID: "", context: context)
        }
        let now = Date()
        guard let client = try await cache.authenticate(secret: secret, at: now) else {
            let (error, organizationID) = try await refusal(secret: secret, at: now, context: context)
            return try refuseUnauthenticated(error, organizationID: organizationID, context: context)
        }
        let organizationID = client.organization.id
        context.notes?.update {
            $0.keyPrefix = client.key.prefix
            $0.organizationID = organizationID
        }
        if let keyLimiter, let retryAfter = keyLimiter.take(client.key.id) {
            return tooManyRequests(
                retryAfter: retryAfter, organizationID: organizationID, context: context,
                why: "this API key (\(keyLimiter.limit))")
        }
        metrics?.countRequest(organizationID: organizationID)
        guard client.organization.scimEnabled else {
            metrics?.countRefusal(.plan, organizationID: organizationID)
            throw SCIMError.forbidden(
                "SCIM provisioning requires the Enterprise plan; organization '\(client.organization.name)' is on the "
                    + "\(client.organization.plan.rawValue.capitalized) plan. Upgrade the plan to provision members.")
        }
        var context = context
        context.client = client
        guard let metrics else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as SCIMError {
            if let reason = RefusalReason(error) { metrics.countRefusal(reason, organizationID: organizationID) }
            throw error
        }
    }

    /// A 401 for a missing or bad key, counted, and charged to the client's address: past that address's rate, a
    /// 429 instead, so that a key guesser learns nothing more until it slows down.
    private func refuseUnauthenticated(_ error: SCIMError, organizationID: String, context: Context) throws -> Response {
        if let addressLimiter, let retryAfter = addressLimiter.take(context.clientAddressText) {
            return tooManyRequests(
                retryAfter: retryAfter, organizationID: organizationID, context: context, why: "invalid API keys")
        }
        metrics?.countRefusal(.auth, organizationID: organizationID)
        throw error
    }

    /// 429 with an integer `Retry-After` (Okta pauses exactly that long; anything else makes it wait 5 minutes).
    private func tooManyRequests(retryAfter: Int, organizationID: String, context: Context, why: String) -> Response {
        metrics?.countRefusal(.rateLimit, organizationID: organizationID)
        let error = SCIMError(
            status: 429,
            detail: "Too many requests from \(why): retry after \(retryAfter) s. Roster limits each API key, and "
                + "requests without a valid key per address.")
        return SCIMResponse.error(error, headers: [.retryAfter: String(retryAfter)], context: context)
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
    /// so the administrator knows to paste the new key rather than hunt for a typo. Returns the error and the id of
    /// the organization the prefix names (empty when none).
    private func refusal(secret: String, at now: Date, context: Context) async throws -> (SCIMError, String) {
        let generic = SCIMError.unauthorized(
            "The API key is not valid: it is unknown, revoked or expired. Create a key for the organization "
                + "(roster keys create) and paste it into the provisioning client.")
        if try await store.authenticateApp(secret: secret, at: now) != nil {
            let wrongAPI = SCIMError.forbidden(
                "This is an application key (rsa_…), which reads the change feed under /api/v1; SCIM clients need one of the "
                    + "organization's SCIM keys (rst_…, roster keys create).")
            return (wrongAPI, "")
        }
        guard let prefix = APIKeySecret.prefix(of: secret), let key = try await store.apiKey(idOrPrefix: prefix) else {
            return (generic, "")
        }
        context.notes?.update {
            $0.keyPrefix = key.prefix
            $0.organizationID = key.organizationID
        }
        switch key.status(at: now) {
        case .revoked:
            return (SCIMError.unauthorized(
                "The API key \(key.prefix) was revoked. Paste a current key of the organization into the provisioning client."),
                key.organizationID)
        case .expired:
            return (SCIMError.unauthorized(
                "The API key \(key.prefix) has expired. Paste a current key of the organization into the provisioning client."),
                key.organizationID)
        case .active, .retiring:
            return (generic, key.organizationID)
        }
    }
}
