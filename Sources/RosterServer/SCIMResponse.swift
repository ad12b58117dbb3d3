import Hummingbird
import RosterStore
import SCIM

/// Builds the server's responses: `application/scim+json` bodies serialised straight from
/// ``JSONValue`` trees with ``JSONWriter`` (no Codable, no Foundation JSON on the hot path),
/// weak ETags from `meta.version`, and a note of the body for the request log.
enum SCIMResponse {
    static let contentType = "application/scim+json; charset=utf-8"

    /// A JSON body with the SCIM media type.
    static func json(
        _ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], context: SCIMRequestContext
    ) -> Response {
        rendered(ByteBuffer(bytes: JSONWriter().bytes(value)), summary: value, status: status, headers: headers, context: context)
    }

    /// A body already written, with the SCIM media type. The request log keeps `body` (it cuts it
    /// to its limit) and `summary`, what its one-line summary reads: the whole tree when there is
    /// one, else the few members it needs (a body written without a tree has none).
    static func rendered(
        _ body: ByteBuffer, summary: JSONValue?, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:],
        context: SCIMRequestContext
    ) -> Response {
        context.notes?.update {
            $0.responseBody = body
            $0.responseJSON = summary
        }
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// One member or team with its `ETag`; a 201 also gets `Location`.
    static func resource(
        _ resource: SCIMResource, status: HTTPResponse.Status = .ok, baseURL: String, projection: AttributeProjection?,
        context: SCIMRequestContext
    ) -> Response {
        var representation = resource.json(baseURL: baseURL)
        if let projection { representation = projection.apply(representation) }
        var headers: HTTPFields = [.eTag: resource.meta.etag]
        if status == .created { headers[.location] = "\(baseURL)\(resource.kind.endpoint)/\(resource.id)" }
        context.notes?.update { $0.resourceID = resource.id }
        return json(.object(representation), status: status, headers: headers, context: context)
    }

    /// A member rendered from its stored text (``StoredMember``), with its `ETag`. The request log's
    /// summary gets the `userName` alone.
    static func storedMember(_ member: StoredMember, baseURL: String, context: SCIMRequestContext) -> Response {
        context.notes?.update { $0.resourceID = member.id }
        return rendered(
            ByteBuffer(bytes: member.json(baseURL: baseURL)), summary: ["userName": .string(member.userName)],
            headers: [.eTag: member.etag], context: context)
    }

    /// A ListResponse of members rendered from their stored text.
    static func storedMemberList(
        _ page: StoredMemberPage, startIndex: Int, cursor: PageCursor? = nil, baseURL: String, context: SCIMRequestContext
    ) -> Response {
        var elements = ListElements(totalResults: page.totalResults)
        for member in page.resources {
            elements.write { $0.writeBytes(member.json(baseURL: baseURL)) }
        }
        return list(elements, startIndex: startIndex, cursor: cursor, context: context)
    }

    /// A ListResponse around elements already written. The request log gets no tree of it: its
    /// summary of a list reads nothing from the body.
    static func list(
        _ elements: ListElements, startIndex: Int, cursor: PageCursor? = nil, context: SCIMRequestContext
    ) -> Response {
        let (head, tail) = ListResponse.envelope(
            totalResults: elements.totalResults, startIndex: startIndex, itemsPerPage: elements.count, cursor: cursor)
        var body = ByteBuffer()
        body.reserveCapacity(head.count + elements.bytes.readableBytes + tail.count + 2)
        body.writeBytes(head)
        body.writeInteger(UInt8(ascii: "["))
        body.writeImmutableBuffer(elements.bytes)
        body.writeInteger(UInt8(ascii: "]"))
        body.writeBytes(tail)
        return rendered(body, summary: nil, context: context)
    }

    /// A SCIM error body (RFC 7644 §3.12). A 401 carries the `WWW-Authenticate` challenge.
    static func error(_ error: SCIMError, headers: HTTPFields = [:], context: SCIMRequestContext) -> Response {
        var headers = headers
        if error.status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"roster\"" }
        context.notes?.update { $0.scimType = error.scimType?.rawValue }
        return json(error.json, status: HTTPResponse.Status(code: error.status), headers: headers, context: context)
    }

    /// 204, as DELETE answers.
    static func noContent() -> Response {
        Response(status: .noContent)
    }

    /// 304 for a GET whose `If-None-Match` names the current version.
    static func notModified(etag: String) -> Response {
        Response(status: .notModified, headers: [.eTag: etag])
    }
}

/// The `Resources` of a ListResponse written one after another, comma-separated, with the total
/// that matched: pages written from rows or stored text, and a search's pages of both kinds.
struct ListElements: Sendable {
    var totalResults: Int
    private(set) var count = 0
    private(set) var bytes = ByteBuffer()

    init(totalResults: Int) {
        self.totalResults = totalResults
    }

    /// Writes one element at the end.
    mutating func write(_ element: (inout ByteBuffer) throws -> Void) rethrows {
        if count > 0 { bytes.writeInteger(UInt8(ascii: ",")) }
        try element(&bytes)
        count += 1
    }

    /// The elements and total of `other` after these.
    mutating func append(_ other: ListElements) {
        if count > 0, other.count > 0 { bytes.writeInteger(UInt8(ascii: ",")) }
        bytes.writeImmutableBuffer(other.bytes)
        count += other.count
        totalResults += other.totalResults
    }
}
