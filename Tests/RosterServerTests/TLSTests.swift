import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import RosterServer
import Testing

/// `roster serve --tls-cert --tls-key`: HTTPS over a real TLS connection, with certificates made in the test, and the
/// certificate read again without a restart.
@Suite struct TLSTests {
    /// GET `path` over HTTPS with a fresh connection from a client that trusts `authority` only.
    private func get(
        _ path: String, port: Int, trusting authority: TestCertificateAuthority, key: String? = nil,
        timeout: TimeAmount = .seconds(10), configure: (inout TLSConfiguration) -> Void = { _ in }
    ) async throws -> (status: Int, body: String) {
        var tls = try authority.clientConfiguration()
        configure(&tls)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        do {
            var request = HTTPClientRequest(url: "https://localhost:\(port)\(path)")
            if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
            let response = try await client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 1 << 20)
            try await client.shutdown()
            return (Int(response.status.code), String(buffer: body))
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    private func withTLSServer<Value: Sendable>(
        files: TLSFilePair, refreshInterval: Duration = .seconds(60), logger: Logger = Logger(label: "roster-tls-test"),
        _ body: @Sendable (TestServer, ServerTLS, Int) async throws -> Value
    ) async throws -> Value {
        let tlsFiles = ServerTLSFiles(
            certificatePath: files.certificatePath, keyPath: files.keyPath, refreshInterval: refreshInterval)
        let server = try await TestServer.make(configuration: ServerConfiguration(port: 0, tls: tlsFiles))
        let tls = try ServerTLS(files: tlsFiles, logger: logger)
        let (ports, onListening) = listeningPort()
        let roster = RosterApplication(
            store: server.store, configuration: server.configuration, logger: logger, tls: tls, onListening: onListening)
        return try await LiveServer.run(roster, logger: logger, onListening: ports) { live in
            try await body(server, tls, live.port)
        }
    }

    @Test func servesSCIMOverHTTPSWithTheChainFromTheFile() async throws {
        let authority = try TestCertificateAuthority(name: "Roster Test CA")
        let files = try TLSFilePair()
        let pair = try authority.issueServerPair()
        try files.write(chainPEM: pair.chainPEM, keyPEM: pair.keyPEM)
        try await withTLSServer(files: files) { server, _, port in
            let health = try await get("/healthz", port: port, trusting: authority)
            #expect(health.status == 200)
            let users = try await get("/scim/v2/Users?count=1", port: port, trusting: authority, key: server.key)
            #expect(users.status == 200)
            // Derived URLs (meta.location) say https when Roster terminates TLS itself.
            let config = try await get("/scim/v2/ServiceProviderConfig", port: port, trusting: authority, key: server.key)
            #expect(config.body.contains("https://localhost:\(port)/scim/v2/ServiceProviderConfig"))
        }
    }

    @Test func refusesTLSOlderThan1_2() async throws {
        let authority = try TestCertificateAuthority(name: "Roster Test CA")
        let files = try TLSFilePair()
        let pair = try authority.issueServerPair()
        try files.write(chainPEM: pair.chainPEM, keyPEM: pair.keyPEM)
        try await withTLSServer(files: files) { _, _, port in
            await #expect(throws: (any Error).self) {
                try await get("/healthz", port: port, trusting: authority, timeout: .seconds(3)) {
                    $0.maximumTLSVersion = .tlsv11
                }
            }
            let modern = try await get("/healthz", port: port, trusting: authority) { $0.minimumTLSVersion = .tlsv12 }
            #expect(modern.status == 200)
        }
    }

    @Test func reloadServesTheNewCertificateToNewConnections() async throws {
        let before = try TestCertificateAuthority(name: "Roster Test CA before")
        let after = try TestCertificateAuthority(name: "Roster Test CA after")
        let files = try TLSFilePair()
        let first = try before.issueServerPair()
        try files.write(chainPEM: first.chainPEM, keyPEM: first.keyPEM)
        try await withTLSServer(files: files) { _, tls, port in
            #expect(try await get("/healthz", port: port, trusting: before).status == 200)

            // When the renewal is written and the server told (SIGHUP does this in `roster serve`)
            let renewed = try after.issueServerPair()
            try files.write(chainPEM: renewed.chainPEM, keyPEM: renewed.keyPEM)
            tls.reload()

            // Then a new connection gets the new chain, and the old one is no longer offered.
            #expect(try await get("/healthz", port: port, trusting: after).status == 200)
            await #expect(throws: (any Error).self) {
                try await get("/healthz", port: port, trusting: before, timeout: .seconds(3))
            }
        }
    }

    @Test func aBadNewPairIsRefusedAndTheOldOneKeepsServing() async throws {
        let authority = try TestCertificateAuthority(name: "Roster Test CA")
        let other = try TestCertificateAuthority(name: "Roster Test CA other")
        let files = try TLSFilePair()
        let pair = try authority.issueServerPair()
        try files.write(chainPEM: pair.chainPEM, keyPEM: pair.keyPEM)
        let lines = CapturedLines()
        var logger = Logger(label: "roster-tls-test") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .notice
        try await withTLSServer(files: files, logger: logger) { _, tls, port in
            // A certificate with somebody else's key (half of a renewal written), then a file that is not PEM.
            let mismatched = try other.issueServerPair()
            try files.write(chainPEM: mismatched.chainPEM, keyPEM: pair.keyPEM)
            tls.reload()
            #expect(try await get("/healthz", port: port, trusting: authority).status == 200)
            try files.write(chainPEM: "not a certificate", keyPEM: pair.keyPEM)
            tls.reload()
            #expect(try await get("/healthz", port: port, trusting: authority).status == 200)
            let refusals = lines.all.filter { $0.hasPrefix("TLS certificate or key refused") }
            #expect(refusals.count == 2)
        }
    }

    @Test func aRenewedFileIsPickedUpWithoutASignal() async throws {
        let before = try TestCertificateAuthority(name: "Roster Test CA before")
        let after = try TestCertificateAuthority(name: "Roster Test CA after")
        let files = try TLSFilePair()
        let first = try before.issueServerPair()
        try files.write(chainPEM: first.chainPEM, keyPEM: first.keyPEM)
        try await withTLSServer(files: files, refreshInterval: .milliseconds(100)) { _, _, port in
            let renewed = try after.issueServerPair()
            try files.write(chainPEM: renewed.chainPEM, keyPEM: renewed.keyPEM)
            var served = false
            for _ in 0..<50 where !served {
                try await Task.sleep(for: .milliseconds(100))
                served = (try? await get("/healthz", port: port, trusting: after))?.status == 200
            }
            #expect(served)
        }
    }

    @Test func aServerDoesNotStartWithoutAUsablePair() throws {
        let files = try TLSFilePair()
        try files.write(chainPEM: "not a certificate", keyPEM: "not a key")
        #expect(throws: (any Error).self) {
            try ServerTLS(
                files: ServerTLSFiles(certificatePath: files.certificatePath, keyPath: files.keyPath),
                logger: Logger(label: "roster-tls-test"))
        }
    }
}
