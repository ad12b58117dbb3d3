import ArgumentParser
import Foundation
import RosterSQLite
import RosterStore
import SCIM

/// `roster seed`: loads generated members and teams through the store's bulk path, so that scale
/// tests and demos at 1,000,000 members cost seconds instead of a day of SCIM POSTs.
///
/// Seat limit: seeded members are active and use seats. By default a seed that would pass the
/// organization's limit fails before writing anything and says how to proceed; `--raise-seats`
/// raises the limit to exactly what the seed needs. `--create-org` makes the organization
/// (Enterprise plan, seats for the seed) when it does not exist.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bulk-load generated members and teams (benchmarks, demos at scale).",
        discussion: """
            Member n gets userName user0000123@example.com (seven digits or more), externalId \
            seed0000123, a name, a display name and a work email, and is active. Members are written \
            in batched transactions; a team holds the organization's first --team-size members. \
            Seeding the same numbers twice fails with a conflict: use --start-index to continue.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The organization's name or id.") var org: String
    @Flag(help: "Create the organization (Enterprise plan, seats for the seed) if it does not exist.")
    var createOrg = false
    @Flag(help: "Raise the organization's seat limit if the seed needs more seats (otherwise: fail).")
    var raiseSeats = false
    @Option(help: "How many members to add.") var members: Int = 0
    @Option(help: "The number of the first member (user0000001 is 1).") var startIndex: Int = 1
    @Option(help: "Members per transaction.") var batchSize: Int = 10_000
    @Option(help: "How many teams to add.") var teams: Int = 0
    @Option(help: "Members per team: the organization's first K members.") var teamSize: Int = 0
    @Option(help: "Team name; with more than one team, teams are named \"NAME 1\", \"NAME 2\"…")
    var teamName: String = "Seed team"
    @Flag(help: "Print JSON: the organization, member count, seconds taken and the teams' ids.") var json = false

    func validate() throws {
        guard members >= 0, teams >= 0, teamSize >= 0 else { throw ValidationError("--members, --teams and --team-size must be 0 or more") }
        guard startIndex >= 1 else { throw ValidationError("--start-index must be 1 or more, not \(startIndex)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be 1 or more, not \(batchSize)") }
        guard members > 0 || teams > 0 else { throw ValidationError("nothing to seed: give --members N and/or --teams M --team-size K") }
        guard teams == 0 || teamSize > 0 else { throw ValidationError("--teams needs --team-size K (members per team)") }
    }

    func run() async throws {
        do {
            try await seed()
        } catch let error as SCIMError where error.status == 409 {
            throw CLIError("\(error.detail); members numbered from --start-index \(startIndex) exist already: pick another --start-index")
        } catch let error as SCIMError {
            throw CLIError(error.detail)  // the human sentence, not the HTTP status line
        }
    }

    private func seed() async throws {
        let sqlite: SQLiteStore
        if store.isPostgres {
            throw CLIError("roster seed loads SQLite only for now; on PostgreSQL, create members through the SCIM API")
        }
        do {
            sqlite = try SQLiteStore.open(path: store.database)
        } catch {
            throw CLIError("cannot open database \(store.database): \(error)")
        }
        var organization = try await prepareOrganization(sqlite)

        let clock = ContinuousClock()
        var memberSeconds = 0.0
        if members > 0 {
            let start = clock.now
            try await sqlite.seedMembers(organizationID: organization.id, count: members, startIndex: startIndex, batchSize: batchSize)
            memberSeconds = (clock.now - start).seconds
            if !json {
                let last = startIndex + members - 1
                print("seeded \(members) members (\(SQLiteStore.seedUserName(startIndex)) … \(SQLiteStore.seedUserName(last))) "
                    + "into \(organization.name) in \(Self.format(memberSeconds)) (\(Int(Double(members) / max(memberSeconds, 1e-9)))/s)")
            }
        }

        var created: [(team: SCIMResource, seconds: Double)] = []
        for n in 0..<teams {
            let name = teams == 1 ? teamName : "\(teamName) \(n + 1)"
            let start = clock.now
            let seeded = try await sqlite.seedTeam(organizationID: organization.id, displayName: name, memberCount: teamSize)
            let team = try await sqlite.team(organizationID: organization.id, id: seeded.id, includeMembers: false) ?? seeded
            let elapsed = clock.now - start
            created.append((team, elapsed.seconds))
            let size = team.memberCount ?? teamSize
            if !json {
                print("created team \(name) (\(team.id)) with \(size) members in \(Self.format(elapsed.seconds))")
            }
            if size < teamSize {
                FileHandle.standardError.write(Data(
                    "warning: team \(name) has \(size) members, not \(teamSize): the organization has only \(size)\n".utf8))
            }
        }

        organization = try await sqlite.organization(id: organization.id) ?? organization
        if json {
            let teams = created.map { entry -> JSONValue in
                [
                    "id": .string(entry.team.id), "displayName": .string(entry.team.attributes["displayName"]?.stringValue ?? ""),
                    "members": .number(Double(entry.team.memberCount ?? teamSize)), "seconds": .number(entry.seconds),
                ]
            }
            let output: JSONValue = [
                "organization": .string(organization.id), "organizationName": .string(organization.name),
                "members": .number(Double(members)), "startIndex": .number(Double(startIndex)),
                "memberSeconds": .number(memberSeconds), "activeMembers": .number(Double(organization.activeMembers)),
                "seatLimit": .number(Double(organization.seatLimit)), "teams": .array(teams),
            ]
            print(output.jsonString)
        } else {
            print("\(organization.name): \(organization.activeMembers) of \(organization.seatLimit) seats in use")
        }
    }

    /// The organization to seed, created or with its seat limit raised when the flags allow it;
    /// otherwise an error that says which flag or command makes the seed fit.
    private func prepareOrganization(_ store: SQLiteStore) async throws -> Organization {
        let existing = try await store.organizations().first { $0.id == org || CaseFolding.key($0.name) == CaseFolding.key(org) }
        guard var organization = existing else {
            guard createOrg else {
                throw CLIError("no organization '\(org)': create it with roster org create, or pass --create-org")
            }
            let created = try await store.createOrganization(
                name: org, plan: .enterprise, seatLimit: max(members, 100), phonePolicy: .strict, actor: .commandLine)
            if !json { print("created organization \(created.name) (\(created.id)), enterprise plan, \(created.seatLimit) seats") }
            return created
        }
        let needed = organization.activeMembers + members
        guard needed > organization.seatLimit else { return organization }
        guard raiseSeats else {
            throw CLIError(
                "seeding \(members) active members needs \(needed) seats but \(organization.name) has \(organization.seatLimit) "
                    + "(\(organization.activeMembers) in use): pass --raise-seats, or run roster org update \(organization.name) --seats \(needed)")
        }
        organization.seatLimit = needed
        organization = try await store.updateOrganization(organization, actor: .commandLine)
        if !json { print("raised the seat limit of \(organization.name) to \(needed)") }
        return organization
    }

    private static func format(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.0f ms", seconds * 1000) : String(format: "%.1f s", seconds)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`, for rates and printing.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
