import ArgumentParser
import Foundation
import RosterStore
import SCIM

/// `roster keys …`: the API keys Okta presents as bearer tokens.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list, rotate and revoke API keys.",
        subcommands: [Create.self, List.self, Rotate.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key; the key is printed once.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The organization's name or id.") var org: String
        @Option(help: "A label to tell keys apart, e.g. okta-prod.") var label: String = "api key"
        @Option(help: "Make the key expire after a duration (e.g. 90d).") var expires: String?
        @Flag(help: "Print JSON: {\"id\":…,\"key\":…}.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let store = try store.openStore()
            let org = try await store.organization(named: org)
            var expiresAt: Date?
            if let expires {
                guard let seconds = DurationText.parse(expires), seconds > 0 else {
                    throw CLIError("--expires '\(expires)' is not a duration such as 30d, 12h or 90m")
                }
                expiresAt = Date().addingTimeInterval(seconds)
            }
            let new = try await store.createAPIKey(organizationID: org.id, label: label, expiresAt: expiresAt, actor: .commandLine)
            KeysCommand.printNewKey(new, json: json, verb: "created")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an organization's API keys (never the secrets).")
        @OptionGroup var store: StoreOptions
        @Option(help: "The organization's name or id.") var org: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let store = try store.openStore()
            let org = try await store.organization(named: org)
            let keys = try await store.apiKeys(organizationID: org.id)
            let now = Date()
            if json {
                print(JSONValue.array(keys.map { KeysCommand.json($0, now: now) }).jsonString)
                return
            }
            let rows = keys.map { key in
                [key.id, key.label, key.prefix, key.status(at: now).rawValue, SCIMDateTime.format(key.createdAt),
                 key.lastUsedAt.map(SCIMDateTime.format) ?? "never", key.expiresAt.map(SCIMDateTime.format) ?? "-"]
            }
            print(TextTable.render(header: ["ID", "LABEL", "PREFIX", "STATUS", "CREATED", "LAST USED", "EXPIRES"], rows: rows))
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new key; the old one keeps working for the grace period.",
            discussion: "Paste the new key into Okta (Provisioning › Integration › API Token) before the grace period ends.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The key's id or prefix (rst_…).") var key: String
        @Option(help: "How long the old key keeps working: 0, 30m, 24h, 7d…") var grace: String = "24h"
        @Flag(help: "Print JSON: {\"id\":…,\"key\":…}.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            guard let seconds = DurationText.parse(grace) else {
                throw CLIError("--grace '\(grace)' is not a duration such as 0, 30m, 24h or 7d")
            }
            let store = try store.openStore()
            let old = try await store.apiKey(named: key)
            let new = try await store.rotateAPIKey(id: old.id, grace: seconds, at: Date(), actor: .commandLine)
            KeysCommand.printNewKey(new, json: json, verb: "rotated \(old.prefix) →")
            if !json {
                print(seconds == 0 ? "the old key \(old.prefix) no longer works" : "the old key \(old.prefix) keeps working for \(DurationText.format(seconds))")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key now: requests with it get 401.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The key's id or prefix (rst_…).") var key: String

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let store = try store.openStore()
            let key = try await store.apiKey(named: key)
            try await store.revokeAPIKey(id: key.id, at: Date(), actor: .commandLine)
            print("revoked \(key.prefix) (\(key.label))")
        }
    }

    static func printNewKey(_ new: NewAPIKey, json: Bool, verb: String) {
        if json {
            print(JSONValue.object(JSONObject([("id", .string(new.key.id)), ("key", .string(new.secret)), ("prefix", .string(new.key.prefix))])).jsonString)
        } else {
            print("\(verb) key \(new.key.prefix) (\(new.key.label)); it is shown only this once:")
            print(new.secret)
        }
    }

    static func json(_ key: APIKey, now: Date) -> JSONValue {
        var o = JSONObject()
        o["id"] = .string(key.id)
        o["label"] = .string(key.label)
        o["prefix"] = .string(key.prefix)
        o["status"] = .string(key.status(at: now).rawValue)
        o["created"] = .string(SCIMDateTime.format(key.createdAt))
        o["lastUsed"] = key.lastUsedAt.map { .string(SCIMDateTime.format($0)) } ?? .null
        o["expires"] = key.expiresAt.map { .string(SCIMDateTime.format($0)) } ?? .null
        o["revoked"] = key.revokedAt.map { .string(SCIMDateTime.format($0)) } ?? .null
        return .object(o)
    }
}

/// The operator named in audit entries made from the command line.
extension ChangeActor {
    /// The operator running this command: `cli:$USER`.
    static var commandLine: ChangeActor { .cli(user: ProcessInfo.processInfo.environment["USER"] ?? "operator") }
}
