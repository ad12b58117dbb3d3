import Hummingbird

/// Counts and times every request under the route template it matched (`context.endpointPath`, set by the router
/// after this middleware has started), including errors other middleware did not turn into a response.
struct RouteMetricsMiddleware: RouterMiddleware {
    typealias Context = SCIMRequestContext

    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.observe(
                route: context.endpointPath, method: request.method.rawValue, status: Int(response.status.code),
                duration: ContinuousClock.now - started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
            metrics.observe(
                route: context.endpointPath, method: request.method.rawValue, status: status,
                duration: ContinuousClock.now - started)
            throw error
        }
    }
}
