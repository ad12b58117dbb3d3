import Foundation
import Hummingbird
import RosterStore
import SCIM

/// Authenticates a request to the change feed's API by an application key (`rsa_…`).
///
/// A valid SCIM key gets 403, not 401: the key is fine, it is for the other API, and the detail
/// says which key to use. Application keys are looked up on every request (no cache): feed
/// readers make few requests, and a revoked key then stops at once.
struct AppKeyAuthenticator: Sendable {
    let store: any Store

    func authenticate(_ request: Request) async throws -> AppKey {
        guard let secret = APIKeyAuthenticator.presentedKey(request.headers[.authorization]) else {
            throw SCIMError.unauthorized("No application key: send it in the Authorization header as 'Bearer <key>'.")
        }
        let now = Date()
        if let key = try await store.authenticateApp(secret: secret, at: now) { return key }
        if try await store.authenticate(secret: secret, at: now) != nil {
            throw SCIMError.forbidden(
                "This is a SCIM key (rst_…), which an identity provider uses under /scim/v2; the change feed needs an "
                    + "application key: roster keys create --app --label NAME.")
        }
        throw SCIMError.unauthorized(
            "The application key is not valid: it is unknown, revoked or expired. Create one with roster keys create --app.")
    }
}
