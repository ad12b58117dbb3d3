/// A cursor of RFC 9865 cursor-based pagination: an opaque, URL-safe token (`nextCursor`) that
/// names where the next page of one query starts.
///
/// Roster's store pages by position, and continues a page where a recent one ended by seeking on
/// the sort key of that page's last row (its keyset cursor) instead of skipping rows. So a cursor
/// carries the position and a fingerprint of the query it belongs to: paging through `nextCursor`
/// is a chain of seeks, and a cursor replayed with another filter, sort or resource type is a 400
/// `invalidCursor` rather than a page of something else. A write between two pages moves the
/// window as it does for `startIndex` paging. Cursors never expire.
public struct PageCursor: Sendable, Hashable {
    /// The 1-based position of the page's first resource.
    public var startIndex: Int
    /// FNV-1a of the query's canonical text, so a cursor only continues its own query.
    let fingerprint: UInt32

    /// The first page of the query described by `query` (its kind, filter and sort, as text).
    public init(firstPageOf query: String) {
        self.init(startIndex: 1, fingerprint: Self.fingerprint(query))
    }

    init(startIndex: Int, fingerprint: UInt32) {
        self.startIndex = startIndex
        self.fingerprint = fingerprint
    }

    /// Reads a `cursor` parameter: empty for the first page, else a `nextCursor` of the same query.
    /// - Throws: 400 `invalidCursor` for a token Roster did not issue for this query.
    public init(_ token: String, query: String) throws(SCIMError) {
        let fingerprint = Self.fingerprint(query)
        guard !token.isEmpty else {
            self.init(startIndex: 1, fingerprint: fingerprint)
            return
        }
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[0], radix: 36), position >= 1,
            let issuedFor = UInt32(parts[1], radix: 16)
        else {
            throw SCIMError(
                status: 400, scimType: .invalidCursor,
                detail: "The cursor '\(token)' is not one Roster issued: send an empty cursor for the first page, then each page's nextCursor.")
        }
        guard issuedFor == fingerprint else {
            throw SCIMError(
                status: 400, scimType: .invalidCursor,
                detail: "The cursor '\(token)' belongs to another query: repeat the filter, sortBy and sortOrder of the request that returned it.")
        }
        self.init(startIndex: position, fingerprint: fingerprint)
    }

    /// The token for this position: the position in base 36, a dash, the fingerprint in hex
    /// (unreserved characters only, as RFC 9865 asks).
    public var token: String {
        "\(String(startIndex, radix: 36))-\(String(fingerprint, radix: 16))"
    }

    /// The `nextCursor` after a page of `itemsPerPage` resources out of `totalResults`, nil on the last page.
    public func next(totalResults: Int, itemsPerPage: Int) -> String? {
        let following = startIndex + itemsPerPage
        guard itemsPerPage > 0, following <= totalResults else { return nil }
        return PageCursor(startIndex: following, fingerprint: fingerprint).token
    }

    private static func fingerprint(_ text: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }
}
