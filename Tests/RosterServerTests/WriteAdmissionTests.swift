import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import RosterServer
import SCIM
import Testing

@testable import RosterServer

@Suite struct WriteAdmissionTests {
    @Test func admitsUpToTheBoundAndAgainOnceOneLeaves() {
        let admission = WriteAdmission(bound: 2)
        #expect(admission.enter())
        #expect(admission.enter())
        #expect(!admission.enter())
        #expect(admission.pending == 2)
        admission.leave()
        #expect(admission.enter())
    }

    /// A burst of creates far above the bound: each is either created (and then readable) or answered 503 with
    /// `Retry-After` at once; nothing is lost, and reads are never refused.
    @Test func writesPastTheBoundGet503AndNothingAcknowledgedIsLost() async throws {
        var configuration = ServerConfiguration(port: 0)
        configuration.maxPendingWrites = 1
        let server = try await TestServer.make(seats: 1000, configuration: configuration)
        let logger = Logger(label: "roster-overload-test")
        let (ports, onListening) = listeningPort()
        let roster = RosterApplication(
            store: server.store, configuration: server.configuration, logger: logger, onListening: onListening)
        let bearer = ["Authorization": "Bearer \(server.key)", "Content-Type": "application/scim+json"]
        try await LiveServer.run(roster, logger: logger, onListening: ports) { live in
            let base = "http://127.0.0.1:\(live.port)/scim/v2"
            let answers = try await withThrowingTaskGroup(of: (Int, String?, String?).self) { group in
                for n in 0..<40 {
                    group.addTask {
                        let reply = try await SCIMClientless.post(
                            "\(base)/Users", OktaBodies.user("burst-\(n)@acme.com"), headers: bearer)
                        return (reply.status, reply.json?["id"]?.stringValue, reply.retryAfter)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.0 == 201 || $0.0 == 503 })
            #expect(answers.contains { $0.0 == 503 })
            #expect(answers.filter { $0.0 == 503 }.allSatisfy { $0.2 == "1" })
            #expect(answers.contains { $0.0 == 201 })
            for id in answers.compactMap(\.1) {
                #expect(try await httpGet("\(base)/Users/\(id)", headers: bearer).status == 200)
            }
            let list = try await httpGet("\(base)/Users?count=1", headers: bearer)
            #expect(list.status == 200)
            #expect(list.body.contains("\"totalResults\":\(answers.filter { $0.0 == 201 }.count)"))
        }
    }
}
