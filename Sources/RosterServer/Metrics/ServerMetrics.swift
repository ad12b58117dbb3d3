import Prometheus
import RosterStore
import Synchronization

/// What `GET /metrics` reports, in the Prometheus text format: requests by route template, method and status class
/// with their latency; per organization, SCIM requests and refusals by reason, active members and the seat limit;
/// the request log's backlog.
///
/// Labels stay bounded: routes are the router's templates (`/scim/v2/Users/{id}`), never a raw path; organizations
/// are their ids, as many as the store holds. The request path touches only counters and a histogram it has already
/// looked up once (one lock and a dictionary hit per request), so a scrape never slows a request and a request never
/// allocates a label array.
public final class ServerMetrics: Sendable {
    /// The registry `/metrics` emits; public so that an embedding process can add its own series.
    public let registry = PrometheusCollectorRegistry()

    private struct RouteKey: Hashable {
        let route: String
        let method: String
        let statusClass: UInt8
    }

    private struct RouteSeries {
        let requests: Counter
        let duration: DurationHistogram
    }

    private struct OrganizationSeries {
        let requests: Counter
        let refusals: [RefusalReason: Counter]
    }

    private let routes = Mutex<[RouteKey: RouteSeries]>([:])
    private let organizations = Mutex<[String: OrganizationSeries]>([:])
    private let gauges = Mutex<[String: (active: Gauge, seats: Gauge)]>([:])
    private let requestLogPending: Gauge
    private let requestLogDropped: Gauge
    private let writesPending: Gauge
    /// The server's write bound, whose count of writes in flight a scrape reads; nil when writes are not bounded.
    private let writeAdmission = Mutex<WriteAdmission?>(nil)

    /// Latency buckets from 250 µs to 10 s: a cached `GET /Users/{id}` answers in well under a millisecond, a large
    /// team replace in seconds.
    static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(10),
    ]

    public init() {
        requestLogPending = registry.makeGauge(descriptor: .init(
            namespace: "roster", metricName: "request_log_pending", unitName: "entries",
            helpText: "Request-log entries waiting to be written to the store."))
        requestLogDropped = registry.makeGauge(descriptor: .init(
            namespace: "roster", metricName: "request_log_dropped", unitName: "entries",
            helpText: "Request-log entries dropped since start because the store fell behind."))
        writesPending = registry.makeGauge(descriptor: .init(
            namespace: "roster", subsystem: "scim", metricName: "writes_pending", unitName: "count",
            helpText: "SCIM writes in flight, waiting for or in the store's single writer (with --max-pending-writes)."))
    }

    /// Reports the writes in flight of `admission` at each scrape.
    func track(_ admission: WriteAdmission) {
        writeAdmission.withLock { $0 = admission }
    }

    /// Counts one answered request under its route template (nil: no route matched).
    func observe(route: String?, method: String, status: Int, duration: Duration) {
        let key = RouteKey(route: route ?? "unmatched", method: method, statusClass: UInt8(clamping: status / 100))
        let series = routes.withLock { routes in
            if let series = routes[key] { return series }
            let labels = [("route", key.route), ("method", key.method), ("status", "\(key.statusClass)xx")]
            let series = RouteSeries(
                requests: registry.makeCounter(
                    descriptor: .init(
                        namespace: "roster", subsystem: "http", metricName: "requests", unitName: "total",
                        helpText: "HTTP requests answered, by route template, method and status class."),
                    labels: labels),
                duration: registry.makeDurationHistogram(
                    descriptor: .init(
                        namespace: "roster", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                        helpText: "Time from routing a request to its response, by route template, method and status class."),
                    labels: labels, buckets: Self.latencyBuckets))
            routes[key] = series
            return series
        }
        series.requests.increment()
        series.duration.record(duration)
    }

    /// Counts one authenticated SCIM request of an organization.
    func countRequest(organizationID: String) {
        series(organizationID: organizationID).requests.increment()
    }

    /// Counts a refusal; `organizationID` is empty when the key named no organization.
    func countRefusal(_ reason: RefusalReason, organizationID: String) {
        series(organizationID: organizationID).refusals[reason]?.increment()
    }

    private func series(organizationID: String) -> OrganizationSeries {
        organizations.withLock { organizations in
            if let series = organizations[organizationID] { return series }
            let label = ("organization", organizationID.isEmpty ? "unknown" : organizationID)
            var refusals: [RefusalReason: Counter] = [:]
            for reason in RefusalReason.allCases {
                refusals[reason] = registry.makeCounter(
                    descriptor: .init(
                        namespace: "roster", subsystem: "scim", metricName: "refusals", unitName: "total",
                        helpText: "SCIM requests refused, by organization and reason."),
                    labels: [label, ("reason", reason.rawValue)])
            }
            let series = OrganizationSeries(
                requests: registry.makeCounter(
                    descriptor: .init(
                        namespace: "roster", subsystem: "scim", metricName: "requests", unitName: "total",
                        helpText: "Authenticated SCIM requests, by organization."),
                    labels: [label]),
                refusals: refusals)
            organizations[organizationID] = series
            return series
        }
    }

    /// The text of a scrape: the organizations' member gauges and the request log's backlog read now, then every
    /// series.
    func scrape(store: any Store, requestLog: RequestLogRecorder?) async throws -> [UInt8] {
        for organization in try await store.organizations() {
            let pair = gauges.withLock { gauges in
                if let pair = gauges[organization.id] { return pair }
                let labels = [("organization", organization.id)]
                let pair = (
                    active: registry.makeGauge(
                        descriptor: .init(
                            namespace: "roster", subsystem: "organization", metricName: "active_members",
                            unitName: "count", helpText: "Active members of the organization (seats used)."),
                        labels: labels),
                    seats: registry.makeGauge(
                        descriptor: .init(
                            namespace: "roster", subsystem: "organization", metricName: "seat_limit", unitName: "count",
                            helpText: "The organization's seat limit."),
                        labels: labels))
                gauges[organization.id] = pair
                return pair
            }
            pair.active.set(to: Double(organization.activeMembers))
            pair.seats.set(to: Double(organization.seatLimit))
        }
        if let requestLog {
            let backlog = requestLog.backlog
            requestLogPending.set(to: Double(backlog.pending))
            requestLogDropped.set(to: Double(backlog.droppedTotal))
        }
        if let admission = writeAdmission.withLock({ $0 }) { writesPending.set(to: Double(admission.pending)) }
        return registry.emitToBuffer()
    }
}
