import Foundation
import SCIM

/// A list request's `filter` and `sortBy` checked against the schemas, and evaluated in memory
/// with the SQLite store's semantics, for the filters ``ListSQL`` does not translate.
///
/// Checking rejects exactly what the SQLite translator rejects, with the same 400s: an unknown
/// attribute or sub-attribute, `password`, a comparison the attribute's type does not allow,
/// `null` with an operator other than eq/ne, brackets on a single value, a sort by something
/// that has no single value. It also writes a number compared with a text attribute as text
/// (`employeeNumber eq 701984`), as that translator does.
///
/// Evaluation is ``FilterEvaluator`` on the full representation, except that `active` compares
/// as the stored flag (absent counts as true) while `active pr` asks whether the attribute was
/// sent, as on SQLite, where the first reads the indexed column and the second the JSON.
struct ListFilter {
    let kind: ResourceKind

    static let membersDefinition = CoreSchemas.group.attribute(named: "members")!

    // MARK: - Checking

    /// The filter with its values normalised; throws 400 `invalidFilter` naming the problem.
    func checked(_ filter: Filter) throws(SCIMError) -> Filter {
        try checked(filter, element: nil)
    }

    /// A filter over the elements of `definition` (a team's `members[…]` in a PATCH path), whose
    /// paths are its sub-attributes; throws 400 `invalidFilter` naming the problem.
    func checked(_ filter: Filter, elementsOf definition: AttributeDefinition) throws(SCIMError) -> Filter {
        try checked(filter, element: definition)
    }

    /// `element`: the attribute whose elements a value filter's paths address.
    private func checked(_ filter: Filter, element: AttributeDefinition?) throws(SCIMError) -> Filter {
        switch filter {
        case .and(let l, let r): return .and(try checked(l, element: element), try checked(r, element: element))
        case .or(let l, let r): return .or(try checked(l, element: element), try checked(r, element: element))
        case .not(let f): return .not(try checked(f, element: element))
        case .present(let path):
            _ = try leaf(path, element: element)
            return filter
        case .compare(let path, let op, let value):
            let definition = try comparable(try leaf(path, element: element), path: path)
            if case .null = value {
                guard op == .eq || op == .ne else {
                    throw SCIMError.invalidFilter("'\(path) \(op.rawValue) null' is not a comparison: null can only be used with eq or ne")
                }
                return filter
            }
            // `ne` is `not (eq)`, so it allows what `eq` allows.
            return .compare(path, op, try Self.checkedValue(definition, op == .ne ? .eq : op, value, path: path))
        case .valuePath(let path, let inner):
            guard element == nil else { throw SCIMError.invalidFilter("'\(filter)': a value filter cannot contain another value filter") }
            let definition = try leaf(path, element: nil)
            guard definition.multiValued || definition.type == .complex else {
                throw SCIMError.invalidFilter(
                    "'\(path)[…]': brackets filter the values of a multi-valued or complex attribute, and \(path) is neither")
            }
            return .valuePath(path, try checked(inner, element: definition))
        }
    }

    /// The definition a path denotes (an attribute, a sub-attribute, or an element's sub-attribute).
    func leaf(_ path: AttributePath, element: AttributeDefinition?) throws(SCIMError) -> AttributeDefinition {
        if let element {
            let definitions = element.type == .complex
                ? element.subAttributes : [AttributeDefinition("value", element.type, caseExact: element.caseExact)]
            guard path.schema == nil, path.subAttribute == nil,
                let sub = definitions.first(where: { $0.name.caseInsensitiveEquals(path.attribute) })
            else {
                throw SCIMError.invalidFilter(
                    "'\(path)' is not a sub-attribute of \(element.name) (it has \(definitions.map(\.name).joined(separator: ", ")))")
            }
            try requireStoredSub(of: element, sub)
            return sub
        }
        // `urn:…:enterprise:2.0:User pr`: the extension object itself.
        if path.schema == nil, path.subAttribute == nil, let ext = kind.extensionSchema(path.attribute) {
            return AttributeDefinition(ext.id, .complex, subAttributes: ext.attributes)
        }
        let definition = try self.definition(of: path)
        if definition.returned == .never {
            throw SCIMError.invalidFilter("\(path) cannot be used in a filter: Roster never stores or returns it")
        }
        if definition.name == "meta" {
            guard let subName = path.subAttribute else {
                throw SCIMError.invalidFilter("meta is complex: filter on one of its sub-attributes, e.g. meta.lastModified")
            }
            guard let sub = definition.subAttribute(named: subName) else {
                throw SCIMError.invalidFilter("'\(path)': meta has no sub-attribute \(subName)")
            }
            guard ["created", "lastModified", "resourceType", "version"].contains(sub.name) else {
                throw SCIMError.invalidFilter("\(path) cannot be used in a filter: filter on id instead")
            }
            return sub
        }
        guard let subName = path.subAttribute else { return definition }
        guard definition.type == .complex, let sub = definition.subAttribute(named: subName) else {
            throw SCIMError.invalidFilter("'\(path)': \(definition.name) has no sub-attribute \(subName)")
        }
        if definition.multiValued { try requireStoredSub(of: definition, sub) }
        return sub
    }

    /// A team's members and a member's teams keep only `value`, `display` and `type`.
    private func requireStoredSub(of parent: AttributeDefinition, _ sub: AttributeDefinition) throws(SCIMError) {
        let membership = (kind == .group && parent.name == "members") || (kind == .user && parent.name == "groups")
        guard !membership || ["value", "display", "type"].contains(sub.name) else {
            throw SCIMError.invalidFilter("\(parent.name).\(sub.name) cannot be used in a filter: filter on \(parent.name).value")
        }
    }

    /// The owning schema's definition of a top-level path; an unqualified name that is not core
    /// is looked up in the extensions (`department`), as ``FilterEvaluator`` does.
    private func definition(of path: AttributePath) throws(SCIMError) -> AttributeDefinition {
        if let found = kind.resolve(schemaURN: path.schema, attribute: path.attribute) { return found.definition }
        if path.schema == nil {
            for ext in kind.extensions {
                if let definition = ext.attribute(named: path.attribute) { return definition }
            }
        }
        throw SCIMError.invalidFilter(
            "'\(path)' is not an attribute of \(kind.rawValue) resources (see /Schemas for the attributes that can be filtered)")
    }

    /// What a comparison on `definition` compares: a complex attribute through its `value`.
    private func comparable(_ definition: AttributeDefinition, path: AttributePath) throws(SCIMError) -> AttributeDefinition {
        guard definition.type == .complex else { return definition }
        guard let value = definition.subAttribute(named: "value") else {
            throw SCIMError.invalidFilter(
                "\(path) is complex: compare one of its sub-attributes, e.g. \(path).\(definition.subAttributes.first?.name ?? "value")")
        }
        return value
    }

    private static func checkedValue(
        _ definition: AttributeDefinition, _ op: CompareOperator, _ value: FilterValue, path: AttributePath
    ) throws(SCIMError) -> FilterValue {
        switch definition.type {
        case .boolean:
            guard op == .eq else {
                throw SCIMError.invalidFilter("'\(path) \(op.rawValue) …': \(path) is a boolean, which can only be compared with eq or ne")
            }
            switch value {
            case .bool: return value
            case .string(let s) where s.caseInsensitiveEquals("true") || s.caseInsensitiveEquals("false"): return value
            default: throw SCIMError.invalidFilter("\(path) is a boolean: compare it with true or false, not \(value)")
            }
        case .integer, .decimal:
            guard ![.co, .sw, .ew].contains(op) else {
                throw SCIMError.invalidFilter("'\(op.rawValue)' compares text, and \(path) is a number: use eq, ne, gt, ge, lt or le")
            }
            switch value {
            case .number: return value
            case .string(let s) where Double(s) != nil: return .number(Double(s)!)
            default: throw SCIMError.invalidFilter("\(path) is a number: compare it with a number, not \(value)")
            }
        case .dateTime:
            guard ![.co, .sw, .ew].contains(op) else {
                throw SCIMError.invalidFilter("'\(op.rawValue)' compares text, and \(path) is a date-time: use eq, ne, gt, ge, lt or le")
            }
            guard case .string(let text) = value, SCIMDateTime.parse(text) != nil else {
                throw SCIMError.invalidFilter(
                    "\(path) is a date-time: compare it with a quoted xsd:dateTime such as \"2026-01-31T12:00:00Z\", not \(value)")
            }
            return value
        case .complex:
            throw SCIMError.invalidFilter("\(path) is complex: compare one of its sub-attributes")
        case .string, .reference, .binary:
            switch value {
            case .string: return value
            // A text attribute (employeeNumber) filtered with an unquoted number: compare the digits.
            case .number(let n): return .string(JSONWriter.format(n))
            default: throw SCIMError.invalidFilter("\(path) is text: compare it with a quoted string, not \(value)")
            }
        }
    }

    // MARK: - Evaluating

    /// Whether a resource (with its groups or members loaded) matches a ``checked(_:)`` filter.
    func matches(_ filter: Filter, _ resource: SCIMResource) -> Bool {
        let object = resource.json(baseURL: "")
        var flagged = object
        if kind == .user { flagged["active"] = .bool(resource.active) }
        return matches(filter, object: object, flagged: flagged)
    }

    private func matches(_ filter: Filter, object: JSONObject, flagged: JSONObject) -> Bool {
        switch filter {
        case .and(let l, let r): return matches(l, object: object, flagged: flagged) && matches(r, object: object, flagged: flagged)
        case .or(let l, let r): return matches(l, object: object, flagged: flagged) || matches(r, object: object, flagged: flagged)
        case .not(let f): return !matches(f, object: object, flagged: flagged)
        case .compare(let path, _, _) where isActive(path): return FilterEvaluator.matches(filter, flagged, kind: kind)
        default: return FilterEvaluator.matches(filter, object, kind: kind)
        }
    }

    private func isActive(_ path: AttributePath) -> Bool {
        kind == .user && path.subAttribute == nil && path.attribute.caseInsensitiveEquals("active")
            && (path.schema == nil || path.schema!.caseInsensitiveEquals(kind.schema.id))
    }

    // MARK: - Sorting

    /// A sort key's value; numbers sort before text, as SQLite orders its storage classes.
    enum SortValue: Comparable {
        case number(Double)
        /// Text in byte order (the C collation), folded unless the attribute is `caseExact`.
        case text([UInt8])

        static func < (a: SortValue, b: SortValue) -> Bool {
            switch (a, b) {
            case (.number(let x), .number(let y)): x < y
            case (.number, .text): true
            case (.text, .number): false
            case (.text(let x), .text(let y)): x.lexicographicallyPrecedes(y)
            }
        }
    }

    /// How to read the value `sortBy=path` sorts by; 400 `invalidValue` for a path that is
    /// unknown or has no single value (a team's members, a complex attribute).
    func sortKey(_ path: AttributePath) throws(SCIMError) -> @Sendable (SCIMResource) -> SortValue? {
        let definition: AttributeDefinition
        do throws(SCIMError) {
            definition = try leaf(path, element: nil)
        } catch {
            throw SCIMError.invalidValue("sortBy: \(error.detail)")
        }
        let cannot = SCIMError.invalidValue(
            "Results cannot be sorted by \(path): sort by a single-valued attribute such as userName or meta.lastModified")
        let top = path.attribute.lowercased()
        if top == "meta" {
            switch definition.name {
            case "created": return { .text(Array(SCIMDateTime.format($0.meta.created).utf8)) }
            case "lastModified": return { .text(Array(SCIMDateTime.format($0.meta.lastModified).utf8)) }
            case "version": return { .text(Array($0.meta.etag.utf8)) }
            default: return { _ in .text(Array(self.kind.rawValue.utf8)) }
            }
        }
        if top == "id", path.schema == nil { return { .text(Array($0.id.utf8)) } }
        // A membership list, a complex attribute or an extension object has no single value.
        if (kind == .user && top == "groups") || (kind == .group && top == "members") { throw cannot }
        if definition.type == .complex && !definition.multiValued { throw cannot }
        let owner = kind.resolve(schemaURN: path.schema, attribute: path.attribute)?.schema
            ?? kind.extensions.first { $0.attribute(named: path.attribute) != nil }?.id
        let topDefinition = try? self.definition(of: path)
        let name = topDefinition?.name ?? path.attribute
        let inExtension = owner != nil && owner != kind.schema.id
        let multiValued = topDefinition?.multiValued ?? false
        let complexElements = topDefinition?.type == .complex
        let sub: String? = path.subAttribute.flatMap { topDefinition?.subAttribute(named: $0)?.name }
            ?? (multiValued && complexElements ? "value" : nil)
        let valueDefinition = multiValued && path.subAttribute == nil && complexElements
            ? (topDefinition?.subAttribute(named: "value") ?? definition) : definition
        let folds = valueDefinition.isText && !valueDefinition.caseExact
        return { resource in
            let container = inExtension ? resource.attributes[owner!]?.objectValue : resource.attributes
            guard let value = container?[name] else { return nil }
            let picked: JSONValue?
            if multiValued {
                guard case .array(let elements) = value, !elements.isEmpty else { return nil }
                if complexElements {
                    let primary = elements.first { $0.objectValue?["primary"]?.boolValue == true } ?? elements[0]
                    picked = primary.objectValue.flatMap { object in sub.flatMap { object[$0] } }
                } else {
                    picked = elements[0]
                }
            } else if let sub {
                picked = value.objectValue?[sub]
            } else {
                picked = value
            }
            return picked.flatMap { Self.sortValue($0, folds: folds) }
        }
    }

    private static func sortValue(_ value: JSONValue, folds: Bool) -> SortValue? {
        switch value {
        case .string(let s): return .text(Array((folds ? CaseFolding.key(s) : s).utf8))
        case .number(let n): return .number(n)
        case .bool(let b): return .number(b ? 1 : 0)
        case .null: return nil
        default: return .text(Array(JSONWriter().string(value).utf8))
        }
    }
}

extension AttributeDefinition {
    /// Compared as text (with or without regard to case).
    var isText: Bool { type == .string || type == .reference || type == .binary }
}
