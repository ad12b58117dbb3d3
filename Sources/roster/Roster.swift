import ArgumentParser

/// `roster`: a SCIM 2.0 provisioning target with an operator console. Started by `main.swift`, which decides the
/// thread and signal mask a command runs with.
struct Roster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "A SCIM 2.0 provisioning target for Okta, Entra ID and any RFC 7644 client.",
        discussion: """
            Members are SCIM Users and teams are SCIM Groups, kept in one SQLite file \
            (--database, default ./roster.sqlite, or $ROSTER_DATABASE).
            """,
        version: "0.1.0",
        subcommands: [
            Console.self, Serve.self, OrgCommand.self, KeysCommand.self, EventsCommand.self, Seed.self, Backup.self, Check.self,
            Demo.self, Simulate.self,
        ],
        defaultSubcommand: Console.self
    )
}
