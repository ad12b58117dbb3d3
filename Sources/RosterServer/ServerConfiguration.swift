import Foundation

/// How the SCIM server listens, what it accepts and what it keeps.
///
/// Every limit answers with a SCIM error that names it, so an administrator reading Okta's task
/// list knows which one was hit.
public struct ServerConfiguration: Sendable {
    /// Address to bind, `127.0.0.1` by default.
    public var host: String
    /// Port to bind; 0 picks a free one.
    public var port: Int
    /// The public base URL of the SCIM API (e.g. `https://roster.example.com/scim/v2`) used in
    /// `meta.location` and `Location`. Nil derives it from each request's `Host` and
    /// `X-Forwarded-Proto` headers.
    public var publicBaseURL: String?
    /// The certificate and key to serve HTTPS with (Okta calls HTTPS only); nil serves plain HTTP, for a TLS proxy in
    /// front. The application is given the loaded pair as a ``ServerTLS``; this says the scheme of derived URLs.
    public var tls: ServerTLSFiles?

    /// Largest request body accepted (413 beyond it).
    public var maxBodySize: Int
    /// Deepest JSON nesting accepted in a body (400 `invalidSyntax` beyond it).
    public var maxJSONDepth: Int
    /// Longest `filter` accepted, in bytes (400 `invalidFilter` beyond it).
    public var maxFilterLength: Int
    /// Most operations accepted in one PATCH (400 `tooMany` beyond it).
    public var maxPatchOperations: Int
    /// The largest team whose `members` a write (POST, PUT, PATCH) answers with; bigger teams
    /// answer without them so that a one-member change stays O(1).
    public var writeResponseMemberLimit: Int
    /// Page size when a list request gives no `count`.
    public var defaultPageSize: Int
    /// Largest page a list returns, whatever `count` asks; published as `filter.maxResults`.
    /// Never below 100, because Okta pages by 100 and skips records on a smaller cap.
    public var maxPageSize: Int {
        get { _maxPageSize }
        set { _maxPageSize = max(100, newValue) }
    }
    private var _maxPageSize: Int

    /// Each API key's rate (429 with `Retry-After` past it); nil, the default here, turns the limit off.
    /// `roster serve` sets 100/s with a burst of 200: far above what Okta or Entra send one app, so only a runaway
    /// client meets it.
    public var rateLimit: RateLimit?
    /// The rate of requests without a valid key, per client address (nil: off): a mistyped key is still answered,
    /// but guessing keys goes at a few a second. Behind a proxy every client shares the proxy's address, and so
    /// this budget. `roster serve` sets 2/s with a burst of 10.
    public var unauthenticatedRateLimit: RateLimit?

    /// Most SCIM writes waiting for the store at once; past it a write gets 503 with `Retry-After` at once (see
    /// ``WriteAdmission``). Nil, the default here, admits every write; `roster serve` sets 256.
    public var maxPendingWrites: Int?

    /// How long a successful API key lookup is reused; a revoked key stops working within this time.
    public var authCacheLifetime: Duration
    /// How often the last-used times of API keys are written to the store.
    public var keyUseFlushInterval: Duration

    /// Whether requests are recorded in the store's request log.
    /// Off, the server also skips the per-request log line unless the logger is at `info` or below.
    public var requestLogEnabled: Bool
    /// How often recorded requests are written to the store (one transaction per batch). Measured
    /// at 1M members: flushing every 10 ms instead of every 100 ms made logging cost more, not less
    /// (each flush is a task, a hop to the writer and a commit); 250 ms leaves a console attached
    /// from another process a quarter of a second behind.
    public var requestLogFlushInterval: Duration
    /// Most entries written in one transaction, which holds the write lock: 512 entries take about
    /// a millisecond. Measured at 1M members with the insert binding packed text directly: batches
    /// of 64 to 1,024 cost a logged `GET` within 2% of each other (every commit makes the other
    /// connections drop their page caches, so fewer is a little better), and one-connection
    /// `userName eq` p99 stayed at 1.0–1.2 ms with the log on (0.4 ms off).
    public var requestLogBatchSize: Int
    /// Request and response bodies longer than this are truncated in the log, with a marker.
    public var requestLogBodyLimit: Int
    /// Retention: the newest entries kept.
    public var requestLogKeepLatest: Int
    /// Retention: entries older than this are deleted.
    public var requestLogMaxAge: TimeInterval
    /// How often retention runs.
    public var requestLogPruneInterval: Duration

    /// - Parameters: see the properties; the defaults suit a single server behind a TLS proxy.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        publicBaseURL: String? = nil,
        tls: ServerTLSFiles? = nil,
        maxBodySize: Int = 1 << 20,
        maxJSONDepth: Int = 32,
        maxFilterLength: Int = 4096,
        maxPatchOperations: Int = 1000,
        writeResponseMemberLimit: Int = 1000,
        defaultPageSize: Int = 100,
        maxPageSize: Int = 1000,
        rateLimit: RateLimit? = nil,
        unauthenticatedRateLimit: RateLimit? = nil,
        maxPendingWrites: Int? = nil,
        authCacheLifetime: Duration = .seconds(1),
        keyUseFlushInterval: Duration = .seconds(5),
        requestLogEnabled: Bool = true,
        requestLogFlushInterval: Duration = .milliseconds(250),
        requestLogBatchSize: Int = 512,
        requestLogBodyLimit: Int = 64 << 10,
        requestLogKeepLatest: Int = 100_000,
        requestLogMaxAge: TimeInterval = 30 * 86_400,
        requestLogPruneInterval: Duration = .seconds(300)
    ) {
        self.host = host
        self.port = port
        self.publicBaseURL = publicBaseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.tls = tls
        self.maxBodySize = maxBodySize
        self.maxJSONDepth = maxJSONDepth
        self.maxFilterLength = maxFilterLength
        self.maxPatchOperations = maxPatchOperations
        self.writeResponseMemberLimit = writeResponseMemberLimit
        self._maxPageSize = max(100, maxPageSize)
        self.defaultPageSize = min(max(1, defaultPageSize), max(100, maxPageSize))
        self.rateLimit = rateLimit
        self.unauthenticatedRateLimit = unauthenticatedRateLimit
        self.maxPendingWrites = maxPendingWrites
        self.authCacheLifetime = authCacheLifetime
        self.keyUseFlushInterval = keyUseFlushInterval
        self.requestLogEnabled = requestLogEnabled
        self.requestLogFlushInterval = requestLogFlushInterval
        self.requestLogBatchSize = max(1, requestLogBatchSize)
        self.requestLogBodyLimit = requestLogBodyLimit
        self.requestLogKeepLatest = requestLogKeepLatest
        self.requestLogMaxAge = requestLogMaxAge
        self.requestLogPruneInterval = requestLogPruneInterval
    }

    /// How often a long-polling `GET /api/v1/events` looks for new events while it waits.
    public var feedPollInterval: Duration = .milliseconds(200)
    /// How long change events are kept (`--event-retention`); older ones are pruned.
    public var eventRetention: TimeInterval = 30 * 86_400
    /// How often the server prunes expired events.
    public var eventPruneInterval: Duration = .seconds(600)

    /// The path every SCIM endpoint lives under.
    public static let basePath = "/scim/v2"
    /// The path of the change feed's API for applications.
    public static let apiBasePath = "/api/v1"
}
