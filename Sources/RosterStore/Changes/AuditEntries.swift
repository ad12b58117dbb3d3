import Foundation
import SCIM

/// The audit entry of an operator's change (console or CLI), decided here once for every store:
/// the store appends it in the same transaction as the change, so an entry exists exactly when
/// the change committed. SCIM clients' changes are in the change feed and the request log.
public enum AuditEntries {
    /// The entry for a change event: its type as the action, the member's userName or the team's
    /// name as the target, and the ids it touched as the detail.
    public static func entry(for event: ChangeEvent) -> AuditEntry {
        let object = event.data["object"]?.objectValue
        let member = event.data["member"]?.objectValue
        let team = event.data["team"]?.objectValue
        let target: String
        let detail: String
        switch event.type {
        case .teamMemberAdded, .teamMemberRemoved:
            target = team?["displayName"]?.stringValue ?? event.resourceID
            detail = "member \(member?["userName"]?.stringValue ?? "?") (id \(member?["id"]?.stringValue ?? "?"))"
        case .organizationUpdated:
            target = object?["name"]?.stringValue ?? event.organizationID
            detail = (event.data["previous_attributes"]?.objectValue ?? JSONObject()).map { changed in
                "\(changed.key) \(text(changed.value)) → \(text(object?[changed.key] ?? .null))"
            }.joined(separator: ", ")
        default:
            target = object?["userName"]?.stringValue ?? object?["displayName"]?.stringValue ?? event.resourceID
            detail = "id \(event.resourceID)"
        }
        return AuditEntry(
            time: event.createdAt, organizationID: event.organizationID, actor: event.actor, action: event.type.rawValue,
            target: target, detail: detail)
    }

    public static func keyCreated(_ key: APIKey, by actor: ChangeActor, at time: Date) -> AuditEntry {
        AuditEntry(
            time: time, organizationID: key.organizationID, actor: actor.description, action: "key.created", target: key.prefix,
            detail: key.label)
    }

    public static func keyRotated(_ old: APIKey, to new: APIKey, grace: TimeInterval, by actor: ChangeActor, at time: Date) -> AuditEntry {
        AuditEntry(
            time: time, organizationID: old.organizationID, actor: actor.description, action: "key.rotated", target: old.prefix,
            detail: "new key \(new.prefix), grace \(DurationText.format(grace))")
    }

    public static func keyRevoked(_ key: APIKey, by actor: ChangeActor, at time: Date) -> AuditEntry {
        AuditEntry(
            time: time, organizationID: key.organizationID, actor: actor.description, action: "key.revoked", target: key.prefix,
            detail: key.label)
    }

    public static func appKeyCreated(_ key: AppKey, by actor: ChangeActor, at time: Date) -> AuditEntry {
        AuditEntry(
            time: time, organizationID: key.organizationID, actor: actor.description, action: "appKey.created", target: key.prefix,
            detail: "\(key.label), reads \(key.organizationID == nil ? "every organization" : "this organization")")
    }

    public static func appKeyRotated(_ old: AppKey, to new: AppKey, grace: TimeInterval, by actor: ChangeActor, at time: Date) -> AuditEntry {
        AuditEntry(
            time: time, organizationID: old.organizationID, actor: actor.description, action: "appKey.rotated", target: old.prefix,
            detail: "new key \(new.prefix), grace \(DurationText.format(grace))")
    }

    public static func appKeyRevoked(_ key: AppKey, by actor: ChangeActor, at time: Date) -> AuditEntry {
        AuditEntry(
            time: time, organizationID: key.organizationID, actor: actor.description, action: "appKey.revoked", target: key.prefix,
            detail: key.label)
    }

    public static func organizationCreated(_ organization: Organization, by actor: ChangeActor) -> AuditEntry {
        AuditEntry(
            time: organization.createdAt, organizationID: organization.id, actor: actor.description, action: "organization.created",
            target: organization.name,
            detail: "plan \(organization.plan), \(organization.seatLimit) seats, phones \(organization.phonePolicy.rawValue)")
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .number(let n): n == n.rounded() ? String(Int(n)) : String(n)
        case .bool(let b): String(b)
        case .null: "none"
        default: JSONWriter().string(value)
        }
    }
}
