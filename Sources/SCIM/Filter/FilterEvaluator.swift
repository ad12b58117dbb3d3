import Foundation

/// Evaluates a ``Filter`` against a JSON representation in memory (RFC 7644 §3.4.2.2).
///
/// Used for PATCH value paths (`members[value eq "…"]`, `emails[type eq "work"]`) and wherever a
/// filter must be checked without the database. Semantics:
/// - Strings compare without regard to case (through ``CaseFolding/key(_:)``) unless the attribute's
///   definition says `caseExact`; attributes without a definition compare without regard to case.
/// - `dateTime` attributes compare as instants when both sides parse (``SCIMDateTime/parse(_:)``),
///   so `"2011-05-13T04:42:34Z"` and `"2011-05-13T06:42:34+02:00"` are equal.
/// - Booleans and numbers compare by value; a boolean attribute also equals the strings `"true"` and
///   `"false"` in any case, which some clients send.
/// - A multi-valued attribute matches when any of its values does; an element that is an object is
///   compared through its `value` sub-attribute, so `emails co "@x"` looks at every `emails[].value`.
/// - `pr` holds when some value is present and not unassigned (null, "", [] or {} are unassigned).
/// - `eq null` holds when the attribute is not present, `ne null` when it is; `ne x` is `not (eq x)`,
///   so it holds for an absent attribute and, for a multi-valued one, when no value equals `x`.
/// - `co`, `sw` and `ew` match text only; ordering operators on booleans never match.
/// - Unknown attributes are looked up by name in the object and compared without regard to case;
///   when absent they match only `ne`, `not (…)` and `eq null`.
public enum FilterEvaluator {
    /// Whether the full representation of a resource (as ``SCIMResource/json(baseURL:)`` writes it)
    /// matches `filter`.
    ///
    /// Paths may carry the core or an extension schema URN; an unqualified name that is neither
    /// common nor core is looked up in the resource type's extensions (`department`).
    public static func matches(_ filter: Filter, _ object: JSONObject, kind: ResourceKind) -> Bool {
        evaluate(filter, object, .resource(kind))
    }

    /// Whether `object`, an element of a multi-valued attribute or another sub-object, matches
    /// `filter`, whose paths are relative to it (`value eq "x" and display co "y"` against a team's
    /// `members` element). `definitions` are the object's attributes, e.g. the `members`
    /// sub-attributes of ``CoreSchemas/group``; schema URNs on the paths are ignored.
    public static func matches(_ filter: Filter, _ object: JSONObject, attributes definitions: [AttributeDefinition]) -> Bool {
        evaluate(filter, object, .relative(definitions))
    }

    /// Where paths are resolved: a resource's top level, or inside a sub-object.
    private enum Scope {
        case resource(ResourceKind)
        case relative([AttributeDefinition])
    }

    /// The values a path reaches and the definition that describes them.
    private struct Target {
        var values: [JSONValue]
        var definition: AttributeDefinition?

        /// Present and not unassigned (RFC 7643 §2.5), looking into multi-valued attributes.
        var isPresent: Bool {
            values.contains { value in (value.arrayValue ?? [value]).contains { !$0.isUnassigned } }
        }
    }

    private static func evaluate(_ filter: Filter, _ object: JSONObject, _ scope: Scope) -> Bool {
        switch filter {
        case .and(let left, let right):
            return evaluate(left, object, scope) && evaluate(right, object, scope)
        case .or(let left, let right):
            return evaluate(left, object, scope) || evaluate(right, object, scope)
        case .not(let inner):
            return !evaluate(inner, object, scope)
        case .present(let path):
            return target(path, object, scope).isPresent
        case .compare(let path, let op, let value):
            return compare(target(path, object, scope), op, value)
        case .valuePath(let path, let inner):
            let found = target(path, object, scope)
            let elementDefinitions = elementAttributes(of: found.definition)
            return found.values.contains { value in
                (value.arrayValue ?? [value]).contains { element in
                    // A primitive element (a `schemas` entry) is addressed as `value`, as RFC 7644 allows.
                    let elementObject = element.objectValue ?? JSONObject([("value", element)])
                    return evaluate(inner, elementObject, .relative(elementDefinitions))
                }
            }
        }
    }

    /// The definitions paths inside `attribute[…]` resolve against.
    private static func elementAttributes(of definition: AttributeDefinition?) -> [AttributeDefinition] {
        guard let definition else { return [] }
        if definition.type == .complex { return definition.subAttributes }
        return [AttributeDefinition("value", definition.type, caseExact: definition.caseExact)]
    }

    // MARK: - Paths

    private static func target(_ path: AttributePath, _ object: JSONObject, _ scope: Scope) -> Target {
        let (value, definition) = attribute(path, object, scope)
        guard let value else { return Target(values: [], definition: definition) }
        guard let sub = path.subAttribute else { return Target(values: [value], definition: definition) }
        let parts = value.arrayValue ?? [value]
        return Target(values: parts.compactMap { $0.objectValue?[sub] }, definition: definition?.subAttribute(named: sub))
    }

    /// The value and definition of the path's attribute (ignoring its sub-attribute).
    private static func attribute(_ path: AttributePath, _ object: JSONObject, _ scope: Scope) -> (JSONValue?, AttributeDefinition?) {
        switch scope {
        case .relative(let definitions):
            return (object[path.attribute], definitions.first { $0.name.caseInsensitiveEquals(path.attribute) })
        case .resource(let kind):
            if let (owner, definition) = kind.resolve(schemaURN: path.schema, attribute: path.attribute) {
                if let owner, let ext = kind.extensionSchema(owner) {
                    return (object[ext.id]?.objectValue?[path.attribute], definition)
                }
                return (object[path.attribute], definition)
            }
            if let schema = path.schema {
                // A URN of another resource type or an undefined attribute of ours: only the core
                // schema's unknown names can still be in the representation.
                return schema.caseInsensitiveEquals(kind.schema.id) ? (object[path.attribute], nil) : (nil, nil)
            }
            for ext in kind.extensions {
                if let definition = ext.attribute(named: path.attribute) {
                    return (object[ext.id]?.objectValue?[path.attribute], definition)
                }
            }
            return (object[path.attribute], nil)
        }
    }

    // MARK: - Comparison

    private static func compare(_ target: Target, _ op: CompareOperator, _ value: FilterValue) -> Bool {
        if case .null = value {
            switch op {
            case .eq: return !target.isPresent
            case .ne: return target.isPresent
            default: return false
            }
        }
        if op == .ne { return !compare(target, .eq, value) }
        let valueDefinition = target.definition?.subAttribute(named: "value")
        for found in target.values {
            for element in found.arrayValue ?? [found] {
                let matched: Bool
                if let object = element.objectValue {
                    guard let inner = object["value"] else { continue }
                    matched = compare(inner, valueDefinition, op, value)
                } else {
                    matched = compare(element, target.definition, op, value)
                }
                if matched { return true }
            }
        }
        return false
    }

    /// One attribute value against the filter's value. `op` is never `ne` and `value` never null.
    private static func compare(_ attribute: JSONValue, _ definition: AttributeDefinition?, _ op: CompareOperator, _ value: FilterValue) -> Bool {
        switch (attribute, value) {
        case (.string(let a), .string(let b)):
            if definition?.type == .dateTime, let x = SCIMDateTime.parse(a), let y = SCIMDateTime.parse(b),
                let result = order(x, y, op)
            {
                return result
            }
            return compareText(a, b, caseExact: definition?.caseExact ?? false, op)
        case (.string(let a), .number(let b)):
            // A text attribute (employeeNumber) filtered with an unquoted number: compare the digits.
            return compareText(a, JSONWriter.format(b), caseExact: true, op)
        case (.number(let a), .number(let b)):
            return order(a, b, op) ?? false
        case (.number(let a), .string(let b)):
            guard let y = Double(b) else { return false }
            return order(a, y, op) ?? false
        case (.bool(let a), .bool(let b)):
            return op == .eq && a == b
        case (.bool(let a), .string(let b)):
            return op == .eq && (b.caseInsensitiveEquals("true") ? a : b.caseInsensitiveEquals("false") ? !a : false)
        default:
            return false
        }
    }

    private static func compareText(_ a: String, _ b: String, caseExact: Bool, _ op: CompareOperator) -> Bool {
        let (x, y) = caseExact ? (a, b) : (CaseFolding.key(a), CaseFolding.key(b))
        switch op {
        case .co: return y.isEmpty || x.contains(y)
        case .sw: return x.hasPrefix(y)
        case .ew: return x.hasSuffix(y)
        default: return order(x, y, op) ?? false
        }
    }

    /// `eq`, `gt`, `ge`, `lt` and `le` on ordered values; nil for the text-only operators.
    private static func order<T: Comparable>(_ x: T, _ y: T, _ op: CompareOperator) -> Bool? {
        switch op {
        case .eq: x == y
        case .ne: x != y
        case .gt: x > y
        case .ge: x >= y
        case .lt: x < y
        case .le: x <= y
        case .co, .sw, .ew: nil
        }
    }
}
