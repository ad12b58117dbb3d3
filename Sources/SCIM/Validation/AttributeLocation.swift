/// Where an attribute name written by a client lands in a resource's canonical attributes.
///
/// POST/PUT bodies, pathless PATCH values and PATCH paths all name attributes, without regard to
/// case (RFC 7643 §2.1) and sometimes as full URNs (`urn:…:enterprise:2.0:User:department`).
/// Resolving them in one place keeps the rules for read-only, write-only and unknown attributes the
/// same everywhere: bodies ignore what a path would be refused for.
enum AttributeLocation {
    /// A top-level attribute, or one of its sub-attributes (`name.givenName`).
    case attribute(AttributeSlot, sub: AttributeDefinition?)
    /// A whole schema extension object, keyed by its URN.
    case extensionObject(Schema)
    /// A team's `members`: they never go into attributes but become membership steps.
    case members
    /// `id`, `meta`, `schemas`, `groups` and read-only or immutable sub-attributes: ignored in bodies,
    /// refused as a PATCH target.
    case readOnly(String)
    /// `password`: accepted and discarded (members sign in through single sign-on).
    case writeOnly(String)
    /// Not an attribute Roster knows. `inServedSchema` is false when the name belongs to a schema
    /// Roster does not serve (an IdP's custom extension), which is dropped like any unknown input.
    case unknown(String, inServedSchema: Bool)

    /// Resolves the parts of an attribute path (`schema:attribute.subAttribute`).
    static func resolve(
        schema: String?,
        attribute: String,
        subAttribute: String?,
        kind: ResourceKind
    ) -> AttributeLocation {
        let label = AttributePath(schema: schema, attribute: attribute, subAttribute: subAttribute).description
        if subAttribute == nil {
            // A whole extension: a parser may have split the URN's last segment off as the attribute.
            let whole = schema.map { "\($0):\(attribute)" } ?? attribute
            if let ext = kind.extensionSchema(whole) { return .extensionObject(ext) }
        }
        if schema == nil, attribute.caseInsensitiveEquals("schemas") { return .readOnly("schemas") }
        if let schema, !schema.caseInsensitiveEquals(kind.schema.id), kind.extensionSchema(schema) == nil {
            return .unknown(label, inServedSchema: false)
        }
        guard let (owner, definition) = kind.resolve(schemaURN: schema, attribute: attribute) else {
            return .unknown(label, inServedSchema: true)
        }
        switch definition.mutability {
        case .readOnly: return .readOnly(label)
        case .writeOnly: return .writeOnly(label)
        case .readWrite, .immutable: break
        }
        if kind == .group, definition.name == "members", subAttribute == nil { return .members }
        let slot = AttributeSlot(extensionURN: owner.flatMap { kind.extensionSchema($0)?.id }, definition: definition)
        guard let subAttribute else { return .attribute(slot, sub: nil) }
        guard let sub = definition.subAttribute(named: subAttribute) else {
            return .unknown(label, inServedSchema: true)
        }
        if sub.mutability == .readOnly || sub.mutability == .immutable { return .readOnly(label) }
        return .attribute(slot, sub: sub)
    }

    /// Resolves an attribute name as it appears as a key of a body or of a pathless PATCH value:
    /// `userName`, `name.givenName`, an extension URN, or `urn:…:User:department` (full-URN keys,
    /// as Entra sends them). Keys with a value filter (`emails[type eq "work"].value`) are PATCH
    /// paths and are not handled here.
    static func resolve(key: String, kind: ResourceKind) -> AttributeLocation {
        if kind.extensionSchema(key) != nil {
            return resolve(schema: nil, attribute: key, subAttribute: nil, kind: kind)
        }
        if key.count > 4, String(key.prefix(4)).caseInsensitiveEquals("urn:") {
            for schema in [kind.schema] + kind.extensions {
                let prefix = schema.id + ":"
                guard key.count > prefix.count, String(key.prefix(prefix.count)).caseInsensitiveEquals(prefix) else {
                    continue
                }
                return resolve(dotted: String(key.dropFirst(prefix.count)), schema: schema.id, kind: kind)
            }
            return .unknown(key, inServedSchema: false)
        }
        return resolve(dotted: key, schema: nil, kind: kind)
    }

    /// Resolves `attribute` or `attribute.subAttribute` within `schema` (nil: core and common
    /// attributes), as keys inside an extension object are written.
    static func resolve(dotted: String, schema: String?, kind: ResourceKind) -> AttributeLocation {
        guard let dot = dotted.firstIndex(of: ".") else {
            return resolve(schema: schema, attribute: dotted, subAttribute: nil, kind: kind)
        }
        let sub = String(dotted[dotted.index(after: dot)...])
        return resolve(schema: schema, attribute: String(dotted[..<dot]), subAttribute: sub, kind: kind)
    }
}

/// A top-level attribute's place in a canonical attributes object: directly in it (core and common
/// attributes) or inside the extension object under `extensionURN`.
struct AttributeSlot {
    /// The extension's canonical URN, nil for core and common attributes.
    var extensionURN: String?
    var definition: AttributeDefinition

    /// The name to show in error details: `name`, or `urn:…:User:department` for an extension.
    var label: String { extensionURN.map { "\($0):\(definition.name)" } ?? definition.name }

    func value(in attributes: JSONObject) -> JSONValue? {
        guard let extensionURN else { return attributes[definition.name] }
        return attributes[extensionURN]?.objectValue?[definition.name]
    }

    /// Sets (or, with nil, removes) the attribute; an extension object left empty is removed too.
    func set(_ value: JSONValue?, in attributes: inout JSONObject) {
        guard let extensionURN else {
            attributes[definition.name] = value
            return
        }
        var ext = attributes[extensionURN]?.objectValue ?? JSONObject()
        ext[definition.name] = value
        attributes[extensionURN] = ext.isEmpty ? JSONValue?.none : .object(ext)
    }
}
