import Hummingbird
import Logging
import RosterServer
import ServiceLifecycle
import Synchronization

/// A ``RosterApplication`` running on a free port in a service group of the test's own, for what HummingbirdTesting's
/// clients cannot do: HTTPS with a certificate the test chooses, a second listener, a graceful shutdown mid-test.
struct LiveServer {
    let port: Int
    let group: ServiceGroup

    /// Runs `roster` (plus `services` after it) until `body` returns, then shuts the group down gracefully.
    static func run<Value: Sendable>(
        _ roster: RosterApplication, services: [any Service] = [], logger: Logger,
        onListening ports: AsyncStream<Int>,
        _ body: @Sendable (LiveServer) async throws -> Value
    ) async throws -> Value {
        let group = ServiceGroup(configuration: .init(
            services: [roster.application] + services, gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw TestFailure("the server did not start listening") }
            let value: Value
            do {
                value = try await body(LiveServer(port: port, group: group))
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return value
        }
    }
}

/// An `onListening` callback for ``RosterApplication`` and the stream that receives its port.
func listeningPort() -> (stream: AsyncStream<Int>, onListening: @Sendable (Int) async -> Void) {
    let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
    return (stream, { port in continuation.yield(port) })
}
