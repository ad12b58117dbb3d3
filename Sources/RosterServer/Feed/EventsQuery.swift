import Foundation
import RosterStore
import SCIM

/// `GET /api/v1/events`'s parameters, checked: what to read and how long to wait for it.
struct EventsQuery: Sendable, Hashable {
    static let defaultLimit = 100
    static let maxLimit = 1000
    /// Longest a long poll holds a request, in seconds.
    static let maxWait = 60

    var after: FeedCursor?
    var limit = defaultLimit
    var organizationID: String?
    var types: Set<ChangeEventType>?
    /// Seconds to hold the request while no event is there (0: answer at once).
    var wait = 0

    init(_ parameters: QueryParameters) throws(SCIMError) {
        if let after = parameters["after"], !after.isEmpty { self.after = try FeedCursor(parsing: after) }
        if let text = parameters["limit"] {
            guard let limit = Int(text), (1...Self.maxLimit).contains(limit) else {
                throw SCIMError.invalidValue("'limit' must be a whole number from 1 to \(Self.maxLimit), not '\(text)'.")
            }
            self.limit = limit
        }
        if let organization = parameters["organization"], !organization.isEmpty { organizationID = organization }
        if let text = parameters["types"], !text.isEmpty {
            var types: Set<ChangeEventType> = []
            for name in text.split(separator: ",") {
                guard let type = ChangeEventType(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw SCIMError.invalidValue(
                        "'\(name)' is not an event type; the types are "
                            + ChangeEventType.allCases.map(\.rawValue).joined(separator: ", ") + ".")
                }
                types.insert(type)
            }
            self.types = types
        }
        if let text = parameters["wait"] {
            guard let wait = Int(text), (0...Self.maxWait).contains(wait) else {
                throw SCIMError.invalidValue("'wait' must be a number of seconds from 0 to \(Self.maxWait), not '\(text)'.")
            }
            self.wait = wait
        }
    }

    /// The organization the key reads: the one asked for, which a key scoped to another cannot
    /// read (403), or for a scoped key its own.
    func organization(for key: AppKey) throws(SCIMError) -> String? {
        guard let organizationID else { return key.organizationID }
        guard key.canRead(organizationID: organizationID) else {
            throw SCIMError.forbidden(
                "The application key \(key.prefix) reads one organization's feed only; leave 'organization' out or use a key "
                    + "made without --org.")
        }
        return organizationID
    }

    /// The position to read after: the cursor, or where retention has pruned through. A cursor
    /// before that would miss events that are gone: 400, with what to do about it.
    func start(prunedThrough: Int64) throws(SCIMError) -> Int64 {
        guard let after else { return prunedThrough }
        guard after.position >= prunedThrough else {
            throw SCIMError.invalidValue(
                "The cursor \(after) is older than the events retention keeps (pruned through \(FeedCursor(position: prunedThrough))): "
                    + "events after it are gone. Reconcile by re-reading the organization's members and teams, then read the feed "
                    + "without 'after' (from the oldest retained event).")
        }
        return after.position
    }
}
