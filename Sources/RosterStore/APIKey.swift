import Foundation

/// An organization's API key, as stored: never the secret, only its hash and a visible prefix.
public struct APIKey: KeyValidity, Sendable, Hashable, Identifiable {
    public var id: String
    public var organizationID: String
    public var label: String
    /// The public start of the key (e.g. `rst_7f2c9a1b`), shown in lists and logs to tell keys apart.
    public var prefix: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    /// When the key stops working: set by rotation (the grace period) or at creation.
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(
        id: String, organizationID: String, label: String, prefix: String, createdAt: Date,
        lastUsedAt: Date? = nil, expiresAt: Date? = nil, revokedAt: Date? = nil
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
}

/// A key just created: the only moment its secret exists outside the client that will hold it.
public struct NewAPIKey: Sendable, Hashable {
    public var key: APIKey
    public var secret: String

    public init(key: APIKey, secret: String) {
        self.key = key
        self.secret = secret
    }
}

/// Where a key stands at a given time.
public enum KeyStatus: String, Sendable, Hashable {
    /// Works, with no end date.
    case active
    /// Works until `expiresAt` (a rotated key in its grace period, or a key created with an expiry).
    case retiring
    case expired
    case revoked
}

/// The lifetime every kind of key has: a revocation and an end date, one rule for both.
public protocol KeyValidity {
    var prefix: String { get }
    var expiresAt: Date? { get }
    var revokedAt: Date? { get }
}

extension KeyValidity {
    public func status(at now: Date) -> KeyStatus {
        if revokedAt != nil { return .revoked }
        if let expiresAt { return expiresAt > now ? .retiring : .expired }
        return .active
    }

    public func isUsable(at now: Date) -> Bool {
        let s = status(at: now)
        return s == .active || s == .retiring
    }
}
