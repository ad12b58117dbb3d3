import Hummingbird
import RosterStore
import SCIM

/// `GET /Groups/{id}` and `GET /Groups` answers for teams of any size: inside the store read that
/// loads the teams, each member row is written straight into the response's one ``ByteBuffer``
/// (``TeamJSON``), so a 100,000-member team costs its body's bytes (about 180 per member) and not
/// a ``JSONValue`` tree with an object per member, which took several times that and lived on in
/// the request log's notes until the entry was made. The bytes are those the tree would have written.
///
/// Why one buffer rather than a body streamed to the client: streaming the rows would keep the read
/// transaction open for as long as a slow client takes to receive the body, pinning the SQLite WAL
/// (no checkpoint can pass it) and a reader connection; reading the members in several short reads
/// would mix versions under concurrent pushes and no longer match the `ETag`. Rendering in one
/// short read keeps the answer a consistent snapshot and releases the database before any byte is
/// sent. (A 1,000,000-member team's body, about 180 MB, is the next limit: packing the rows
/// compactly in the read and rendering chunks while writing would need the request log to accept a
/// body prefix and its total length.)
extension SCIMResponse {
    /// `GET /Groups/{id}`: the team's representation, a 304 when `If-None-Match` names its version
    /// (checked before any member is read), or nil when the organization has no such team.
    static func team(
        id: String, organizationID: String, store: any Store, baseURL: String, projection: AttributeProjection?,
        ifNoneMatch: String?, context: SCIMRequestContext
    ) async throws -> Response? {
        let read = try await store.readTeam(organizationID: organizationID, id: id) { team, members -> TeamRead in
            if EntityTag.matches(ifNoneMatch: ifNoneMatch, version: team.meta.version) {
                return .notModified(etag: team.meta.etag)
            }
            let json = TeamJSON(team: team, baseURL: baseURL, projection: projection)
            var body = ByteBuffer()
            try json.write(team: team.id, members: members, into: &body)
            return .rendered(body: body, summary: .object(json.withoutMembers), etag: team.meta.etag)
        }
        switch read {
        case nil:
            return nil
        case .notModified(let etag)?:
            return notModified(etag: etag)
        case .rendered(let body, let summary, let etag)?:
            context.notes?.update { $0.resourceID = id }
            return rendered(body, summary: summary, headers: [.eTag: etag], context: context)
        }
    }

    /// `GET /Groups`: a ListResponse page of teams, each written like ``team(id:organizationID:store:baseURL:projection:ifNoneMatch:context:)``.
    static func teamList(
        organizationID: String, query: ListQuery, cursor: PageCursor? = nil, store: any Store, baseURL: String,
        projection: AttributeProjection?, context: SCIMRequestContext
    ) async throws -> Response {
        let elements = try await teams(
            organizationID: organizationID, query: query, store: store, baseURL: baseURL, projection: projection)
        return list(elements, startIndex: query.startIndex, cursor: cursor, context: context)
    }

    /// A page of teams, written in the one store read that loads them, members included.
    static func teams(
        organizationID: String, query: ListQuery, store: any Store, baseURL: String, projection: AttributeProjection?
    ) async throws -> ListElements {
        try await store.readTeams(organizationID: organizationID, query: query) { page, members in
            var elements = ListElements(totalResults: page.totalResults)
            for team in page.resources {
                let json = TeamJSON(team: team, baseURL: baseURL, projection: projection)
                try elements.write { try json.write(team: team.id, members: members, into: &$0) }
            }
            return elements
        }
    }

    /// What a team read hands back from the store's read.
    private enum TeamRead: Sendable {
        case notModified(etag: String)
        case rendered(body: ByteBuffer, summary: JSONValue, etag: String)
    }
}

extension TeamJSON {
    /// Writes the team `id`'s representation at the end of `buffer`, its members read from `members`.
    fileprivate func write(team id: String, members: any TeamMemberReader, into buffer: inout ByteBuffer) throws {
        try write(members: { visit in try members.forEachMember(ofTeam: id, visit) }) { buffer.writeBytes($0) }
    }
}
