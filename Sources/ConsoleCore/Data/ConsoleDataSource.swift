import Foundation
import RosterStore
import SCIM

/// Where the console reads and writes: the runtime executes load and write effects through this, off the UI
/// thread, and feeds the answers back as events (`ConsoleEffectRunner` does the mapping).
///
/// `StoreDataSource` implements it over any `Store` (writes through `Directory`, audited); tests use an in-memory
/// fake. Errors should be `SCIMError`s; anything else is shown as a 500 with its description.
public protocol ConsoleDataSource: Sendable {
    func organizations() async throws -> [Organization]
    /// One page of members: `query.startIndex`/`count` select the rows (SCIM semantics, 1-based).
    func members(organizationID: String, query: ListQuery) async throws -> ListPage
    /// The member with its teams (`groups`), or nil.
    func member(organizationID: String, id: String) async throws -> SCIMResource?
    func teams(organizationID: String, query: ListQuery) async throws -> ListPage
    /// The team without its member list (but with `memberCount`), or nil.
    func team(organizationID: String, id: String) async throws -> SCIMResource?
    /// A page of a team's memberships, each with a `display` to show: the stored one, else the member's name.
    func teamMembers(organizationID: String, teamID: String, offset: Int, limit: Int) async throws -> [MemberRef]
    func requestLog(_ query: RequestLogQuery) async throws -> [RequestLogEntry]
    func apiKeys(organizationID: String) async throws -> [APIKey]
    /// Applies an operator's change under the same rules as SCIM and records it in the audit log.
    func perform(_ write: ConsoleWrite, organizationID: String, at now: Date) async throws -> WriteOutcome
}

/// Executes the data effects of the reducer against a `ConsoleDataSource` (and the simulator's against the demo's
/// simulated Okta) and turns each answer into the event the reducer expects. The terminal layer runs `run` for each
/// effect (concurrently is fine: events carry what they answer) and handles `copy`, `redraw` and `quit` itself.
public struct ConsoleEffectRunner: Sendable {
    public let dataSource: any ConsoleDataSource
    /// The demo's simulated Okta, when the console runs with one (`roster demo`).
    public let simulator: (any ConsoleSimulator)?

    public init(dataSource: any ConsoleDataSource, simulator: (any ConsoleSimulator)? = nil) {
        self.dataSource = dataSource
        self.simulator = simulator
    }

    /// Runs a data effect; nil for the terminal's effects.
    /// - Parameter now: the time writes happen at (key rotation's grace starts then).
    public func run(_ effect: ConsoleEffect, now: Date) async -> ConsoleEvent? {
        do {
            switch effect {
            case .loadOrganizations:
                return .organizationsLoaded(try await dataSource.organizations())
            case .loadMembers(let organizationID, let query):
                let page = try await dataSource.members(organizationID: organizationID, query: query)
                return .membersLoaded(organizationID: organizationID, query: query, page: page)
            case .loadMember(let organizationID, let id):
                let member = try await dataSource.member(organizationID: organizationID, id: id)
                return .memberLoaded(organizationID: organizationID, id: id, member: member)
            case .loadTeams(let organizationID, let query):
                let page = try await dataSource.teams(organizationID: organizationID, query: query)
                return .teamsLoaded(organizationID: organizationID, query: query, page: page)
            case .loadTeam(let organizationID, let id):
                let team = try await dataSource.team(organizationID: organizationID, id: id)
                return .teamLoaded(organizationID: organizationID, id: id, team: team)
            case .loadTeamMembers(let organizationID, let teamID, let offset, let limit):
                let members = try await dataSource.teamMembers(
                    organizationID: organizationID, teamID: teamID, offset: offset, limit: limit)
                return .teamMembersLoaded(organizationID: organizationID, teamID: teamID, offset: offset, members: members)
            case .loadRequestLog(let query):
                return .requestLogLoaded(query, try await dataSource.requestLog(query))
            case .loadKeys(let organizationID):
                return .keysLoaded(organizationID: organizationID, keys: try await dataSource.apiKeys(organizationID: organizationID))
            case .write(let write, let organizationID):
                do {
                    let outcome = try await dataSource.perform(write, organizationID: organizationID, at: now)
                    return .writeSucceeded(write, outcome)
                } catch {
                    return .writeFailed(write, Self.scimError(error))
                }
            case .simulator(let command):
                guard let simulator else { return nil }
                return .simulatorChanged(await simulator.perform(command))
            case .copy, .redraw, .quit:
                return nil
            }
        } catch {
            return .loadFailed(effect, Self.scimError(error))
        }
    }

    /// `error` as the SCIM error the flash shows.
    static func scimError(_ error: any Error) -> SCIMError {
        (error as? SCIMError) ?? SCIMError(status: 500, detail: String(describing: error))
    }
}
