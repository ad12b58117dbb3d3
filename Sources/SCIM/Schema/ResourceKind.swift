/// The two resource types Roster serves: members are SCIM Users, teams are SCIM Groups.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable {
    case user = "User"
    case group = "Group"

    /// The core schema of the resource type.
    public var schema: Schema {
        switch self {
        case .user: CoreSchemas.user
        case .group: CoreSchemas.group
        }
    }

    /// Schema extensions a resource of this type may carry, as `(schema, required)`.
    public var extensions: [Schema] {
        switch self {
        case .user: [CoreSchemas.enterpriseUser]
        case .group: []
        }
    }

    /// The endpoint under the SCIM base URL, e.g. `/Users`.
    public var endpoint: String {
        switch self {
        case .user: "/Users"
        case .group: "/Groups"
        }
    }

    /// The extension schema whose URN is `urn`, compared without regard to case.
    public func extensionSchema(_ urn: String) -> Schema? {
        extensions.first { $0.id.caseInsensitiveEquals(urn) }
    }

    /// Resolves an attribute path's first step: a common attribute, a core attribute, or an
    /// attribute of the extension named by `schemaURN` (or of the core schema when the URN is the
    /// core one). Returns the owning schema URN (nil for common attributes) and the definition.
    public func resolve(schemaURN: String?, attribute: String) -> (schema: String?, definition: AttributeDefinition)? {
        if let schemaURN, !schemaURN.caseInsensitiveEquals(schema.id) {
            guard let ext = extensionSchema(schemaURN), let definition = ext.attribute(named: attribute) else { return nil }
            return (ext.id, definition)
        }
        if let common = CommonAttributes.attribute(named: attribute) { return (nil, common) }
        if let definition = schema.attribute(named: attribute) { return (schema.id, definition) }
        return nil
    }
}
