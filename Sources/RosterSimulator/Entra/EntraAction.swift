/// What an Entra ID admin does (or Entra's provisioning cycle does on its own); each becomes the
/// requests of entra-requests.md §4.
public enum EntraAction: Sendable, Hashable {
    /// Test Connection, also the probe at the start of every cycle: E1 for users and for groups.
    case testConnection
    /// A user assigned or in scope, in the initial or an incremental cycle: E2, then E4 (no match)
    /// or E5 + E6 (match: link, then PATCH the differences). Also Entra's retry of an escrowed user.
    case provision(person: Int)
    /// A changed source attribute in an incremental cycle: E2 (matching runs again), then E6.
    case update(person: Int, ProfileChange)
    /// The admin maps a conforming phone (`<country_prefix> <telephone_number>`); the next cycle
    /// provisions the user again.
    case fixPhone(person: Int)
    /// Unassigned, out of scope, blocked or soft-deleted in Entra: E10 `active` `"False"`.
    case disable(person: Int)
    /// Reassigned or restored: E2 (finds the disabled member) then E11 `active` `"True"`.
    case enable(person: Int)
    /// Hard-deleted in Entra (30 days after the soft delete, or purged): E12.
    case hardDelete(person: Int)
    /// A group assigned to the app: E13, then E14 (no match) and E17 batches of its members.
    case provisionGroup(key: String)
    /// A new group in Entra with these people, assigned to the app.
    case newGroup(name: String, members: [Int])
    /// Renamed in Entra: E15 then E16.
    case renameGroup(key: String, to: String)
    /// Membership changes in Entra: E18 (value array) for leavers, E17 for joiners.
    case changeMembers(key: String, add: [Int], remove: [Int])
    /// Deleted in Entra: E19.
    case deleteGroup(key: String)
}
