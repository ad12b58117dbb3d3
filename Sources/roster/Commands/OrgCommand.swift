import ArgumentParser
import Foundation
import RosterStore
import SCIM

/// `roster org …`: organizations, their plan, seat limit and phone policy.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Create, list, show and update organizations.",
        subcommands: [Create.self, List.self, Show.self, Update.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an organization.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The organization's name.") var name: String
        @Option(help: "Plan: enterprise, business, starter or free. SCIM needs enterprise.") var plan: String = "enterprise"
        @Option(help: "Seat limit: the most active members.") var seats: Int = 100
        @Option(help: "Phone numbers not written '+41 791234567': strict (refuse) or flag (store and mark).")
        var phonePolicy: String = "strict"
        @Flag(help: "Print JSON.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let (plan, policy) = try OrgCommand.parse(plan: plan, phonePolicy: phonePolicy, seats: seats)
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("the organization's name is empty") }
            let org = try await store.openStore().createOrganization(
                name: name, plan: plan, seatLimit: seats, phonePolicy: policy, actor: .commandLine)
            print(json ? OrgCommand.json(org).jsonString : "created organization \(org.name) (\(org.id)), \(org.plan) plan, \(org.seatLimit) seats")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organizations.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let orgs = try await store.openStore().organizations()
            if json {
                print(JSONValue.array(orgs.map(OrgCommand.json)).jsonString)
                return
            }
            let rows = orgs.map { [$0.name, $0.id, $0.plan.rawValue, "\($0.activeMembers)/\($0.seatLimit)", $0.phonePolicy.rawValue] }
            print(TextTable.render(header: ["NAME", "ID", "PLAN", "SEATS", "PHONES"], rows: rows))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one organization.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The organization's name or id.") var org: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let org = try await store.openStore().organization(named: org)
            print(json ? OrgCommand.json(org).jsonString : OrgCommand.describe(org))
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an organization's name, plan, seats or phone policy.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The organization's name or id.") var org: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "Plan: enterprise, business, starter or free.") var plan: String?
        @Option(help: "Seat limit.") var seats: Int?
        @Option(help: "strict or flag.") var phonePolicy: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let store = try store.openStore()
            var org = try await store.organization(named: org)
            let (plan, policy) = try OrgCommand.parse(
                plan: plan ?? org.plan.rawValue, phonePolicy: phonePolicy ?? org.phonePolicy.rawValue, seats: seats ?? org.seatLimit)
            if let name { org.name = name }
            org.plan = plan
            org.phonePolicy = policy
            if let seats { org.seatLimit = seats }
            let saved = try await store.updateOrganization(org, actor: .commandLine)
            print(json ? OrgCommand.json(saved).jsonString : OrgCommand.describe(saved))
        }
    }

    static func parse(plan: String, phonePolicy: String, seats: Int) throws -> (Plan, PhonePolicy) {
        let plan = Plan(rawValue: plan)
        guard Plan.known.contains(plan) else {
            throw CLIError("unknown plan '\(plan)': use one of \(Plan.known.map(\.rawValue).joined(separator: ", "))")
        }
        guard let policy = PhonePolicy(rawValue: phonePolicy.lowercased()) else {
            throw CLIError("unknown phone policy '\(phonePolicy)': use strict or flag")
        }
        guard seats >= 0 else { throw CLIError("seats must be 0 or more, not \(seats)") }
        return (plan, policy)
    }

    static func json(_ org: Organization) -> JSONValue {
        [
            "id": .string(org.id), "name": .string(org.name), "plan": .string(org.plan.rawValue),
            "seatLimit": .number(Double(org.seatLimit)), "activeMembers": .number(Double(org.activeMembers)),
            "phonePolicy": .string(org.phonePolicy.rawValue), "created": .string(SCIMDateTime.format(org.createdAt)),
        ]
    }

    static func describe(_ org: Organization) -> String {
        """
        name          \(org.name)
        id            \(org.id)
        plan          \(org.plan)\(org.scimEnabled ? "" : " (SCIM needs the enterprise plan)")
        seats         \(org.activeMembers) of \(org.seatLimit) used
        phone policy  \(org.phonePolicy.rawValue)
        created       \(SCIMDateTime.format(org.createdAt))
        """
    }
}
