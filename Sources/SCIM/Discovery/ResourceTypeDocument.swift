extension ResourceKind {
    /// The `/ResourceTypes/{id}` document (RFC 7643 §6): endpoint, core schema and extensions.
    public func resourceTypeJSON(baseURL: String) -> JSONValue {
        var o = JSONObject()
        o["schemas"] = [.string(SCIMURN.resourceType)]
        o["id"] = .string(rawValue)
        o["name"] = .string(rawValue)
        o["endpoint"] = .string(endpoint)
        o["description"] = .string(self == .user ? "A member of the organization" : "A team of members")
        o["schema"] = .string(schema.id)
        o["schemaExtensions"] = .array(extensions.map { ["schema": .string($0.id), "required": false] })
        o["meta"] = [
            "resourceType": "ResourceType",
            "location": .string("\(baseURL)/ResourceTypes/\(rawValue)"),
        ]
        return .object(o)
    }
}
