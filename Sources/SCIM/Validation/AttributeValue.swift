/// Checks and normalises attribute values against their definitions, for bodies and PATCH alike.
///
/// The result is what Roster stores: canonical sub-attribute names, booleans as booleans (Entra
/// sends `"True"`/`"False"`), no read-only sub-attributes, and no empty values: `null` and `""` mean
/// "no value" (RFC 7643 §2.5), which Okta sends to clear an attribute (test plan C9337).
enum AttributeValue {
    /// The canonical form of `value` for `definition`, or nil when the value is unassigned.
    /// A multi-valued attribute given a single value is treated as a one-element array.
    /// - Parameter label: the attribute as error details should name it, e.g. `name.givenName`.
    /// - Throws: 400 `invalidValue` naming the attribute, the value and the expected type.
    static func canonical(
        _ value: JSONValue,
        for definition: AttributeDefinition,
        at label: String
    ) throws(SCIMError) -> JSONValue? {
        guard definition.multiValued else { return try canonicalSingle(value, for: definition, at: label) }
        let elements: [JSONValue]
        switch value {
        case .null: return nil
        case .array(let array): elements = array
        case .string(let text) where definition.type == .complex && text.hasPrefix("["):
            // Entra's AppRoleAssignmentsComplex mapping sends `roles` in a PATCH as the JSON text of
            // the array it sends as objects in a POST (entra-requests.md trap 15).
            guard case .array(let array)? = try? JSONParser.parse(text) else {
                throw typeError(label, value, expected: "an array of objects")
            }
            elements = array
        default: elements = [value]
        }
        var result: [JSONValue] = []
        for (index, element) in elements.enumerated() {
            guard let canonical = try canonicalSingle(element, for: definition, at: "\(label)[\(index)]"),
                !isEmptyElement(canonical)
            else { continue }
            result.append(canonical)
        }
        return result.isEmpty ? JSONValue?.none : .array(result)
    }

    /// The canonical form of one value (one element, for a multi-valued attribute).
    static func canonicalSingle(
        _ value: JSONValue,
        for definition: AttributeDefinition,
        at label: String
    ) throws(SCIMError) -> JSONValue? {
        if value.isNull { return nil }
        switch definition.type {
        case .string, .reference, .binary:
            guard case .string(let text) = value else { throw typeError(label, value, expected: "a string") }
            return text.isEmpty ? JSONValue?.none : value
        case .dateTime:
            guard case .string(let text) = value else { throw typeError(label, value, expected: dateTimeExpectation) }
            if text.isEmpty { return nil }
            guard SCIMDateTime.parse(text) != nil else { throw typeError(label, value, expected: dateTimeExpectation) }
            return value
        case .boolean:
            switch value {
            case .bool: return value
            case .string(let text) where text.caseInsensitiveEquals("true"): return .bool(true)
            case .string(let text) where text.caseInsensitiveEquals("false"): return .bool(false)
            case .string(let text) where text.isEmpty: return nil
            default: throw typeError(label, value, expected: "a boolean (true or false)")
            }
        case .integer:
            if value.stringValue?.isEmpty == true { return nil }
            let number = value.numberValue ?? value.stringValue.flatMap { Int($0) }.map(Double.init)
            guard let number, number.rounded() == number, abs(number) < 9.0e15 else {
                throw typeError(label, value, expected: "an integer")
            }
            return .number(number)
        case .decimal:
            if value.stringValue?.isEmpty == true { return nil }
            guard let number = value.numberValue ?? value.stringValue.flatMap({ Double($0) }), number.isFinite else {
                throw typeError(label, value, expected: "a number")
            }
            return .number(number)
        case .complex:
            switch value {
            case .object(let object):
                return try merge(object, into: nil, for: definition, at: label).map(JSONValue.object)
            case .string(let text) where definition.subAttribute(named: "value") != nil:
                // Entra sends `manager` as the bare id; it means {"value": id}.
                return text.isEmpty ? JSONValue?.none : ["value": value]
            case .array(let array) where !definition.multiValued && array.count == 1 && definition.subAttribute(named: "value") != nil:
                // Microsoft's tutorial still prints the legacy manager PATCH with a one-element array,
                // [{"$ref": …, "value": id}]: the single value inside it.
                return try canonicalSingle(array[0], for: definition, at: label)
            default:
                throw typeError(label, value, expected: "an object of sub-attributes")
            }
        }
    }

    /// Writes the sub-attributes of `raw` into `existing`, each replacing its old value; a
    /// sub-attribute given as `null` or `""` is removed. Unknown and read-only sub-attributes are
    /// ignored. Returns nil when nothing is left.
    static func merge(
        _ raw: JSONObject,
        into existing: JSONObject?,
        for definition: AttributeDefinition,
        at label: String
    ) throws(SCIMError) -> JSONObject? {
        var result = existing ?? JSONObject()
        for member in raw {
            guard let sub = definition.subAttribute(named: member.key), sub.mutability != .readOnly else { continue }
            result[sub.name] = try canonical(member.value, for: sub, at: "\(label).\(sub.name)")
        }
        return result.isEmpty ? nil : result
    }

    /// An element of a multi-valued complex attribute that says nothing: only `type`, `primary` or
    /// `display` are left once empty values are gone (Okta sends `{"value":"","type":"","primary":true}`
    /// for a user without a phone).
    static func isEmptyElement(_ element: JSONValue) -> Bool {
        guard case .object(let object) = element else { return false }
        return object.allSatisfy { ["type", "primary", "display"].contains($0.key) }
    }

    /// Whether two canonical values are equal, ignoring the order of object members.
    static func equivalent(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            return x.count == y.count
                && x.allSatisfy { member in y[member.key].map { equivalent(member.value, $0) } ?? false }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equivalent($0, $1) }
        default:
            return a == b
        }
    }

    /// A short rendering of a client's value for error details.
    static func preview(_ value: JSONValue) -> String {
        let text = value.jsonString
        return text.count > 80 ? text.prefix(77) + "…" : text
    }

    static func typeError(_ label: String, _ value: JSONValue, expected: String) -> SCIMError {
        .invalidValue("\(label) must be \(expected); got \(preview(value))")
    }

    private static let dateTimeExpectation = "a dateTime such as \"2026-11-30T19:14:21Z\""
}
