import RosterStore
import SCIM

/// Everything that can happen to the console: keys and resizes from the terminal, the clock, and the results of
/// effects. `reduce(state:event:now:)` is the only place events change the state.
public enum ConsoleEvent: Hashable, Sendable {
    /// The runtime is ready: the first loads start.
    case started
    case key(Key)
    /// The terminal's new size (after SIGWINCH and `resizeterm`).
    case resized(TerminalSize)
    /// The clock moved (about once a second): flashes expire, lists refresh now and then.
    case tick
    case organizationsLoaded([Organization])
    case membersLoaded(organizationID: String, query: ListQuery, page: ListPage)
    /// The member, or nil when it does not exist (any more).
    case memberLoaded(organizationID: String, id: String, member: SCIMResource?)
    case teamsLoaded(organizationID: String, query: ListQuery, page: ListPage)
    case teamLoaded(organizationID: String, id: String, team: SCIMResource?)
    case teamMembersLoaded(organizationID: String, teamID: String, offset: Int, members: [MemberRef])
    /// The answer to a `loadRequestLog` effect.
    case requestLogLoaded(RequestLogQuery, [RequestLogEntry])
    /// New entries from the live feed (the server's recorder, or the attached database's new rows), any order,
    /// any organization: the reducer keeps the current organization's.
    case requestsArrived([RequestLogEntry])
    case keysLoaded(organizationID: String, keys: [APIKey])
    /// A load effect failed; the error's detail goes to the flash.
    case loadFailed(ConsoleEffect, SCIMError)
    case writeSucceeded(ConsoleWrite, WriteOutcome)
    /// The demo's simulated Okta after a command, or after it changed by itself (its scenario ended).
    case simulatorChanged(SimulatorStatus)
    /// A write was refused (seat limit, phone policy, uniqueness, a concurrent change…); the detail goes to the flash.
    case writeFailed(ConsoleWrite, SCIMError)
}
