import Foundation
import SCIM

/// One committed change, as the change feed gives it to the vendor's application: appended by the
/// store in the same transaction as the change it describes, so there is no change without its
/// event and no event without its change, whichever path (SCIM, console, CLI, seed) made it.
///
/// Built only by ``ChangeEvents`` (the rules decide which events a write gives); a store only
/// numbers and keeps them.
public struct ChangeEvent: Sendable, Hashable {
    /// The feed's position, given by the store when the event is appended: positions increase in
    /// commit order, so a reader that pages with "after position P" never skips an event that
    /// commits late (see ``Store/events(after:organizationID:types:limit:)``). 0 until stored.
    public var position: Int64
    /// `evt_` and a UUIDv7: stable, so consumers dedupe on it.
    public var id: String
    public var type: ChangeEventType
    public var organizationID: String
    public var createdAt: Date
    /// `scim:<client>`, `console:<user>` or `cli:<user>` (``ChangeActor/description``).
    public var actor: String
    /// The id of the member or team the event is about (for membership events, the team's).
    public var resourceID: String
    /// The event's payload (see ``ChangeEvents`` for each type's).
    public var data: JSONObject

    public init(
        position: Int64 = 0, id: String, type: ChangeEventType, organizationID: String, createdAt: Date, actor: String,
        resourceID: String, data: JSONObject
    ) {
        self.position = position
        self.id = id
        self.type = type
        self.organizationID = organizationID
        self.createdAt = createdAt
        self.actor = actor
        self.resourceID = resourceID
        self.data = data
    }

    /// The event as the feed serves it: `{"id", "type", "organization_id", "created_at", "actor", "data"}`.
    public var json: JSONObject {
        var object = JSONObject()
        object["id"] = .string(id)
        object["type"] = .string(type.rawValue)
        object["organization_id"] = .string(organizationID)
        object["created_at"] = .string(SCIMDateTime.format(createdAt))
        object["actor"] = .string(actor)
        object["data"] = .object(data)
        return object
    }
}

/// What happened. A deleted member or team implies that its memberships went with it: its
/// `*.deleted` event alone, no membership events for them.
public enum ChangeEventType: String, Sendable, Hashable, CaseIterable {
    case memberCreated = "member.created"
    case memberUpdated = "member.updated"
    case memberDeactivated = "member.deactivated"
    case memberReactivated = "member.reactivated"
    case memberDeleted = "member.deleted"
    case teamCreated = "team.created"
    /// A rename (or a new externalId): the team's own attributes, not its members.
    case teamUpdated = "team.updated"
    case teamDeleted = "team.deleted"
    case teamMemberAdded = "team.member_added"
    case teamMemberRemoved = "team.member_removed"
    /// Plan, seat limit, phone policy or name.
    case organizationUpdated = "organization.updated"
}
