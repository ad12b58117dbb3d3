import Foundation
import SCIM

/// The events each write gives and what they carry, decided here once for every store: a store
/// hands over what it wrote (the resource after the change, the membership delta it applied) and
/// appends what these return, in the same transaction.
public struct ChangeEvents: Sendable {
    public let organizationID: String
    public let actor: ChangeActor
    public let time: Date

    public init(organizationID: String, actor: ChangeActor, time: Date) {
        self.organizationID = organizationID
        self.actor = actor
        self.time = time
    }

    /// Where events say their resources live: the path under the server's root, since the
    /// change is the store's and it knows no host name.
    public static let basePath = "/scim/v2"

    /// `member.created`, `.updated`, `.deactivated`, `.reactivated`: the member's SCIM resource
    /// after the change, and for every type but created the changed attributes' old values.
    public func member(_ write: MemberWrite, after member: SCIMResource) -> ChangeEvent {
        var data = JSONObject()
        data["object"] = .object(member.json(baseURL: Self.basePath))
        if write.eventType != .memberCreated { data["previous_attributes"] = .object(write.previousAttributes) }
        return event(write.eventType, resourceID: member.id, data: data)
    }

    /// `member.deleted`: the member as it was; its memberships went with it (no events of theirs).
    public func memberDeleted(_ member: SCIMResource) -> ChangeEvent {
        var gone = member
        gone.groups = nil
        return event(.memberDeleted, resourceID: member.id, data: JSONObject([("object", .object(gone.json(baseURL: Self.basePath)))]))
    }

    /// `team.created`, `.updated`, `.deleted`: the team without its member list.
    public func team(_ type: ChangeEventType, _ team: SCIMResource) -> ChangeEvent {
        var object = JSONObject()
        object["id"] = .string(team.id)
        object["displayName"] = team.displayName.map(JSONValue.string) ?? .null
        object["externalId"] = team.externalId.map(JSONValue.string) ?? .null
        object["meta"] = team.meta.json(resourceType: ResourceKind.group.rawValue, location: "\(Self.basePath)/Groups/\(team.id)")
        return event(type, resourceID: team.id, data: JSONObject([("object", .object(object))]))
    }

    /// One `team.member_added` / `team.member_removed` per member the delta added or removed, in
    /// the order it applied them.
    public func membership(_ delta: MembershipDelta, team: SCIMResource) -> [ChangeEvent] {
        let teamObject: JSONValue = ["id": .string(team.id), "displayName": team.displayName.map(JSONValue.string) ?? .null]
        func data(_ member: MemberSummary) -> JSONObject {
            JSONObject([("team", teamObject), ("member", member.json)])
        }
        return delta.steps.map { step in
            switch step {
            case .added(let member): event(.teamMemberAdded, resourceID: team.id, data: data(member))
            case .removed(let member): event(.teamMemberRemoved, resourceID: team.id, data: data(member))
            }
        }
    }

    /// What a team write gives: `team.created` (for a new team) or `team.updated` (when its own
    /// attributes changed), then one event per membership step.
    public func teamWrite(created: Bool, before: SCIMResource?, after team: SCIMResource, delta: MembershipDelta) -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        if created {
            events.append(self.team(.teamCreated, team))
        } else if let before, before.attributes != team.attributes {
            events.append(self.team(.teamUpdated, team))
        }
        return events + membership(delta, team: team)
    }

    /// `organization.updated`: the organization's settings after the change and the old values of
    /// those that changed.
    public func organizationUpdated(before: Organization, after: Organization) -> ChangeEvent {
        let old = before.settingsJSON
        let new = after.settingsJSON
        var previous = JSONObject()
        for member in old where new[member.key] != member.value { previous[member.key] = member.value }
        return event(.organizationUpdated, resourceID: after.id, data: JSONObject([("object", .object(new)), ("previous_attributes", .object(previous))]))
    }

    private func event(_ type: ChangeEventType, resourceID: String, data: JSONObject) -> ChangeEvent {
        ChangeEvent(
            id: "evt_" + ResourceID.make(at: time), type: type, organizationID: organizationID, createdAt: time,
            actor: actor.description, resourceID: resourceID, data: data)
    }
}

/// The member of a membership event: enough for an application to find its own account.
public struct MemberSummary: Sendable, Hashable {
    public var id: String
    public var userName: String
    public var externalId: String?

    public init(id: String, userName: String, externalId: String?) {
        self.id = id
        self.userName = userName
        self.externalId = externalId
    }

    var json: JSONValue {
        ["id": .string(id), "userName": .string(userName), "externalId": externalId.map(JSONValue.string) ?? .null]
    }
}

/// The membership rows a team write actually inserted or deleted, in the order it did, and the
/// ids it skipped because no member of the organization has them. Re-adding a member already in
/// the team or removing one not in it is no step.
public struct MembershipDelta: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        case added(MemberSummary)
        case removed(MemberSummary)
    }

    public var steps: [Step] = []
    /// A member already in the team got a new `display` (the team's representation changed, so
    /// it has a new version, but no member joined or left: no event).
    public var displayChanged = false
    public private(set) var skipped: [String] = []
    private var skippedSet: Set<String> = []

    public init() {}

    /// Whether the team's member list (or a member's display in it) changed.
    public var changed: Bool { !steps.isEmpty || displayChanged }

    public mutating func skip(_ id: String) {
        if skippedSet.insert(id).inserted { skipped.append(id) }
    }
}
