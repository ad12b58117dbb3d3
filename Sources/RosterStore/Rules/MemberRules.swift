import SCIM

/// What a member write means, decided here once for every store: whether it is a change at all
/// (and so a new version), whether it takes a seat, and which event it gives. A store reads the
/// current member, asks these rules, and writes what they return in one transaction; it decides
/// nothing itself.
public enum MemberRules {
    /// A create: the record to insert; it takes a seat when the member is active.
    public static func create(_ attributes: JSONObject) throws(SCIMError) -> MemberWrite {
        let record = try MemberRecord(attributes)
        return MemberWrite(
            attributes: attributes, record: record, takesSeat: record.active, eventType: .memberCreated,
            previousAttributes: JSONObject())
    }

    /// A replacement of `current`'s attributes (PUT, PATCH, the console's edits), or nil when
    /// nothing changed: Okta re-sends unchanged profiles, and those are not a new version.
    /// Reactivating takes a seat; deactivating frees one.
    public static func update(_ current: SCIMResource, to attributes: JSONObject) throws(SCIMError) -> MemberWrite? {
        guard attributes != current.attributes else { return nil }
        let record = try MemberRecord(attributes)
        let eventType: ChangeEventType =
            switch (current.active, record.active) {
            case (true, false): .memberDeactivated
            case (false, true): .memberReactivated
            default: .memberUpdated
            }
        return MemberWrite(
            attributes: attributes, record: record, takesSeat: record.active && !current.active, eventType: eventType,
            previousAttributes: previousAttributes(of: current.attributes, changedTo: attributes))
    }

    /// The teams that get a new version when `member` (with its `groups` loaded) is deleted: every
    /// team it was in, whose member list it leaves (a client holding such a team's ETag must see
    /// that it is stale).
    public static func teamsChangedByDeleting(_ member: SCIMResource) -> [String] {
        (member.groups ?? []).map(\.value)
    }

    /// The top-level attributes whose values differ, with their values in `old`; an attribute
    /// that `new` adds is there as null (as WorkOS's `previous_attributes` do).
    static func previousAttributes(of old: JSONObject, changedTo new: JSONObject) -> JSONObject {
        var previous = JSONObject()
        for member in old where new[member.key] != member.value { previous[member.key] = member.value }
        for member in new where old[member.key] == nil { previous[member.key] = .null }
        return previous
    }
}

/// A member write the rules accepted: what the store writes and what it means.
public struct MemberWrite: Sendable, Hashable {
    /// The member's canonical attributes after the write.
    public var attributes: JSONObject
    public var record: MemberRecord
    /// The write needs a free seat (creating an active member, reactivating one): the store checks
    /// ``SeatLimit`` against the organization's active count inside the write's transaction.
    public var takesSeat: Bool
    public var eventType: ChangeEventType
    /// For `member.updated` and friends: the changed top-level attributes, with their old values.
    public var previousAttributes: JSONObject
}
