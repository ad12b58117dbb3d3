/// One attribute of a SCIM schema, with the characteristics of RFC 7643 §2.2 and §7.
///
/// The core consults these to canonicalise input (attribute names are case-insensitive), to ignore
/// read-only input, to compare filter values (`caseExact`), and to publish `/Schemas`.
public struct AttributeDefinition: Sendable, Hashable {
    public enum DataType: String, Sendable, Hashable {
        case string, boolean, decimal, integer, dateTime, binary, reference, complex
    }

    public enum Mutability: String, Sendable, Hashable {
        case readOnly, readWrite, immutable, writeOnly
    }

    public enum Returned: String, Sendable, Hashable {
        case always, never, `default`, request
    }

    public enum Uniqueness: String, Sendable, Hashable {
        case none, server, global
    }

    public var name: String
    public var type: DataType
    public var multiValued: Bool
    public var description: String
    public var required: Bool
    public var caseExact: Bool
    public var mutability: Mutability
    public var returned: Returned
    public var uniqueness: Uniqueness
    public var canonicalValues: [String]
    public var referenceTypes: [String]
    public var subAttributes: [AttributeDefinition]

    public init(
        _ name: String,
        _ type: DataType = .string,
        multiValued: Bool = false,
        description: String = "",
        required: Bool = false,
        caseExact: Bool = false,
        mutability: Mutability = .readWrite,
        returned: Returned = .default,
        uniqueness: Uniqueness = .none,
        canonicalValues: [String] = [],
        referenceTypes: [String] = [],
        subAttributes: [AttributeDefinition] = []
    ) {
        self.name = name
        self.type = type
        self.multiValued = multiValued
        self.description = description
        self.required = required
        self.caseExact = caseExact
        self.mutability = mutability
        self.returned = returned
        self.uniqueness = uniqueness
        self.canonicalValues = canonicalValues
        self.referenceTypes = referenceTypes
        self.subAttributes = subAttributes
    }

    /// The sub-attribute called `name`, compared without regard to case.
    public func subAttribute(named name: String) -> AttributeDefinition? {
        subAttributes.first { $0.name.caseInsensitiveEquals(name) }
    }

    /// The `/Schemas` representation (RFC 7643 §7).
    public var json: JSONValue {
        var o = JSONObject()
        o["name"] = .string(name)
        o["type"] = .string(type.rawValue)
        o["multiValued"] = .bool(multiValued)
        o["description"] = .string(description)
        o["required"] = .bool(required)
        if type == .string || type == .reference || type == .binary { o["caseExact"] = .bool(caseExact) }
        if !canonicalValues.isEmpty { o["canonicalValues"] = .array(canonicalValues.map { .string($0) }) }
        if !referenceTypes.isEmpty { o["referenceTypes"] = .array(referenceTypes.map { .string($0) }) }
        o["mutability"] = .string(mutability.rawValue)
        o["returned"] = .string(returned.rawValue)
        o["uniqueness"] = .string(uniqueness.rawValue)
        if !subAttributes.isEmpty { o["subAttributes"] = .array(subAttributes.map(\.json)) }
        return .object(o)
    }
}
