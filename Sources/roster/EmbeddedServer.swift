import Dispatch
import Foundation
import Logging
import RosterServer
import RosterStore
import ServiceLifecycle
import Synchronization

/// The SCIM server running inside the console's process, started and stopped from the console's (synchronous)
/// main thread: the service group runs in a task on Swift concurrency's threads and NIO's event loops.
final class EmbeddedServer: Sendable {
    private let group: ServiceGroup
    private let lifecycle = Lifecycle()

    /// The port the server listens on.
    let port: Int

    /// Starts the server and waits until it listens.
    /// - Throws: `CLIError` naming the address when it cannot listen (port in use, bad host) or stops at once.
    /// - Parameter metrics: where to serve `GET /metrics`; nil serves none.
    init(
        store: any Store, configuration: ServerConfiguration, metrics: (host: String, port: Int)? = nil, logger: Logger
    ) throws {
        let lifecycle = self.lifecycle
        // No SIGHUP reload here: in a terminal SIGHUP means the terminal went away. The files are re-read every minute.
        let tls = try configuration.tls.map { try ServerTLS.loading($0, logger: logger) }
        let serverMetrics = metrics.map { _ in ServerMetrics() }
        let roster = RosterApplication(
            store: store, configuration: configuration, logger: logger, tls: tls, metrics: serverMetrics
        ) { port in
            lifecycle.enter(.listening(port: port))
        }
        var services: [any Service] = [roster.application]
        if let metrics, let serverMetrics {
            services.append(MetricsListener(
                metrics: serverMetrics, store: store, requestLog: roster.requestLog, host: metrics.host, port: metrics.port,
                logger: logger
            ).application)
        }
        // No graceful-shutdown signals: the console reads SIGTERM/SIGINT from its signalfd and stops the group.
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [], logger: logger))
        self.group = group
        Task.detached {
            do {
                try await group.run()
                lifecycle.enter(.stopped(nil))
            } catch {
                lifecycle.enter(.stopped(error))
            }
        }
        let address = "\(configuration.host):\(configuration.port)"
        switch lifecycle.waitForChange(timeout: 30) {
        case .listening(let port):
            self.port = port
        case .stopped(let error?):
            throw CLIError("cannot serve on \(address): \(error)")
        case .stopped(nil):
            throw CLIError("the SCIM server on \(address) stopped as it started")
        case .starting:
            throw CLIError("the SCIM server did not start listening on \(address) within 30 s")
        }
    }

    /// Stops accepting connections, lets requests in flight finish and flushes the request log; waits up to
    /// `timeout` seconds. Returns whether it stopped in time.
    @discardableResult
    func stop(timeout: Double = 15) -> Bool {
        let group = self.group
        Task.detached { await group.triggerGracefulShutdown() }
        return lifecycle.waitUntilStopped(timeout: timeout)
    }
}

/// Where the server task reports that it listens or stopped, for the main thread waiting on it.
private final class Lifecycle: Sendable {
    enum Phase: Sendable {
        case starting
        case listening(port: Int)
        case stopped((any Error)?)
    }

    private let phase = Mutex(Phase.starting)
    private let changed = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    func enter(_ next: Phase) {
        phase.withLock { $0 = next }
        changed.signal()
        if case .stopped = next { stopped.signal() }
    }

    /// The phase after the first change, or `.starting` when none came within `timeout` seconds.
    func waitForChange(timeout: Double) -> Phase {
        _ = changed.wait(timeout: .now() + timeout)
        return phase.withLock { $0 }
    }

    func waitUntilStopped(timeout: Double) -> Bool {
        stopped.wait(timeout: .now() + timeout) == .success
    }
}
