import GRDB
import SCIM

/// Turning `member` and `team` rows into ``SCIMResource``s. Rows are read by position: these are
/// the hot paths (GET by id, list pages), where named lookups and Codable cost several times more.
enum ResourceRow {
    /// The columns ``resource(_:kind:)`` reads, for a table aliased `alias`.
    static func columns(_ alias: String) -> String {
        "\(alias).rowid, \(alias).id, \(alias).attributes, \(alias).createdAt, \(alias).lastModified, \(alias).version"
    }

    /// A member or team (without members or groups) from a row selected with ``columns(_:)``.
    static func resource(_ row: Row, kind: ResourceKind) throws -> SCIMResource {
        let id: String = row[1]
        return SCIMResource(
            kind: kind, id: id, attributes: try attributes(row[2], of: id),
            meta: ResourceMeta(
                created: StoredTime.date(row[3] as String), lastModified: StoredTime.date(row[4] as String),
                version: row[5]))
    }

    static func attributes(_ json: String, of id: String) throws -> JSONObject {
        guard let object = (try? JSONParser.parse(json))?.objectValue else {
            throw SCIMError(status: 500, detail: "The stored attributes of resource \(id) are not a JSON object; run an integrity check")
        }
        return object
    }
}
