import ServiceLifecycle

/// The service that turns `GET /readyz` to 503 as soon as graceful shutdown begins, then holds the shutdown for
/// `delay` so that a load balancer polling `/readyz` sees it and stops sending requests before the listener closes.
///
/// Put it *after* the application in a `ServiceGroup`: a group shuts its services down in reverse order, so this one
/// is told first and the application waits until the delay has passed.
public struct ReadinessDrain: Service {
    let readiness: Readiness
    let delay: Duration

    public func run() async throws {
        try? await gracefulShutdown()
        readiness.markDraining()
        if delay > .zero { try? await Task.sleep(for: delay) }
    }
}
