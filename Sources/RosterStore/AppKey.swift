import Foundation

/// An application key: what the vendor's own backend presents to read the change feed
/// (`/api/v1`). Separate from the SCIM keys an identity provider holds, so that neither can be
/// used for the other's API (each gets 403 there) and each can be rotated on its own schedule.
public struct AppKey: KeyValidity, Sendable, Hashable, Identifiable {
    public var id: String
    /// The one organization the key reads; nil for a key that reads every organization.
    public var organizationID: String?
    public var label: String
    /// The public start of the key (e.g. `rsa_7f2c9a1b`).
    public var prefix: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(
        id: String, organizationID: String?, label: String, prefix: String, createdAt: Date, lastUsedAt: Date? = nil,
        expiresAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.label = label
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the key may read `organizationID`'s data.
    public func canRead(organizationID other: String) -> Bool {
        organizationID.map { $0 == other } ?? true
    }
}

/// An application key just created: the only moment its secret exists outside the application.
public struct NewAppKey: Sendable, Hashable {
    public var key: AppKey
    public var secret: String

    public init(key: AppKey, secret: String) {
        self.key = key
        self.secret = secret
    }
}
