/// Rules a resource must satisfy as a whole before Roster stores it, after POST, PUT or PATCH.
///
/// ``ResourceInput`` and ``PatchEngine`` already check each value's type; this checks what only the
/// complete resource can tell: required attributes, one primary value per multi-valued attribute
/// (RFC 7643 §2.4), and the product's phone number format.
public enum ResourceValidator {
    /// Validates canonical attributes of a member (User) or team (Group).
    /// - Parameter rejectNonconformingPhones: the organization's phone policy; when false, phone
    ///   numbers in another format are stored as sent (see ``nonconformingPhones(_:)``).
    /// - Throws: 400 `invalidValue` with a detail naming the attribute and what is expected.
    public static func validate(
        _ attributes: JSONObject,
        kind: ResourceKind,
        rejectNonconformingPhones: Bool
    ) throws(SCIMError) {
        switch kind {
        case .user:
            try requireNonEmptyString("userName", in: attributes, example: "\"userName\": \"jane.doe@example.com\"")
        case .group:
            try requireNonEmptyString("displayName", in: attributes, example: "\"displayName\": \"Engineering\"")
        }
        if let active = attributes["active"], active.boolValue == nil {
            throw AttributeValue.typeError("active", active, expected: "a boolean (true or false)")
        }
        try checkSinglePrimary(in: attributes, schemas: [kind.schema] + kind.extensions)
        if kind == .user, rejectNonconformingPhones {
            let problems = nonconformingPhoneEntries(attributes).map { entry in
                "\(entry.label) \(JSONValue.string(entry.value).jsonString) is not a valid phone number: expected \(PhoneNumberFormat.expected)"
            }
            if !problems.isEmpty { throw .invalidValue(problems.joined(separator: "; ")) }
        }
    }

    /// The non-empty `phoneNumbers[].value`s that do not follow ``PhoneNumberFormat``, in order; for
    /// organizations that accept such numbers and flag them instead of refusing them.
    public static func nonconformingPhones(_ attributes: JSONObject) -> [String] {
        nonconformingPhoneEntries(attributes).map(\.value)
    }

    private static func nonconformingPhoneEntries(_ attributes: JSONObject) -> [(label: String, value: String)] {
        guard case .array(let phones)? = attributes["phoneNumbers"] else { return [] }
        return phones.compactMap { phone in
            guard let object = phone.objectValue, let value = object["value"]?.stringValue, !value.isEmpty,
                !PhoneNumberFormat.isValid(value)
            else { return nil }
            let type = object["type"]?.stringValue ?? ""
            let label =
                type.isEmpty ? "phoneNumbers.value" : "phoneNumbers[type eq \(JSONValue.string(type).jsonString)].value"
            return (label, value)
        }
    }

    private static func requireNonEmptyString(
        _ name: String,
        in attributes: JSONObject,
        example: String
    ) throws(SCIMError) {
        guard let value = attributes[name] else {
            throw .invalidValue("\(name) is required: send a non-empty string, e.g. {\(example)}")
        }
        guard case .string(let text) = value, !text.isEmpty else {
            throw .invalidValue(
                "\(name) is required and must be a non-empty string, e.g. {\(example)}; got \(AttributeValue.preview(value))"
            )
        }
    }

    private static func checkSinglePrimary(in attributes: JSONObject, schemas: [Schema]) throws(SCIMError) {
        for (index, schema) in schemas.enumerated() {
            // The core schema's attributes sit at the top level, an extension's under its URN.
            let container = index == 0 ? attributes : attributes[schema.id]?.objectValue
            guard let container else { continue }
            for definition in schema.attributes
            where definition.multiValued && definition.subAttribute(named: "primary") != nil {
                guard case .array(let elements)? = container[definition.name] else { continue }
                let primaries = elements.filter { $0.objectValue?["primary"]?.boolValue == true }.count
                if primaries > 1 {
                    throw .invalidValue(
                        "\(definition.name) has \(primaries) values with \"primary\": true; at most one value may be primary (RFC 7643 §2.4)"
                    )
                }
            }
        }
    }
}
