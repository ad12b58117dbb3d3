import RosterStore

/// Work the reducer asks the runtime to do: load data, write, copy, redraw, quit. The reducer never performs IO;
/// the runtime executes effects (loads and writes through `ConsoleEffectRunner` and a `ConsoleDataSource`) and
/// feeds the results back as `ConsoleEvent`s.
///
/// Every data effect names the organization it is for, so an answer that arrives after the operator switched
/// organizations is recognised and dropped.
public enum ConsoleEffect: Hashable, Sendable {
    case loadOrganizations
    /// A page of members: `query.startIndex`/`count` are the absolute rows, never the whole list.
    case loadMembers(organizationID: String, query: ListQuery)
    /// One member with its teams (`groups`).
    case loadMember(organizationID: String, id: String)
    case loadTeams(organizationID: String, query: ListQuery)
    /// One team without its members (they are paged with `loadTeamMembers`).
    case loadTeam(organizationID: String, id: String)
    case loadTeamMembers(organizationID: String, teamID: String, offset: Int, limit: Int)
    /// Request-log entries: the newest, older ones (`beforeID`), or those about one member (`resourceID`).
    case loadRequestLog(RequestLogQuery)
    case loadKeys(organizationID: String)
    case write(ConsoleWrite, organizationID: String)
    /// Pause, resume or pace the demo's simulated Okta (only asked when the console has one).
    case simulator(SimulatorCommand)
    /// Put text on the clipboard (OSC 52 in the terminal layer).
    case copy(String)
    /// Repaint the whole terminal (Ctrl-L: after something else wrote to it).
    case redraw
    /// Leave the console; when it owns the server, the operator has agreed to stop it.
    case quit
}
