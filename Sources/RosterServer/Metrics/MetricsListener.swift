import Hummingbird
import Logging
import RosterStore

/// The second listener that serves `GET /metrics` (Prometheus text format), apart from the SCIM port so that it
/// can stay on a private address (`127.0.0.1` by default) with no API key, and a scrape never competes with Okta
/// for the SCIM port's connections.
public struct MetricsListener {
    /// The application to run as a `Service` beside the SCIM server.
    public let application: Application<RouterResponder<BasicRequestContext>>

    /// - Parameters:
    ///   - onListening: called with the bound port (useful with port 0).
    public init(
        metrics: ServerMetrics, store: any Store, requestLog: RequestLogRecorder?, host: String, port: Int,
        logger: Logger, onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) {
        let router = Router()
        router.get("metrics") { _, _ in
            let text = try await metrics.scrape(store: store, requestLog: requestLog)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
        application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            eventLoopGroupProvider: .shared(ServerEventLoops.group),
            logger: logger)
    }
}
