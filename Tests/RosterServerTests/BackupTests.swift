import Foundation
import GRDB
import Hummingbird
import RosterSQLite
import RosterServer
import SCIM
import Synchronization
import Testing

/// `roster backup` while a server takes writes, and a server started on the copy.
@Suite struct BackupTests {
    @Test func aBackupUnderWriteLoadServesEveryWriteAcknowledgedBeforeItBegan() async throws {
        let server = try await TestServer.make(seats: 100_000, onSQLite: true)
        let backupPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("roster-backup-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: backupPath) }
        let sourcePath = try #require(server.store as? SQLiteStore).pool.path
        let load = WriteLoad()

        let backupStarted = try await server.run { client in
            // Given a writer creating members one after another
            async let writer: Void = {
                var n = 0
                while !load.stopped {
                    n += 1
                    let id = try await client.createUser("load-\(n)@acme.com")
                    load.acknowledge(id)
                }
            }()
            // When a backup runs while it writes
            while load.count < 20 { try await Task.sleep(for: .milliseconds(20)) }
            let started = ContinuousClock.now
            let report = try SQLiteMaintenance.backup(from: sourcePath, to: backupPath)
            #expect(report.check.problems.isEmpty, "\(report.check.problems)")
            try await Task.sleep(for: .milliseconds(200))
            load.stop()
            try await writer
            return started
        }

        // Then a server on the copy serves every member whose creation was acknowledged before the backup began.
        let before = load.acknowledged(before: backupStarted)
        #expect(before.count >= 20)
        let restored = TestServer(
            store: try SQLiteStore.open(path: backupPath), organization: server.organization, key: server.key,
            keyID: server.keyID, configuration: server.configuration)
        let missing = try await restored.run { client in
            var missing: [String] = []
            for id in before where try await client.get("Users/\(id)").status != 200 { missing.append(id) }
            return missing
        }
        #expect(missing.isEmpty)
        #expect(try SQLiteMaintenance.check(path: backupPath).problems.isEmpty)
    }

    @Test func aBackupRefusesToOverwriteAFile() async throws {
        let server = try await TestServer.make(onSQLite: true)
        let sqlite = try #require(server.store as? SQLiteStore)
        let existing = FileManager.default.temporaryDirectory.appendingPathComponent("roster-exists-\(UUID().uuidString)")
        try Data("keep me".utf8).write(to: existing)
        defer { try? FileManager.default.removeItem(at: existing) }
        #expect(throws: SQLiteMaintenance.MaintenanceError.self) {
            try SQLiteMaintenance.backup(from: sqlite.pool.path, to: existing.path)
        }
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me")
    }

    @Test func checkFindsCountersThatDisagreeWithTheRows() async throws {
        let server = try await TestServer.make(onSQLite: true)
        let sqlite = try #require(server.store as? SQLiteStore)
        try await server.run { client in _ = try await client.createUser("ada@acme.com") }
        #expect(try SQLiteMaintenance.check(path: sqlite.pool.path).problems.isEmpty)
        try await sqlite.pool.write { db in
            try db.execute(sql: "UPDATE organization SET activeMembers = activeMembers + 5")
        }
        let problems = try SQLiteMaintenance.check(path: sqlite.pool.path).problems
        #expect(problems.count == 1)
        #expect(problems.first?.contains("organization.activeMembers") == true)
    }
}

/// Members a writer created, with when each was acknowledged, and the flag that stops it.
private final class WriteLoad: Sendable {
    private let acknowledgements = Mutex<[(id: String, at: ContinuousClock.Instant)]>([])
    private let stopFlag = Atomic<Bool>(false)

    var stopped: Bool { stopFlag.load(ordering: .relaxed) }
    var count: Int { acknowledgements.withLock { $0.count } }
    func stop() { stopFlag.store(true, ordering: .relaxed) }

    func acknowledge(_ id: String) {
        let now = ContinuousClock.now
        acknowledgements.withLock { $0.append((id, now)) }
    }

    func acknowledged(before instant: ContinuousClock.Instant) -> [String] {
        acknowledgements.withLock { $0.filter { $0.at < instant }.map(\.id) }
    }
}
