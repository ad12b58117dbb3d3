import RosterStore
import SCIM

/// A list or search request as the server runs it: the store's ``ListQuery`` and the attribute
/// projection for the response, read from a query string (`GET /Users?…`) or a SearchRequest body
/// (`POST /.search`) with the same rules and limits.
struct ListParameters {
    var query: ListQuery
    /// Nil when the request names no `attributes` or `excludedAttributes`: return everything.
    var projection: AttributeProjection?
    /// Where the page starts when the client pages by cursor (RFC 9865: a `cursor` parameter, even
    /// empty); nil when it pages by `startIndex`.
    var cursor: PageCursor?

    /// From `filter`, `sortBy`, `sortOrder`, `startIndex`, `cursor`, `count`, `attributes` and `excludedAttributes`.
    init(query parameters: QueryParameters, kind: ResourceKind, configuration: ServerConfiguration) throws(SCIMError) {
        try self.init(
            filter: parameters["filter"], sortBy: parameters["sortBy"], sortOrder: parameters["sortOrder"],
            startIndex: try Self.integer(parameters["startIndex"], name: "startIndex"), cursor: parameters["cursor"],
            count: try Self.integer(parameters["count"], name: "count"),
            attributes: parameters["attributes"], excludedAttributes: parameters["excludedAttributes"],
            kind: kind, configuration: configuration)
    }

    /// From a SearchRequest body (RFC 7644 §3.4.3), whose `attributes` are JSON arrays of paths.
    init(searchRequest body: JSONValue, kind: ResourceKind, configuration: ServerConfiguration) throws(SCIMError) {
        guard let object = body.objectValue else {
            throw SCIMError.invalidSyntax("A search request body must be a JSON object with SearchRequest members.")
        }
        try self.init(
            filter: try Self.string(object, "filter"), sortBy: try Self.string(object, "sortBy"),
            sortOrder: try Self.string(object, "sortOrder"),
            startIndex: try Self.integer(object, "startIndex"), cursor: try Self.string(object, "cursor"),
            count: try Self.integer(object, "count"),
            attributes: try Self.pathList(object, "attributes"),
            excludedAttributes: try Self.pathList(object, "excludedAttributes"),
            kind: kind, configuration: configuration)
    }

    private init(
        filter: String?, sortBy: String?, sortOrder: String?, startIndex: Int?, cursor: String?, count: Int?,
        attributes: String?,
        excludedAttributes: String?, kind: ResourceKind, configuration: ServerConfiguration
    ) throws(SCIMError) {
        var query = ListQuery()
        if let filter, !filter.isEmpty {
            query.filter = try FilterParser.parse(filter, maxLength: configuration.maxFilterLength)
        }
        if let sortBy, !sortBy.isEmpty {
            do {
                query.sortBy = try FilterParser.parseAttributePath(sortBy)
            } catch {
                throw SCIMError.invalidValue("sortBy: \(error.detail)")
            }
        }
        switch sortOrder?.lowercased() {
        case nil, "", "ascending": query.descending = false
        case "descending": query.descending = true
        case let other?: throw SCIMError.invalidValue("sortOrder must be 'ascending' or 'descending', not '\(other)'.")
        }
        if let cursor {
            guard startIndex == nil else {
                throw SCIMError.invalidValue("Page by startIndex or by cursor, not both: this request gives startIndex and cursor.")
            }
            if let count, count < 1 || count > configuration.maxPageSize {
                throw SCIMError(
                    status: 400, scimType: .invalidCount,
                    detail: "count must be between 1 and \(configuration.maxPageSize) when paging by cursor, not \(count).")
            }
            let page = try PageCursor(cursor, query: Self.cursorScope(kind: kind, query: query))
            self.cursor = page
            query.startIndex = page.startIndex
            query.count = count ?? configuration.defaultPageSize
        } else {
            // RFC 7644 §3.4.2.4: a startIndex below 1 means 1, a negative count means 0.
            query.startIndex = max(1, startIndex ?? 1)
            query.count = min(max(0, count ?? configuration.defaultPageSize), configuration.maxPageSize)
        }
        let hasProjection = !(attributes ?? "").isEmpty || !(excludedAttributes ?? "").isEmpty
        if hasProjection {
            projection = try AttributeProjection(attributes: attributes, excludedAttributes: excludedAttributes, kind: kind)
        } else {
            projection = nil
        }
        query.includeMembers = projection?.wantsMembers ?? true
        self.query = query
    }

    /// What a cursor must be replayed with: the resource type, the filter and the sort.
    private static func cursorScope(kind: ResourceKind, query: ListQuery) -> String {
        "\(kind.rawValue)|\(query.filter?.description ?? "")|\(query.sortBy?.description ?? "")|\(query.descending)"
    }

    private static func integer(_ text: String?, name: String) throws(SCIMError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw SCIMError.invalidValue("\(name) must be an integer, not '\(text)'.")
        }
        return value
    }

    private static func integer(_ object: JSONObject, _ name: String) throws(SCIMError) -> Int? {
        switch object[name] {
        case nil, .null?: return nil
        case .number(let n)?:
            guard let value = Int(exactly: n.rounded(.towardZero)), n.rounded(.towardZero) == n else {
                throw SCIMError.invalidValue("\(name) must be an integer, not \(JSONWriter.format(n)).")
            }
            return value
        case .string(let s)?: return try integer(s, name: name)
        case let other?: throw SCIMError.invalidValue("\(name) must be an integer, not \(other.jsonString).")
        }
    }

    private static func string(_ object: JSONObject, _ name: String) throws(SCIMError) -> String? {
        switch object[name] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw SCIMError.invalidValue("\(name) must be a string, not \(other.jsonString).")
        }
    }

    /// `["userName", "emails"]` (or, leniently, `"userName,emails"`) as the comma-separated form.
    private static func pathList(_ object: JSONObject, _ name: String) throws(SCIMError) -> String? {
        switch object[name] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case .array(let elements)?:
            var paths: [String] = []
            for element in elements {
                guard let path = element.stringValue else {
                    throw SCIMError.invalidValue("\(name) must be an array of attribute paths, not \(element.jsonString).")
                }
                paths.append(path)
            }
            return paths.joined(separator: ",")
        case let other?: throw SCIMError.invalidValue("\(name) must be an array of attribute paths, not \(other.jsonString).")
        }
    }
}

/// The ListResponse message (RFC 7644 §3.4.2): integer counters and `Resources`, always present.
enum ListResponse {
    static func json(totalResults: Int, startIndex: Int, resources: [JSONValue], cursor: PageCursor? = nil) -> JSONValue {
        .object(
            object(
                totalResults: totalResults, startIndex: startIndex, itemsPerPage: resources.count, resources: resources,
                cursor: cursor))
    }

    /// The message around `itemsPerPage` resources written elsewhere: its bytes up to and including
    /// `"Resources":`, and after that array.
    static func envelope(
        totalResults: Int, startIndex: Int, itemsPerPage: Int, cursor: PageCursor? = nil
    ) -> (head: [UInt8], tail: [UInt8]) {
        let message = object(
            totalResults: totalResults, startIndex: startIndex, itemsPerPage: itemsPerPage, resources: [], cursor: cursor)
        guard let parts = JSONWriter.split(message, around: "Resources") else {
            preconditionFailure("A ListResponse always has Resources")
        }
        return parts
    }

    /// With a `cursor` (the request paged by cursor), `nextCursor` unless this is the last page.
    private static func object(
        totalResults: Int, startIndex: Int, itemsPerPage: Int, resources: [JSONValue], cursor: PageCursor?
    ) -> JSONObject {
        var o = JSONObject()
        o["schemas"] = [.string(SCIMURN.listResponse)]
        o["totalResults"] = .number(Double(totalResults))
        o["itemsPerPage"] = .number(Double(itemsPerPage))
        o["startIndex"] = .number(Double(startIndex))
        if let next = cursor?.next(totalResults: totalResults, itemsPerPage: itemsPerPage) { o["nextCursor"] = .string(next) }
        o["Resources"] = .array(resources)
        return o
    }

    /// A page of members or teams, each projected when the request asked for it.
    static func json(
        page: ListPage, startIndex: Int, baseURL: String, projection: AttributeProjection?, cursor: PageCursor? = nil
    ) -> JSONValue {
        json(
            totalResults: page.totalResults, startIndex: startIndex,
            resources: resources(page: page, baseURL: baseURL, projection: projection), cursor: cursor)
    }

    /// The page's resources as representations, each projected when the request asked for it.
    static func resources(page: ListPage, baseURL: String, projection: AttributeProjection?) -> [JSONValue] {
        page.resources.map { resource in
            let representation = resource.json(baseURL: baseURL)
            return .object(projection?.apply(representation) ?? representation)
        }
    }
}
