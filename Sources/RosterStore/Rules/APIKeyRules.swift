import Foundation
import SCIM

/// What rotating a key (a SCIM key or an application key) does to the old one, decided here once
/// for every store.
public enum APIKeyRules {
    /// When the old key stops working after a rotation with `grace`.
    public enum OldKeyEnd: Sendable, Hashable {
        /// Revoked at once (grace 0).
        case revoked(at: Date)
        /// Works until then: the end of the grace, or its own earlier expiry.
        case expires(at: Date)
    }

    /// - Throws: 400 for a revoked key: a revoked key is not rotated (its successor would revive it).
    public static func rotate(_ old: some KeyValidity, grace: TimeInterval, at now: Date) throws(SCIMError) -> OldKeyEnd {
        if let revokedAt = old.revokedAt {
            throw SCIMError.invalidValue(
                "API key \(old.prefix) was revoked at \(SCIMDateTime.format(revokedAt)); create a new key instead of rotating it")
        }
        guard grace > 0 else { return .revoked(at: now) }
        return .expires(at: min(old.expiresAt ?? .distantFuture, now.addingTimeInterval(grace)))
    }
}
