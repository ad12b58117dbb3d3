import Foundation

/// A stored member (SCIM User) or team (SCIM Group).
///
/// `attributes` holds the client-writable attributes in canonical spelling (schema names, extension
/// objects under their URN) and never `id`, `meta`, `schemas`, `password`, `groups` or `members`:
/// those are Roster's to assign or live elsewhere (team memberships have their own table, so a
/// 100,000-member team is not one giant document).
public struct SCIMResource: Sendable, Hashable {
    public var kind: ResourceKind
    public var id: String
    public var attributes: JSONObject
    public var meta: ResourceMeta
    /// A team's members, when they were loaded (nil: not asked for).
    public var members: [MemberRef]?
    /// The teams a member belongs to, when they were loaded (nil: not asked for).
    public var groups: [GroupRef]?
    /// How many members a team has, known without loading them (nil for members, or not known).
    public var memberCount: Int?
    /// Who created it, as the store recorded it (nil when the store does not say). Never part of the
    /// SCIM representation: the console uses it to badge what a provisioning client manages.
    public var createdVia: ResourceOrigin?

    public init(
        kind: ResourceKind, id: String, attributes: JSONObject, meta: ResourceMeta,
        members: [MemberRef]? = nil, groups: [GroupRef]? = nil, memberCount: Int? = nil,
        createdVia: ResourceOrigin? = nil
    ) {
        self.kind = kind
        self.id = id
        self.attributes = attributes
        self.meta = meta
        self.members = members
        self.groups = groups
        self.memberCount = memberCount
        self.createdVia = createdVia
    }

    public var userName: String? { attributes["userName"]?.stringValue }
    public var displayName: String? { attributes["displayName"]?.stringValue }
    public var externalId: String? { attributes["externalId"]?.stringValue }
    /// A member is active unless `active` is explicitly false (RFC 7643 leaves the default open;
    /// Okta always sends it).
    public var active: Bool { attributes["active"]?.boolValue ?? true }

    /// The full SCIM representation, `meta.location` under `baseURL` (e.g. `https://h/scim/v2`).
    public func json(baseURL: String) -> JSONObject {
        var o = JSONObject()
        let extensions = kind.extensions.filter { attributes[$0.id] != nil }
        o.appendNew("schemas", .array([.string(kind.schema.id)] + extensions.map { .string($0.id) }))
        o.appendNew("id", .string(id))
        if let externalId = attributes["externalId"] { o.appendNew("externalId", externalId) }
        for member in attributes where member.key != "externalId" && !kind.extensions.contains(where: { $0.id == member.key }) {
            o.appendNew(member.key, member.value)
        }
        if let members {
            o.appendNew("members", .array(members.map { $0.json(baseURL: baseURL) }))
        }
        if let groups, !groups.isEmpty {
            o.appendNew("groups", .array(groups.map { $0.json(baseURL: baseURL) }))
        }
        for ext in extensions {
            if let value = attributes[ext.id] { o.appendNew(ext.id, value) }
        }
        o.appendNew("meta", meta.json(resourceType: kind.rawValue, location: "\(baseURL)\(kind.endpoint)/\(id)"))
        return o
    }
}

/// `meta` (RFC 7643 §3.1). `version` counts every change and becomes the weak ETag `W/"n"`.
public struct ResourceMeta: Sendable, Hashable {
    public var created: Date
    public var lastModified: Date
    public var version: Int

    public init(created: Date, lastModified: Date, version: Int) {
        self.created = created
        self.lastModified = lastModified
        self.version = version
    }

    /// The entity tag for `ETag` and `meta.version`.
    public var etag: String { Self.etag(version: version) }

    /// The weak entity tag of `version`: `W/"3"`.
    public static func etag(version: Int) -> String { "W/\"\(version)\"" }

    public func json(resourceType: String, location: String) -> JSONValue {
        Self.json(
            resourceType: resourceType, created: SCIMDateTime.format(created),
            lastModified: SCIMDateTime.format(lastModified), location: location, version: version)
    }

    /// `meta` from its parts, the times as `SCIMDateTime` text (as stores keep them).
    public static func json(resourceType: String, created: String, lastModified: String, location: String, version: Int) -> JSONValue {
        [
            "resourceType": .string(resourceType),
            "created": .string(created),
            "lastModified": .string(lastModified),
            "location": .string(location),
            "version": .string(etag(version: version)),
        ]
    }
}

/// One member of a team, as a Group's `members` lists it.
public struct MemberRef: Sendable, Hashable {
    /// The member's SCIM id.
    public var value: String
    /// The `display` the client sent with this membership (Okta: the user's login), nil when it
    /// sent none. Stored per membership rather than derived from the member, so a team reads back
    /// exactly what was pushed.
    public var display: String?

    public init(value: String, display: String? = nil) {
        self.value = value
        self.display = display
    }

    public func json(baseURL: String) -> JSONValue {
        var o = JSONObject()
        o.appendNew("value", .string(value))
        o.appendNew("$ref", .string("\(baseURL)/Users/\(value)"))
        if let display { o.appendNew("display", .string(display)) }
        o.appendNew("type", "User")
        return .object(o)
    }
}

/// One team a member belongs to, as a User's read-only `groups` lists it.
public struct GroupRef: Sendable, Hashable {
    public var value: String
    public var display: String?

    public init(value: String, display: String? = nil) {
        self.value = value
        self.display = display
    }

    public func json(baseURL: String) -> JSONValue {
        var o = JSONObject()
        o.appendNew("value", .string(value))
        o.appendNew("$ref", .string("\(baseURL)/Groups/\(value)"))
        if let display { o.appendNew("display", .string(display)) }
        o.appendNew("type", "direct")
        return .object(o)
    }

    /// ``json(baseURL:)`` written straight out as compact JSON, for ``StoredMember/json(baseURL:)``.
    func write(baseURL: String, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"value":"#.utf8)
        JSONWriter.writeString(value, into: &out)
        out.append(contentsOf: #","$ref":"#.utf8)
        JSONWriter.writeString(baseURL, "/Groups/", value, into: &out)
        if let display {
            out.append(contentsOf: #","display":"#.utf8)
            JSONWriter.writeString(display, into: &out)
        }
        out.append(contentsOf: #","type":"direct"}"#.utf8)
    }
}
