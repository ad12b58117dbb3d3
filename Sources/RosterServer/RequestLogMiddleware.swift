import Foundation
import Hummingbird
import Logging
import RosterStore
import SCIM

/// Records every request under `/scim/v2`, failed authentication included, as a
/// ``RequestLogEntry`` (secrets redacted, bodies bounded, a human summary), hands it to the
/// ``RequestLogRecorder`` without waiting, and writes one line per request to the logger:
/// `PATCH /scim/v2/Groups/5f1c… 200 3.1ms Okta · add 1 member to team Sales`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SCIMRequestContext

    /// Nil when the request log is off (the line is still written).
    let recorder: RequestLogRecorder?
    let logger: Logger
    let bodyLimit: Int

    /// Request headers worth keeping (canonical names); `Authorization` is redacted.
    private static let keptHeaders: Set<String> = [
        "authorization", "content-type", "content-length", "accept", "if-match", "if-none-match", "x-forwarded-for",
    ]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let time = Date()
        let notes = RequestNotes()
        var context = context
        context.notes = notes
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        let micros = Int(elapsed.components.seconds) * 1_000_000 + Int(elapsed.components.attoseconds / 1_000_000_000_000)
        // Headers and bodies are written out only when the store keeps them: it keeps none for a
        // successful read (see `RequestLogEntry.storedForm`), and the stderr line never shows them.
        let isSuccessfulRead = RequestLogEntry.isSuccessfulRead(
            method: request.method.rawValue, status: Int(response.status.code))
        let keepsDetail = recorder != nil && !isSuccessfulRead
        let entry = makeEntry(
            request: request, response: response, notes: notes.snapshot, time: time, latencyMicros: micros,
            clientAddress: context.clientAddressText, keepsDetail: keepsDetail)
        recorder?.record(entry)
        logger.info(
            "\(entry.method) \(entry.path) \(entry.status) \(micros / 1000).\(micros % 1000 / 100)ms \(entry.summary)")
        return response
    }

    /// The entry; without headers and bodies unless `keepsDetail`.
    private func makeEntry(
        request: Request, response: Response, notes: RequestNotes.Values, time: Date, latencyMicros: Int,
        clientAddress: String, keepsDetail: Bool
    ) -> RequestLogEntry {
        let userAgent = request.headers[.userAgent] ?? ""
        // Read once: Hummingbird's `URI` builds a new string on every read of `path`.
        let path = request.uri.path
        let query = request.uri.query ?? ""
        var headers: [String: String] = [:]
        for field in request.headers where keepsDetail && Self.keptHeaders.contains(field.name.canonicalName) {
            let name = field.name.canonicalName
            headers[name] =
                name == "authorization"
                ? RequestLogRedaction.authorization(field.value, knownPrefix: notes.keyPrefix) : field.value
        }
        let summary = RequestSummary.make(
            client: RequestSummary.clientName(userAgent: userAgent), method: request.method.rawValue,
            path: path, query: QueryParameters(query), status: response.status.code,
            scimType: notes.scimType, requestBody: notes.requestJSON, responseBody: notes.responseJSON,
            skippedMembers: notes.skippedMemberIDs.count, filter: notes.filter)
        return RequestLogEntry(
            time: time, organizationID: notes.organizationID, method: request.method.rawValue, path: path,
            query: query, status: response.status.code, latencyMicros: latencyMicros, clientAddress: clientAddress,
            userAgent: userAgent, keyPrefix: notes.keyPrefix, requestHeaders: headers,
            requestBody: keepsDetail
                ? RequestLogRedaction.bodyText(
                    raw: notes.requestBody, parsed: notes.requestJSON, note: notes.requestBodyNote, limit: bodyLimit)
                : "",
            responseBody: keepsDetail
                ? RequestLogRedaction.responseText(
                    raw: notes.responseBody, parsed: notes.responseJSON, status: response.status.code, limit: bodyLimit)
                : "",
            summary: summary, resourceID: notes.resourceID, scimType: notes.scimType)
    }
}
