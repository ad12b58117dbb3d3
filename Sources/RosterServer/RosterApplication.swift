import Hummingbird
import HummingbirdCore
import Logging
import RosterStore
import SCIM
import ServiceLifecycle

/// The Roster SCIM server, ready to run: the Hummingbird application with its routes under
/// `/scim/v2`, the change feed's API under `/api/v1`, `GET /healthz` (liveness) and `GET /readyz`
/// (readiness), plus the services it owns (the request-log recorder, the API-key cache's last-used
/// writer, the change feed's retention and, over HTTPS, the certificate refresher), which the
/// application runs and shuts down with itself.
///
/// ```swift
/// let roster = RosterApplication(store: store, configuration: .init(port: 8080), logger: logger)
/// let group = ServiceGroup(configuration: .init(
///     services: [roster.application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
/// try await group.run()
/// ```
public struct RosterApplication {
    /// The application to run as a `Service`; it binds ``ServerConfiguration/host`` and ``ServerConfiguration/port``.
    public var application: Application<RouterResponder<SCIMRequestContext>>
    /// The request log's recorder (to flush it, or pause storing); nil when the log is off.
    public let requestLog: RequestLogRecorder?
    /// What `GET /readyz` answers; ready once the server listens.
    public let readiness: Readiness

    /// - Parameters:
    ///   - store: where members, teams, keys and the request log live.
    ///   - configuration: address, limits and request-log settings.
    ///   - logger: server events, and one line per SCIM request at `info`.
    ///   - tls: the certificate and key to serve HTTPS with; nil serves plain HTTP.
    ///   - metrics: where requests are counted for `/metrics` (see ``MetricsListener``); nil counts nothing.
    ///   - onListening: called once the server accepts connections, with the port it bound (the configured one, or
    ///     the one the system chose for port 0), so a caller can wait for a successful start before going on.
    public init(
        store: any Store, configuration: ServerConfiguration = .init(), logger: Logger, tls: ServerTLS? = nil,
        metrics: ServerMetrics? = nil, onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) {
        let readiness = Readiness()
        let requestLog = configuration.requestLogEnabled
            ? RequestLogRecorder(store: store, configuration: configuration, logger: logger) : nil
        let keyCache = APIKeyCache(
            store: store, lifetime: configuration.authCacheLifetime, flushInterval: configuration.keyUseFlushInterval,
            logger: logger)
        let router = Self.router(
            store: store, configuration: configuration, keyCache: keyCache, requestLog: requestLog,
            readiness: readiness, metrics: metrics, logger: logger)
        var application = Application(
            router: router,
            server: tls.map { HTTPServerBuilder.https(tls: $0) } ?? .rosterHTTP1,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                readiness.markReady()
                await onListening(channel.localAddress?.port ?? configuration.port)
            },
            eventLoopGroupProvider: .shared(ServerEventLoops.group),
            logger: logger)
        application.addServices(keyCache, EventRetention(store: store, configuration: configuration, logger: logger))
        if let requestLog { application.addServices(requestLog) }
        if let tls { application.addServices(tls.refresher) }
        self.application = application
        self.requestLog = requestLog
        self.readiness = readiness
    }

    /// The service that answers 503 on `/readyz` from the start of a graceful shutdown and holds the shutdown for
    /// `delay`; put it after ``application`` in the service group (see ``ReadinessDrain``).
    public func drain(delay: Duration) -> ReadinessDrain {
        ReadinessDrain(readiness: readiness, delay: delay)
    }

    static func router(
        store: any Store, configuration: ServerConfiguration, keyCache: APIKeyCache, requestLog: RequestLogRecorder?,
        readiness: Readiness, metrics: ServerMetrics?, logger: Logger
    ) -> Router<SCIMRequestContext> {
        let router = Router(context: SCIMRequestContext.self)
        if let metrics { router.add(middleware: RouteMetricsMiddleware(metrics: metrics)) }
        let ok = ByteBuffer(string: "ok")
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ok))
        }
        router.get("readyz") { _, _ in readiness.response }

        let scim = router.group(RouterPath(ServerConfiguration.basePath))
        if requestLog != nil || logger.logLevel <= .info {
            scim.add(middleware: RequestLogMiddleware(
                recorder: requestLog, logger: logger, bodyLimit: configuration.requestLogBodyLimit))
        }
        scim.add(middleware: SCIMErrorMiddleware())
        scim.add(middleware: APIKeyAuthenticator(
            store: store, cache: keyCache, keyLimiter: configuration.rateLimit.map { RateLimiter(limit: $0) },
            addressLimiter: configuration.unauthenticatedRateLimit.map { RateLimiter(limit: $0) }, metrics: metrics))
        if let bound = configuration.maxPendingWrites {
            let admission = WriteAdmission(bound: bound)
            metrics?.track(admission)
            scim.add(middleware: WriteAdmissionMiddleware(admission: admission))
        }

        let environment = SCIMEnvironment(directory: Directory(store: store), configuration: configuration)
        SearchController(environment: environment).addRoutes(to: scim)
        UsersController(environment: environment).addRoutes(to: scim)
        GroupsController(environment: environment).addRoutes(to: scim)
        DiscoveryController(environment: environment).addRoutes(to: scim)
        UnsupportedEndpoints().addRoutes(to: scim)

        // The change feed's API, for the vendor's application (application keys, not SCIM keys).
        let api = router.group(RouterPath(ServerConfiguration.apiBasePath))
        api.add(middleware: SCIMErrorMiddleware())
        EventsController(
            store: store, authenticator: AppKeyAuthenticator(store: store), pollInterval: configuration.feedPollInterval
        ).addRoutes(to: api)
        return router
    }
}
