import Foundation

/// A customer organization: the tenant every API key, member and team belongs to.
public struct Organization: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var plan: Plan
    /// The most active members the plan allows; deactivated members use no seat.
    public var seatLimit: Int
    public var phonePolicy: PhonePolicy
    /// Active members now, maintained by the store in the same transaction as every write.
    public var activeMembers: Int
    public var createdAt: Date

    public init(
        id: String, name: String, plan: Plan, seatLimit: Int, phonePolicy: PhonePolicy,
        activeMembers: Int = 0, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.plan = plan
        self.seatLimit = seatLimit
        self.phonePolicy = phonePolicy
        self.activeMembers = activeMembers
        self.createdAt = createdAt
    }

    /// SCIM is an Enterprise feature.
    public var scimEnabled: Bool { plan == .enterprise }
}

/// A pricing plan. Only ``enterprise`` includes SCIM provisioning.
public struct Plan: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let enterprise = Plan(rawValue: "enterprise")
    public static let business = Plan(rawValue: "business")
    public static let starter = Plan(rawValue: "starter")
    public static let free = Plan(rawValue: "free")
    public static let known: [Plan] = [.enterprise, .business, .starter, .free]

    public var description: String { rawValue }
}

/// What to do with a phone number that is not `<country_prefix> <telephone_number>`.
public enum PhonePolicy: String, Sendable, Hashable, CaseIterable {
    /// Refuse the write with 400 `invalidValue`.
    case strict
    /// Store the value and mark the member for the operator to fix.
    case flag
}
