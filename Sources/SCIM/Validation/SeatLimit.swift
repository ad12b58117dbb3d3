/// The product's seat rule: an organization's plan allows `limit` active members. Creating an
/// active member or reactivating one takes a seat; deactivating or deleting frees one. Members
/// already active past a lowered limit stay active (nobody is locked out by a plan change).
///
/// Here, beside the phone rule, because the server's stores and the simulator's model of a correct
/// Roster must refuse with the same answer (the simulator is a client of SCIM only).
public enum SeatLimit {
    /// Whether one more active member fits.
    public static func hasFreeSeat(active: Int, limit: Int) -> Bool {
        active < limit
    }

    /// The 403 for a write that would need a seat when `active` of `limit` are in use.
    public static func refusal(active: Int, limit: Int) -> SCIMError {
        SCIMError.forbidden(
            "Seat limit reached (\(active) of \(limit) active members): deactivate a member or raise the plan's seat limit")
    }

    /// Throws ``refusal(active:limit:)`` unless one more active member fits.
    public static func requireFreeSeat(active: Int, limit: Int) throws(SCIMError) {
        guard hasFreeSeat(active: active, limit: limit) else { throw refusal(active: active, limit: limit) }
    }
}
