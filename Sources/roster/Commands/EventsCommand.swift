import ArgumentParser
import Foundation
import RosterServer
import RosterStore
import SCIM

/// `roster events`: the change feed as JSON lines, read straight from the store (no server needed).
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print change-feed events as JSON lines, oldest first.",
        discussion: """
            Each line is one event as GET /api/v1/events gives it. Without --follow, the cursor to resume from \\
            is printed last, on standard error (after: v1.N).
            """)
    @OptionGroup var store: StoreOptions
    @Option(help: "Only this organization's events (name or id).") var org: String?
    @Option(help: "Start after this cursor (v1.N, as printed or answered by the API).") var after: String?
    @Option(help: "Only these types, comma-separated (e.g. member.created,member.deactivated).") var types: String?
    @Flag(help: "Keep waiting for new events.") var follow = false

    func run() async throws { try await CLIError.mapping { try await perform() } }

    func perform() async throws {
        let store = try store.openStore()
        let organizationID = try await org.asyncMap { try await store.organization(named: $0).id }
        let types = try types.map(Self.parseTypes)
        let prunedThrough = try await store.eventsPrunedThrough()
        var position = try after.map { try FeedCursor(parsing: $0).position } ?? prunedThrough
        guard position >= prunedThrough else {
            throw CLIError("the cursor v1.\(position) is older than retention keeps (pruned through v1.\(prunedThrough))")
        }
        while true {
            let events = try await store.events(after: position, organizationID: organizationID, types: types, limit: 500)
            // Written through at once (not buffered), so a follower's reader sees each event as it comes.
            let lines = events.map { JSONValue.object($0.json).jsonString + "\n" }.joined()
            if !lines.isEmpty { FileHandle.standardOutput.write(Data(lines.utf8)) }
            position = events.last?.position ?? position
            if events.isEmpty {
                guard follow else { break }
                try await Task.sleep(for: .milliseconds(500))
            }
        }
        FileHandle.standardError.write(Data("after: \(FeedCursor(position: position))\n".utf8))
    }

    static func parseTypes(_ text: String) throws -> Set<ChangeEventType> {
        Set(try text.split(separator: ",").map { name in
            guard let type = ChangeEventType(rawValue: String(name)) else {
                throw CLIError("'\(name)' is not an event type: \(ChangeEventType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return type
        })
    }
}
