/// A POST or PUT body reduced to what Roster stores.
public struct CanonicalInput: Sendable, Hashable {
    /// The client-writable attributes in canonical spelling (see ``SCIMResource/attributes``).
    public var attributes: JSONObject
    /// A team's members from `members` with the `display` each carries, in order, without
    /// duplicate ids; nil when the body has no `members` (or `members: null`), so that the caller
    /// can tell "leave as is" from "clear".
    public var members: [MemberRef]?
    /// The `id` the body carries (Okta echoes it in PUT), for the server to compare with the path.
    public var bodyID: String?

    public init(attributes: JSONObject, members: [MemberRef]? = nil, bodyID: String? = nil) {
        self.attributes = attributes
        self.members = members
        self.bodyID = bodyID
    }
}

/// Turns POST and PUT bodies into canonical attributes (RFC 7643 §2, RFC 7644 §3.3 and §3.5.1).
///
/// Lenient where Okta and Entra need it, strict where a wrong type would be stored:
/// - attribute names are matched without regard to case and stored in schema spelling; extension
///   attributes are accepted both inside their URN object and as full-URN keys
///   (`urn:…:enterprise:2.0:User:department`);
/// - read-only input (`id`, `meta`, `schemas`, a user's `groups`) is ignored, never refused, since
///   Okta's PUT echoes it; `password` is accepted and discarded;
/// - unknown attributes and extensions are dropped;
/// - `null` and `""` mean "no value", so empty values never fail (Okta test plan C9337);
/// - `"True"`/`"False"` become booleans; any other type mismatch is a 400 `invalidValue`.
///
/// Required attributes and cross-attribute rules are ``ResourceValidator``'s job.
public enum ResourceInput {
    /// Canonicalises the body of a POST or PUT to `/Users` or `/Groups`.
    /// - Throws: 400 `invalidSyntax` when the body is not a JSON object, 400 `invalidValue` when an
    ///   attribute has the wrong type, or a member has no `value` or a `display` that is not a string.
    public static func canonicalize(_ body: JSONValue, kind: ResourceKind) throws(SCIMError) -> CanonicalInput {
        guard case .object(let object) = body else {
            throw .invalidSyntax(
                "The request body must be a JSON object of \(kind.rawValue) attributes; got \(AttributeValue.preview(body))"
            )
        }
        var input = CanonicalInput(attributes: JSONObject())
        for member in object {
            switch AttributeLocation.resolve(key: member.key, kind: kind) {
            case .attribute(let slot, let sub):
                try write(member.value, to: slot, sub: sub, in: &input.attributes)
            case .extensionObject(let schema):
                try writeExtension(member.value, schema: schema, kind: kind, in: &input.attributes)
            case .members:
                input.members = try MemberValues.members(member.value)
            case .readOnly:
                if member.key.caseInsensitiveEquals("id") { input.bodyID = member.value.stringValue }
            case .writeOnly, .unknown:
                continue
            }
        }
        return input
    }

    /// Writes one attribute (or one sub-attribute of a single-valued complex attribute). A later key
    /// naming the same attribute wins; sub-attributes merge into the complex value.
    private static func write(
        _ value: JSONValue,
        to slot: AttributeSlot,
        sub: AttributeDefinition?,
        in attributes: inout JSONObject
    ) throws(SCIMError) {
        guard let sub else {
            slot.set(try AttributeValue.canonical(value, for: slot.definition, at: slot.label), in: &attributes)
            return
        }
        // `emails.value` names every email at once, which a body cannot mean: ignore it.
        guard !slot.definition.multiValued else { return }
        let raw = JSONObject([(sub.name, value)])
        let merged = try AttributeValue.merge(
            raw,
            into: slot.value(in: attributes)?.objectValue,
            for: slot.definition,
            at: slot.label
        )
        slot.set(merged.map(JSONValue.object), in: &attributes)
    }

    /// Writes the attributes of an extension object, keyed by the extension's URN.
    private static func writeExtension(
        _ value: JSONValue,
        schema: Schema,
        kind: ResourceKind,
        in attributes: inout JSONObject
    ) throws(SCIMError) {
        switch value {
        case .null: return
        case .string(let text) where text.isEmpty: return
        case .object(let object):
            for member in object {
                let location = AttributeLocation.resolve(dotted: member.key, schema: schema.id, kind: kind)
                guard case .attribute(let slot, let subDefinition) = location else { continue }
                try write(member.value, to: slot, sub: subDefinition, in: &attributes)
            }
        default:
            throw AttributeValue.typeError(schema.id, value, expected: "an object of \(schema.name) attributes")
        }
    }
}
