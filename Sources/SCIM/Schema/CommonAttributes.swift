/// The attributes every resource has (RFC 7643 §3.1): `id`, `externalId` and `meta`. They belong to
/// no schema URN, so they are listed apart from the core schemas.
public enum CommonAttributes {
    public static let id = AttributeDefinition(
        "id", description: "Unique identifier for the resource, assigned by Roster.",
        caseExact: true, mutability: .readOnly, returned: .always, uniqueness: .server)
    public static let externalId = AttributeDefinition(
        "externalId", description: "Identifier of the resource in the provisioning client (Okta's user or group id).",
        caseExact: true)
    public static let meta = AttributeDefinition(
        "meta", .complex, description: "Resource metadata.", mutability: .readOnly,
        subAttributes: [
            AttributeDefinition("resourceType", caseExact: true, mutability: .readOnly),
            AttributeDefinition("created", .dateTime, mutability: .readOnly),
            AttributeDefinition("lastModified", .dateTime, mutability: .readOnly),
            AttributeDefinition("location", .reference, caseExact: true, mutability: .readOnly, referenceTypes: ["uri"]),
            AttributeDefinition("version", caseExact: true, mutability: .readOnly),
        ])

    public static let all = [id, externalId, meta]

    public static func attribute(named name: String) -> AttributeDefinition? {
        all.first { $0.name.caseInsensitiveEquals(name) }
    }
}
