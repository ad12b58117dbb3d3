import Logging
import NIOCore
@testable import RosterServer
import ServiceLifecycle
import Testing

/// `GET /readyz` for load balancers: 503 before the server is ready and from the start of a graceful shutdown.
@Suite struct ReadinessTests {
    @Test func readinessGoesFromStartingToReadyToDrainingAndNeverBack() {
        let readiness = Readiness()
        #expect(readiness.state == .starting)
        readiness.markReady()
        #expect(readiness.state == .ready)
        readiness.markDraining()
        readiness.markReady()
        #expect(readiness.state == .draining)
    }

    @Test func readyzAnswers200WhileServingAnd503OnceShutdownBegins() async throws {
        let server = try await TestServer.make()
        let logger = Logger(label: "roster-readyz-test")
        let (ports, onListening) = listeningPort()
        let roster = RosterApplication(
            store: server.store, configuration: server.configuration, logger: logger, onListening: onListening)
        try await LiveServer.run(roster, services: [roster.drain(delay: .seconds(5))], logger: logger, onListening: ports) {
            live in
            func status(_ path: String) async throws -> Int {
                try await httpGet("http://127.0.0.1:\(live.port)\(path)").status
            }
            #expect(try await status("/readyz") == 200)

            // When graceful shutdown begins (SIGTERM), the drain holds the listener open for its delay
            await live.group.triggerGracefulShutdown()

            // Then the load balancer's probe sees 503 (within a moment) while liveness stays 200.
            var readyz = 200
            for _ in 0..<40 where readyz == 200 {
                try await Task.sleep(for: .milliseconds(50))
                readyz = try await status("/readyz")
            }
            #expect(readyz == 503)
            #expect(try await status("/healthz") == 200)
        }
    }
}
