import Hummingbird
import Logging
import RosterStore
import SCIM
import ServiceLifecycle

/// The Roster SCIM server, ready to run: the Hummingbird application with its routes under
/// `/scim/v2`, the change feed's API under `/api/v1` and `GET /healthz`, plus the services it owns
/// (the request-log recorder, the API-key cache's last-used writer, the change feed's retention),
/// which the application runs and shuts down with itself.
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

    /// - Parameters:
    ///   - store: where members, teams, keys and the request log live.
    ///   - configuration: address, limits and request-log settings.
    ///   - logger: server events, and one line per SCIM request at `info`.
    ///   - onListening: called once the server accepts connections, with the port it bound (the configured one, or
    ///     the one the system chose for port 0), so a caller can wait for a successful start before going on.
    public init(
        store: any Store, configuration: ServerConfiguration = .init(), logger: Logger,
        onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) {
        let requestLog = configuration.requestLogEnabled
            ? RequestLogRecorder(store: store, configuration: configuration, logger: logger) : nil
        let keyCache = APIKeyCache(
            store: store, lifetime: configuration.authCacheLifetime, flushInterval: configuration.keyUseFlushInterval,
            logger: logger)
        let router = Self.router(
            store: store, configuration: configuration, keyCache: keyCache, requestLog: requestLog, logger: logger)
        var application = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
            eventLoopGroupProvider: .shared(ServerEventLoops.group),
            logger: logger)
        application.addServices(keyCache, EventRetention(store: store, configuration: configuration, logger: logger))
        if let requestLog { application.addServices(requestLog) }
        self.application = application
        self.requestLog = requestLog
    }

    static func router(
        store: any Store, configuration: ServerConfiguration, keyCache: APIKeyCache, requestLog: RequestLogRecorder?,
        logger: Logger
    ) -> Router<SCIMRequestContext> {
        let router = Router(context: SCIMRequestContext.self)
        let ok = ByteBuffer(string: "ok")
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ok))
        }

        let scim = router.group(RouterPath(ServerConfiguration.basePath))
        if requestLog != nil || logger.logLevel <= .info {
            scim.add(middleware: RequestLogMiddleware(
                recorder: requestLog, logger: logger, bodyLimit: configuration.requestLogBodyLimit))
        }
        scim.add(middleware: SCIMErrorMiddleware())
        scim.add(middleware: APIKeyAuthenticator(store: store, cache: keyCache))

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
