/// A SCIM schema (RFC 7643 §7): a URN and the attributes it defines.
public struct Schema: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var attributes: [AttributeDefinition]

    public init(id: String, name: String, description: String, attributes: [AttributeDefinition]) {
        self.id = id
        self.name = name
        self.description = description
        self.attributes = attributes
    }

    /// The top-level attribute called `name`, compared without regard to case.
    public func attribute(named name: String) -> AttributeDefinition? {
        attributes.first { $0.name.caseInsensitiveEquals(name) }
    }

    /// The `/Schemas/{id}` representation, with `meta.location` under `baseURL`.
    public func json(baseURL: String) -> JSONValue {
        var o = JSONObject()
        o["schemas"] = [.string(SCIMURN.schema)]
        o["id"] = .string(id)
        o["name"] = .string(name)
        o["description"] = .string(description)
        o["attributes"] = .array(attributes.map(\.json))
        o["meta"] = ["resourceType": "Schema", "location": .string("\(baseURL)/Schemas/\(id)")]
        return .object(o)
    }
}
