import Hummingbird
import NIOCore
import SCIM

/// Reads a SCIM request body: checks its media type, collects it up to the size limit and
/// parses it as JSON with a depth limit, each failure a SCIM error that says what was wrong.
enum SCIMRequestBody {
    /// The body parsed as JSON, also noted for the request log.
    static func json(
        _ request: Request, context: SCIMRequestContext, configuration: ServerConfiguration
    ) async throws -> JSONValue {
        try checkContentType(request.headers[.contentType])
        let limit = configuration.maxBodySize
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            context.notes?.update { $0.requestBodyNote = "[body of \(length) bytes not read: over the \(limit)-byte limit]" }
            throw tooLarge(limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            context.notes?.update { $0.requestBodyNote = "[body not read: over the \(limit)-byte limit]" }
            throw tooLarge(limit)
        }
        context.notes?.update { $0.requestBody = buffer }
        guard buffer.readableBytes > 0 else {
            throw SCIMError.invalidSyntax("The request body is empty; send a JSON object.")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(buffer.readableBytesView, maxDepth: configuration.maxJSONDepth)
        } catch {
            throw SCIMError.invalidSyntax("The request body is not valid JSON: \(error.message) at byte \(error.offset).")
        }
        context.notes?.update { $0.requestJSON = value }
        return value
    }

    /// Accepts `application/scim+json` and `application/json` with any parameters, and a missing
    /// Content-Type (some clients omit it on JSON bodies); anything else is a 415.
    static func checkContentType(_ header: String?) throws(SCIMError) {
        guard let header else { return }
        let mediaType = header.split(separator: ";", maxSplits: 1).first.map { $0.trimmingSpaces.lowercased() } ?? ""
        guard !mediaType.isEmpty, mediaType != "application/scim+json", mediaType != "application/json" else { return }
        throw SCIMError(
            status: 415,
            detail: "Content-Type \(mediaType) is not supported; send the body as application/scim+json or application/json.")
    }

    private static func tooLarge(_ limit: Int) -> SCIMError {
        let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : limit % 1024 == 0 ? "\(limit >> 10) KiB" : "\(limit) bytes"
        return SCIMError(status: 413, detail: "The request body is larger than the \(size) (\(limit) bytes) limit.")
    }
}
