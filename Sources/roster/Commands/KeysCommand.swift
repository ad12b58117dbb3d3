import ArgumentParser
import Foundation
import RosterStore
import SCIM

/// `roster keys …`: the SCIM keys Okta presents as bearer tokens, and the application keys the
/// vendor's own backend reads the change feed with (`--app`).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list, rotate and revoke SCIM keys and application keys.",
        subcommands: [Create.self, List.self, Rotate.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key; the key is printed once.",
            discussion: """
                A SCIM key (rst_…) is for an identity provider and needs --org. An application key (--app, rsa_…) reads \
                the change feed under /api/v1: of one organization with --org, of every organization without.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "The organization's name or id.") var org: String?
        @Option(help: "A label to tell keys apart, e.g. okta-prod.") var label: String = "api key"
        @Option(help: "Make the key expire after a duration (e.g. 90d).") var expires: String?
        @Flag(help: "An application key for the change feed, not a SCIM key.") var app = false
        @Flag(help: "Print JSON: {\"id\":…,\"key\":…}.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let store = try store.openStore()
            if app {
                guard expires == nil else { throw CLIError("--expires is for SCIM keys; rotate or revoke an application key instead") }
                let organizationID = try await org.asyncMap { try await store.organization(named: $0).id }
                let new = try await store.createAppKey(organizationID: organizationID, label: label, actor: .commandLine)
                KeysCommand.printNewKey(id: new.key.id, prefix: new.key.prefix, label: new.key.label, secret: new.secret, json: json,
                                        verb: "created application")
                return
            }
            guard let name = org else {
                throw CLIError("a SCIM key belongs to an organization: pass --org NAME (or --app for an application key)")
            }
            let org = try await store.organization(named: name)
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
        static let configuration = CommandConfiguration(
            abstract: "List an organization's SCIM keys, or the application keys (--app); never the secrets.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The organization's name or id.") var org: String?
        @Flag(help: "List application keys (of --org, or all).") var app = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let store = try store.openStore()
            if app {
                let organizationID = try await org.asyncMap { try await store.organization(named: $0).id }
                try await KeysCommand.listAppKeys(store: store, organizationID: organizationID, json: json)
                return
            }
            guard let name = org else { throw CLIError("pass --org NAME to list its SCIM keys, or --app for application keys") }
            let org = try await store.organization(named: name)
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
        @Argument(help: "The key's id or prefix (rst_… or rsa_…).") var key: String
        @Option(help: "How long the old key keeps working: 0, 30m, 24h, 7d…") var grace: String = "24h"
        @Flag(help: "Print JSON: {\"id\":…,\"key\":…}.") var json = false

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            guard let seconds = DurationText.parse(grace) else {
                throw CLIError("--grace '\(grace)' is not a duration such as 0, 30m, 24h or 7d")
            }
            let store = try store.openStore()
            let old: any KeyValidity
            if let app = try await store.appKey(idOrPrefix: key) {
                let new = try await store.rotateAppKey(id: app.id, grace: seconds, at: Date(), actor: .commandLine)
                KeysCommand.printNewKey(
                    id: new.key.id, prefix: new.key.prefix, label: new.key.label, secret: new.secret, json: json,
                    verb: "rotated \(app.prefix) →")
                old = app
            } else {
                let scim = try await store.apiKey(named: key)
                let new = try await store.rotateAPIKey(id: scim.id, grace: seconds, at: Date(), actor: .commandLine)
                KeysCommand.printNewKey(new, json: json, verb: "rotated \(scim.prefix) →")
                old = scim
            }
            if !json {
                print(seconds == 0 ? "the old key \(old.prefix) no longer works" : "the old key \(old.prefix) keeps working for \(DurationText.format(seconds))")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key now: requests with it get 401.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The key's id or prefix (rst_… or rsa_…).") var key: String

        func run() async throws { try await CLIError.mapping { try await perform() } }

        func perform() async throws {
            let store = try store.openStore()
            if let app = try await store.appKey(idOrPrefix: key) {
                try await store.revokeAppKey(id: app.id, at: Date(), actor: .commandLine)
                print("revoked application key \(app.prefix) (\(app.label))")
                return
            }
            let key = try await store.apiKey(named: key)
            try await store.revokeAPIKey(id: key.id, at: Date(), actor: .commandLine)
            print("revoked \(key.prefix) (\(key.label))")
        }
    }

    static func printNewKey(_ new: NewAPIKey, json: Bool, verb: String) {
        printNewKey(id: new.key.id, prefix: new.key.prefix, label: new.key.label, secret: new.secret, json: json, verb: verb)
    }

    static func printNewKey(id: String, prefix: String, label: String, secret: String, json: Bool, verb: String) {
        if json {
            print(JSONValue.object(JSONObject([("id", .string(id)), ("key", .string(secret)), ("prefix", .string(prefix))])).jsonString)
        } else {
            print("\(verb) key \(prefix) (\(label)); it is shown only this once:")
            print(secret)
        }
    }

    static func listAppKeys(store: any Store, organizationID: String?, json: Bool) async throws {
        let organizations = Dictionary(uniqueKeysWithValues: try await store.organizations().map { ($0.id, $0.name) })
        let keys = try await store.appKeys().filter { organizationID == nil || $0.organizationID == organizationID }
        let now = Date()
        if json {
            print(JSONValue.array(keys.map { key in
                var o = JSONObject()
                o["id"] = .string(key.id)
                o["label"] = .string(key.label)
                o["prefix"] = .string(key.prefix)
                o["organization"] = key.organizationID.map(JSONValue.string) ?? .null
                o["status"] = .string(key.status(at: now).rawValue)
                o["created"] = .string(SCIMDateTime.format(key.createdAt))
                o["lastUsed"] = key.lastUsedAt.map { .string(SCIMDateTime.format($0)) } ?? .null
                return .object(o)
            }).jsonString)
            return
        }
        let rows = keys.map { key -> [String] in
            let reads = key.organizationID.map { organizations[$0] ?? $0 } ?? "(every organization)"
            let lastUsed = key.lastUsedAt.map(SCIMDateTime.format) ?? "never"
            return [key.id, key.label, key.prefix, reads, key.status(at: now).rawValue, SCIMDateTime.format(key.createdAt), lastUsed]
        }
        print(TextTable.render(header: ["ID", "LABEL", "PREFIX", "READS", "STATUS", "CREATED", "LAST USED"], rows: rows))
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
