import Foundation
import RosterStore
import SCIM

/// Applies `event` to `state` at time `now` and returns the effects for the runtime to execute.
///
/// This is the console's only state transition. It is pure: time comes in as `now` (never `Date()`), IO goes out as
/// effects, and results come back as later events, so every behaviour can be tested as "state + event → state +
/// effects". After handling the event, the screen on view asks for whatever it lacks (the page under the
/// viewport, the first load of a screen), so moving, resizing and switching screens all load the same way.
///
/// The runtime around it (the terminal layer) is a loop on the UI thread:
/// ```swift
/// var state = ConsoleState(organization: org, organizations: all, options: options, size: size, now: clock(),
///                          firstKey: firstRun?.key)
/// var effects = reduce(state: &state, event: .started, now: clock())
/// loop {
///     for effect in effects {
///         switch effect {
///         case .copy(let text): writeOSC52(text)
///         case .redraw: clearok()
///         case .quit: return                         // the state already asked when that stops the server
///         default: Task { if let event = await runner.run(effect, now: clock()) { inbox.post(event) } }
///         }
///     }
///     let event = next(keys, SIGWINCH → .resized, 1 s timer → .tick, live log → .requestsArrived, inbox)
///     effects = reduce(state: &state, event: event, now: clock())
///     var grid = TextGrid(size: state.size); let cursor = ConsoleView.draw(state, on: &grid); paint(grid, cursor)
/// }
/// ```
public func reduce(state: inout ConsoleState, event: ConsoleEvent, now: Date) -> [ConsoleEffect] {
    state.now = now
    var effects = state.handle(event)
    effects += state.demandLoads()
    var seen = Set<ConsoleEffect>()
    return effects.filter { seen.insert($0).inserted }
}

extension ConsoleState {
    mutating func handle(_ event: ConsoleEvent) -> [ConsoleEffect] {
        switch event {
        case .started:
            return [.loadOrganizations]
        case .key(let key):
            return handleKey(key)
        case .resized(let newSize):
            size = newSize
            syncViewports()
            return []
        case .tick:
            return tick()
        case .organizationsLoaded(let loaded):
            organizationsLoaded(loaded)
            return []
        case .membersLoaded(let organizationID, let query, let page):
            return resourcesLoaded(\.members, organizationID: organizationID, query: query, page: page)
        case .memberLoaded(let organizationID, let id, let member):
            memberLoaded(organizationID: organizationID, id: id, member: member)
            return []
        case .teamsLoaded(let organizationID, let query, let page):
            return resourcesLoaded(\.teams, organizationID: organizationID, query: query, page: page)
        case .teamLoaded(let organizationID, let id, let team):
            teamLoaded(organizationID: organizationID, id: id, team: team)
            return []
        case .teamMembersLoaded(let organizationID, let teamID, let offset, let loaded):
            teamMembersLoaded(organizationID: organizationID, teamID: teamID, offset: offset, members: loaded)
            return []
        case .requestLogLoaded(let query, let entries):
            requestLogLoaded(query, entries)
            return []
        case .requestsArrived(let entries):
            return requestsArrived(entries)
        case .keysLoaded(let organizationID, let loaded):
            if organizationID == organization.id { keys.apply(loaded) }
            return []
        case .loadFailed(let effect, let error):
            loadFailed(effect, error)
            return []
        case .writeSucceeded(let write, let outcome):
            return writeSucceeded(write, outcome)
        case .simulatorChanged(let status):
            simulatorChanged(status)
            return []
        case .writeFailed(let write, let error):
            showFlash("\(options.glyphs.cross) Could not \(write.description): \(error.detail)", level: .error)
            return []
        }
    }

    /// Shows `text` in the flash row until it expires, and keeps it in the message log.
    mutating func showFlash(_ text: String, level: Flash.Level = .info) {
        flash = Flash(text, level: level, now: now)
        messageLog.append(MessageLog.Entry(time: now, text: text, level: level))
    }

    /// `✓ text`.
    mutating func showDone(_ text: String) {
        showFlash("\(options.glyphs.check) \(text)")
    }

    /// A write effect for the current organization.
    func write(_ write: ConsoleWrite) -> ConsoleEffect {
        .write(write, organizationID: organization.id)
    }
}
