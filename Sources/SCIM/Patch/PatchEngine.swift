/// Applies PATCH requests (RFC 7644 §3.5.2) to a resource, as Okta and Entra send them.
///
/// Operations run in order on a copy; any error aborts the whole request, so a PATCH is all or
/// nothing. Beyond the RFC the engine accepts what real clients send (okta-requests.md §2 R6, R12–R14):
/// - a pathless `add`/`replace` whose value names attributes, including read-only ones that are
///   ignored there (Okta's rename carries `id`), dotted keys (`name.givenName`), full-URN keys and
///   filtered keys (`emails[type eq "work"].value`), as Entra sends them;
/// - `"True"`/`"False"` for booleans; `password` anywhere is accepted and discarded;
/// - `add` on a multi-valued attribute with a filter that matches nothing creates the value the
///   filter describes (`phoneNumbers[type eq "mobile"].value`); `replace` then fails with
///   `noTarget` as RFC 7644 §3.5.2.3 requires.
///
/// A team's `members` never enter the attributes: member operations become ``MembershipChange``
/// steps, so the engine needs neither the current members nor their count.
///
/// The engine checks types and mutability only. The caller validates the resulting attributes with
/// ``ResourceValidator/validate(_:kind:rejectNonconformingPhones:)`` (required attributes,
/// one primary, phone format), as it does for POST and PUT.
public enum PatchEngine {
    /// Applies `request` to `resource`.
    /// - Returns: the new attributes and, for a team, the membership steps to apply in order.
    /// - Throws: 400 `mutability` for a read-only target or the removal of a required attribute,
    ///   400 `invalidPath` for an unknown attribute of a schema Roster serves, 400 `noTarget` for a
    ///   `replace` whose filter matches nothing, 400 `invalidValue` for a value of the wrong type.
    ///   The `detail` starts with the failing operation, e.g. `Operations[1] (replace active): …`.
    public static func apply(_ request: PatchRequest, to resource: SCIMResource) throws(SCIMError) -> PatchResult {
        var state = PatchState(kind: resource.kind, attributes: resource.attributes)
        for (index, operation) in request.operations.enumerated() {
            do throws(SCIMError) {
                try state.apply(operation)
            } catch {
                let summary = operation.op.rawValue + (operation.path.map { " \($0)" } ?? "")
                throw SCIMError(
                    status: error.status,
                    scimType: error.scimType,
                    detail: "Operations[\(index)] (\(summary)): \(error.detail)"
                )
            }
        }
        return PatchResult(attributes: state.attributes, membership: state.membership)
    }
}

/// What an operation's path (or a key of a pathless value) designates.
enum PatchTarget {
    /// An attribute's value: `sub` is the sub-attribute of `name.givenName` or of
    /// `emails[type eq "work"].value`; `filter` selects elements of a multi-valued attribute.
    case value(slot: AttributeSlot, sub: AttributeDefinition?, filter: Filter?)
    case members(filter: Filter?)
    case extensionObject(Schema)
    /// Input that is accepted and dropped: `password`, and in pathless values read-only or unknown keys.
    case ignored
}

/// The resource being patched: a copy of its attributes plus the membership steps collected so far.
struct PatchState {
    let kind: ResourceKind
    var attributes: JSONObject
    var membership: [MembershipChange] = []

    init(kind: ResourceKind, attributes: JSONObject) {
        self.kind = kind
        self.attributes = attributes
    }

    mutating func apply(_ operation: PatchOperation) throws(SCIMError) {
        guard let path = operation.path else {
            guard operation.op != .remove else {
                throw .noTarget("remove needs a \"path\" naming what to remove, e.g. \"path\": \"title\"")
            }
            try applyPathless(operation.op, value: operation.value ?? .null)
            return
        }
        try apply(operation.op, value: operation.value, to: target(of: path, strict: true))
    }

    mutating func apply(_ op: PatchOperation.Op, value: JSONValue?, to target: PatchTarget) throws(SCIMError) {
        switch target {
        case .value(let slot, let sub, let filter):
            if slot.definition.multiValued {
                try applyMultiValued(op, value: value, slot: slot, sub: sub, filter: filter)
            } else {
                try applySingleValued(op, value: value, slot: slot, sub: sub)
            }
        case .members(let filter):
            try applyMembers(op, value: value, filter: filter)
        case .extensionObject(let schema):
            try applyExtension(op, value: value, schema: schema)
        case .ignored:
            break
        }
    }

    // MARK: - Targets

    /// Resolves a parsed path. With `strict` (an operation's `path`), read-only targets are a 400
    /// `mutability` and unknown attributes of served schemas a 400 `invalidPath`; without it (keys of a
    /// pathless value, which are a representation like a PUT body) they are ignored.
    func target(of path: PatchPath, strict: Bool) throws(SCIMError) -> PatchTarget {
        let attribute = path.attribute
        if strict, let schema = attribute.schema, let sub = attribute.subAttribute,
            let ext = kind.extensionSchema("\(schema):\(attribute.attribute)")
        {
            // `urn:…:enterprise:2.0:User.department`: Entra jobs created before December 2018
            // (`customappsso`) write '.' where the URN ends; Microsoft's fix is a new job.
            throw .invalidPath(
                "\(path.description) puts a '.' between the schema URN and the attribute: write \(ext.id):\(sub). "
                    + "Entra provisioning jobs created before December 2018 send this form; create the provisioning job again")
        }
        var location = AttributeLocation.resolve(
            schema: attribute.schema, attribute: attribute.attribute, subAttribute: attribute.subAttribute, kind: kind)
        if case .unknown(_, inServedSchema: true) = location, attribute.schema == nil,
            let ext = kind.extensions.first(where: { $0.attribute(named: attribute.attribute) != nil })
        {
            // An extension attribute without its URN (`manager` in Microsoft's tutorial), as filters
            // also read it: unambiguous, since no core attribute has that name.
            location = AttributeLocation.resolve(
                schema: ext.id, attribute: attribute.attribute, subAttribute: attribute.subAttribute, kind: kind)
        }
        return try target(
            of: location,
            filter: path.valueFilter,
            filteredSub: path.subAttribute,
            label: path.description,
            strict: strict
        )
    }

    func target(
        of location: AttributeLocation,
        filter: Filter?,
        filteredSub: String?,
        label: String,
        strict: Bool
    ) throws(SCIMError) -> PatchTarget {
        switch location {
        case .readOnly(let name):
            guard strict else { return .ignored }
            throw .mutability("\(name) is read-only and cannot be changed")
        case .writeOnly:
            return .ignored
        case .unknown(let name, let inServedSchema):
            guard strict, inServedSchema else { return .ignored }
            let writable = kind.schema.attributes.filter { $0.mutability == .readWrite }.map(\.name)
            let extensions = kind.extensions.map { " and the attributes of \($0.id)" }.joined()
            throw .invalidPath(
                "\(name) is not an attribute of a \(kind.rawValue); writable attributes are externalId, \(writable.joined(separator: ", "))\(extensions)"
            )
        case .extensionObject(let schema):
            guard filter == nil, filteredSub == nil else {
                throw .invalidPath("\(label): the extension \(schema.id) is an object, not a multi-valued attribute")
            }
            return .extensionObject(schema)
        case .members:
            if let filteredSub {
                guard strict else { return .ignored }
                throw .mutability(
                    "members[…].\(filteredSub) cannot be changed: add, replace or remove whole members such as {\"value\": \"<user id>\"}"
                )
            }
            return .members(filter: filter)
        case .attribute(let slot, let sub):
            guard let filter else { return .value(slot: slot, sub: sub, filter: nil) }
            guard slot.definition.multiValued, slot.definition.type == .complex, sub == nil else {
                throw .invalidPath(
                    "\(label): a value filter [\(filter)] applies only to a multi-valued attribute, and \(slot.label) is not one"
                )
            }
            guard let filteredSub else { return .value(slot: slot, sub: nil, filter: filter) }
            guard let subDefinition = slot.definition.subAttribute(named: filteredSub) else {
                guard strict else { return .ignored }
                let known = slot.definition.subAttributes.map(\.name).joined(separator: ", ")
                throw .invalidPath("\(label): \(filteredSub) is not a sub-attribute of \(slot.label); known: \(known)")
            }
            if subDefinition.mutability == .readOnly || subDefinition.mutability == .immutable {
                guard strict else { return .ignored }
                throw .mutability("\(slot.label).\(subDefinition.name) is read-only and cannot be changed")
            }
            return .value(slot: slot, sub: subDefinition, filter: filter)
        }
    }

    // MARK: - Pathless operations

    /// `add`/`replace` without a path: each member of the value is an attribute to add or replace,
    /// as if it had been the path (RFC 7644 §3.5.2.1 and §3.5.2.3).
    mutating func applyPathless(_ op: PatchOperation.Op, value: JSONValue) throws(SCIMError) {
        guard case .object(let object) = value else {
            throw .invalidValue(
                "\(op.rawValue) without a \"path\" needs an object of attributes and values, e.g. {\"active\": false}; got \(AttributeValue.preview(value))"
            )
        }
        for member in object {
            let target: PatchTarget
            if member.key.contains("[") {
                // Entra writes filtered paths as keys: {"emails[type eq \"work\"].value": "…"}.
                do throws(SCIMError) {
                    target = try self.target(of: FilterParser.parsePath(member.key), strict: false)
                } catch {
                    throw SCIMError(
                        status: error.status,
                        scimType: error.scimType,
                        detail: "key \(JSONValue.string(member.key).jsonString): \(error.detail)"
                    )
                }
            } else {
                let location = AttributeLocation.resolve(key: member.key, kind: kind)
                target = try self.target(of: location, filter: nil, filteredSub: nil, label: member.key, strict: false)
            }
            try apply(op, value: member.value, to: target)
        }
    }

    // MARK: - Single-valued attributes

    mutating func applySingleValued(
        _ op: PatchOperation.Op,
        value: JSONValue?,
        slot: AttributeSlot,
        sub: AttributeDefinition?
    ) throws(SCIMError) {
        let definition = slot.definition
        let current = slot.value(in: attributes)
        switch op {
        case .remove:
            if let sub {
                var object = current?.objectValue
                object?[sub.name] = nil
                slot.set(object.flatMap { $0.isEmpty ? JSONValue?.none : .object($0) }, in: &attributes)
                return
            }
            if let value, !value.isNull, let current,
                !AttributeValue.equivalent(try AttributeValue.canonical(value, for: definition, at: slot.label) ?? .null, current)
            {
                // A remove with a value clears the attribute only when it still holds that value, as
                // Microsoft's reference server does (entra-requests.md trap 13).
                return
            }
            if definition.required {
                throw .mutability(
                    "\(slot.label) is required and cannot be removed; replace it with a new value instead"
                )
            }
            slot.set(nil, in: &attributes)
        case .add, .replace:
            let value = value ?? .null
            if let sub {
                let merged = try AttributeValue.merge(
                    JSONObject([(sub.name, value)]),
                    into: current?.objectValue,
                    for: definition,
                    at: slot.label
                )
                slot.set(merged.map(JSONValue.object), in: &attributes)
            } else if definition.type == .complex, case .object(let raw) = value {
                // Sub-attributes the value does not mention are left unchanged (RFC 7644 §3.5.2.3).
                let merged = try AttributeValue.merge(raw, into: current?.objectValue, for: definition, at: slot.label)
                slot.set(merged.map(JSONValue.object), in: &attributes)
            } else {
                slot.set(try AttributeValue.canonical(value, for: definition, at: slot.label), in: &attributes)
            }
        }
    }

    // MARK: - Extension objects

    /// A whole extension as the target: `add`/`replace` write each attribute of the value (others
    /// are left unchanged), `remove` drops the extension.
    mutating func applyExtension(_ op: PatchOperation.Op, value: JSONValue?, schema: Schema) throws(SCIMError) {
        switch (op, value ?? .null) {
        case (.remove, _), (.replace, .null):
            attributes[schema.id] = nil
        case (_, .null):
            break
        case (_, .object(let object)):
            for member in object {
                let location = AttributeLocation.resolve(dotted: member.key, schema: schema.id, kind: kind)
                try apply(
                    op,
                    value: member.value,
                    to: target(of: location, filter: nil, filteredSub: nil, label: member.key, strict: false)
                )
            }
        case (_, let other):
            throw AttributeValue.typeError(schema.id, other, expected: "an object of \(schema.name) attributes")
        }
    }
}
