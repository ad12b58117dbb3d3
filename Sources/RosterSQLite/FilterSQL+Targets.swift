import GRDB
import SCIM

/// Resolving attribute paths to where their values are stored. Names come from the schema
/// definitions only; a path the schemas do not define is a 400 naming it.
extension FilterSQL {
    /// What `path` denotes in `scope`. `elementPaths` are the attributes a value filter on `path`
    /// uses (`emails[type eq "work"]`): they decide whether an indexed table can serve it.
    func target(_ path: AttributePath, in scope: Scope, elementPaths: Set<String> = []) throws(SCIMError) -> Target {
        switch scope {
        case .resource:
            return try resourceTarget(path, elementPaths: elementPaths)
        case .element(let collection, let parent):
            let definitions = elementDefinitions(of: parent)
            guard path.schema == nil, path.subAttribute == nil,
                let sub = definitions.first(where: { $0.name.caseInsensitiveEquals(path.attribute) })
            else {
                throw SCIMError.invalidFilter(
                    "'\(path)' is not a sub-attribute of \(parent.name) (it has \(definitions.map(\.name).joined(separator: ", ")))")
            }
            return .value(try elementOperand(collection, sub, parent: parent))
        case .object(let base, let parent):
            guard path.schema == nil, path.subAttribute == nil, let sub = parent.subAttribute(named: path.attribute) else {
                throw SCIMError.invalidFilter(
                    "'\(path)' is not a sub-attribute of \(parent.name) (it has \(parent.subAttributes.map(\.name).joined(separator: ", ")))")
            }
            return jsonTarget(base + Self.jsonKey(sub.name), sub)
        }
    }

    private func resourceTarget(_ path: AttributePath, elementPaths: Set<String>) throws(SCIMError) -> Target {
        // `urn:…:enterprise:2.0:User pr`: the extension object itself.
        if path.schema == nil, path.subAttribute == nil, let ext = kind.extensionSchema(path.attribute) {
            return .object(Self.jsonKeyPath([ext.id]), AttributeDefinition(ext.id, .complex, subAttributes: ext.attributes))
        }
        let (owner, definition) = try definition(of: path)
        if definition.returned == .never {
            throw SCIMError.invalidFilter("\(path) cannot be used in a filter: Roster never stores or returns it")
        }
        if let column = try columnTarget(owner: owner, definition, path: path, elementPaths: elementPaths) { return column }
        let base = jsonPath(owner: owner, definition, path: path)
        guard let subName = path.subAttribute else { return jsonTarget(base, definition) }
        guard definition.type == .complex, let sub = definition.subAttribute(named: subName) else {
            throw SCIMError.invalidFilter("'\(path)': \(definition.name) has no sub-attribute \(subName)")
        }
        if definition.multiValued { return .element(.json(base), try elementOperand(.json(base), sub, parent: definition)) }
        return jsonTarget(base + Self.jsonKey(sub.name), sub)
    }

    /// The schema URN owning the path's attribute (nil for `id`, `externalId`, `meta`) and its definition.
    /// An unqualified name that is not core is looked up in the extensions (`department`), as
    /// ``FilterEvaluator`` does.
    private func definition(of path: AttributePath) throws(SCIMError) -> (String?, AttributeDefinition) {
        if let found = kind.resolve(schemaURN: path.schema, attribute: path.attribute) { return found }
        if path.schema == nil {
            for ext in kind.extensions {
                if let definition = ext.attribute(named: path.attribute) { return (ext.id, definition) }
            }
        }
        throw SCIMError.invalidFilter(
            "'\(path)' is not an attribute of \(kind.rawValue) resources (see /Schemas for the attributes that can be filtered)")
    }

    /// Attributes with columns of their own, or nil for those that live in the attributes JSON.
    private func columnTarget(
        owner: String?, _ definition: AttributeDefinition, path: AttributePath, elementPaths: Set<String>
    ) throws(SCIMError) -> Target? {
        let column = { (name: String) in SQLFragment("\(table).\(name)") }
        if owner == nil {
            switch definition.name {
            case "id":
                return .value(Operand(expression: column("id"), definition: definition, nullable: false, indexed: true, presence: .true))
            case "externalId":
                return .value(Operand(expression: column("externalId"), definition: definition, indexed: true))
            case "meta":
                return .value(try metaOperand(path))
            default:
                return nil
            }
        }
        guard owner == kind.schema.id else { return nil }
        switch (kind, definition.name) {
        case (.user, "userName"):
            return .value(Operand(expression: column("userNameKey"), definition: definition, folded: true, nullable: false, indexed: true))
        case (.user, "displayName"):
            return .value(Operand(expression: column("displayNameKey"), definition: definition, folded: true, indexed: true))
        case (.group, "displayName"):
            return .value(Operand(expression: column("displayNameKey"), definition: definition, folded: true, nullable: false, indexed: true))
        case (.user, "active"):
            return .value(
                Operand(
                    expression: column("active"), definition: definition, nullable: false, indexed: true,
                    presence: SQLFragment("coalesce(json_type(m.attributes, '$.\"active\"') IN ('true', 'false'), 0)")))
        case (.user, "emails"):
            // `memberEmail` holds value, type and primary; a filter on `display` reads the JSON.
            let used = path.subAttribute.map { [$0.lowercased()] } ?? (elementPaths.isEmpty ? ["value"] : elementPaths)
            guard used.isSubset(of: ["value", "type", "primary"]) else { return nil }
            return try collectionTarget(.emails, definition, path: path)
        case (.user, "groups"):
            return try collectionTarget(.memberTeams, definition, path: path)
        case (.group, "members"):
            return try collectionTarget(.teamMembers, definition, path: path)
        default:
            return nil
        }
    }

    private func collectionTarget(_ collection: Collection, _ definition: AttributeDefinition, path: AttributePath) throws(SCIMError) -> Target {
        guard let subName = path.subAttribute else { return .multiValued(collection, definition) }
        guard let sub = definition.subAttribute(named: subName) else {
            throw SCIMError.invalidFilter("'\(path)': \(definition.name) has no sub-attribute \(subName)")
        }
        return .element(collection, try elementOperand(collection, sub, parent: definition))
    }

    private func metaOperand(_ path: AttributePath) throws(SCIMError) -> Operand {
        guard let subName = path.subAttribute else {
            throw SCIMError.invalidFilter("meta is complex: filter on one of its sub-attributes, e.g. meta.lastModified")
        }
        guard let sub = CommonAttributes.meta.subAttribute(named: subName) else {
            throw SCIMError.invalidFilter("'\(path)': meta has no sub-attribute \(subName)")
        }
        switch sub.name {
        case "created":
            return Operand(expression: SQLFragment("\(table).createdAt"), definition: sub, nullable: false)
        case "lastModified":
            return Operand(expression: SQLFragment("\(table).lastModified"), definition: sub, nullable: false, indexed: true)
        case "resourceType":
            return Operand(expression: .value(kind.rawValue), definition: sub, nullable: false)
        case "version":
            return Operand(expression: SQLFragment("('W/\"' || \(table).version || '\"')"), definition: sub, nullable: false)
        default:
            throw SCIMError.invalidFilter("\(path) cannot be used in a filter: filter on id instead")
        }
    }

    /// A value, object or array stored at `path` of the attributes JSON.
    private func jsonTarget(_ path: String, _ definition: AttributeDefinition) -> Target {
        if definition.multiValued { return .multiValued(.json(path), definition) }
        if definition.type == .complex { return .object(path, definition) }
        return .value(jsonOperand(path, definition))
    }

    /// A single value at `path` of the attributes JSON.
    func jsonOperand(_ path: String, _ definition: AttributeDefinition) -> Operand {
        Operand(expression: .format("json_extract(\(table).attributes, %@)", .value(path)), definition: definition)
    }

    /// One sub-attribute of an element of `collection`.
    func elementOperand(_ collection: Collection, _ sub: AttributeDefinition, parent: AttributeDefinition) throws(SCIMError) -> Operand {
        let plain = { (sql: String) in Operand(expression: SQLFragment(sql), definition: sub, nullable: false) }
        let folded = { (sql: String) in Operand(expression: SQLFragment(sql), definition: sub, folded: true, nullable: false) }
        switch (collection, sub.name) {
        case (.json, _):
            guard parent.type == .complex else { return Operand(expression: SQLFragment("je.value"), definition: sub) }
            // An element that is not an object (malformed data) has no sub-attributes rather than failing the query.
            return Operand(
                expression: .format("json_extract(CASE je.type WHEN 'object' THEN je.value END, %@)", .value(Self.jsonKeyPath([sub.name]))),
                definition: sub)
        case (.emails, "value"):
            var operand = folded("e.valueKey")
            operand.indexed = true
            return operand
        case (.emails, "type"):
            return Operand(expression: SQLFragment("e.typeKey"), definition: sub, folded: true)
        case (.emails, "primary"):
            return plain("e.isPrimary")
        case (.teamMembers, "value"):
            var operand = plain("mm.id")
            operand.indexed = true
            return operand
        case (.teamMembers, "display"):
            // The display stored with the membership, as the client sent it (NULL when it sent none).
            return Operand(expression: SQLFragment("tm.display"), definition: sub)
        case (.teamMembers, "type"):
            return Operand(expression: .value("User"), definition: sub, nullable: false)
        case (.memberTeams, "value"):
            var operand = plain("tt.id")
            operand.indexed = true
            return operand
        case (.memberTeams, "display"):
            return folded("tt.displayNameKey")
        case (.memberTeams, "type"):
            return Operand(expression: .value("direct"), definition: sub, nullable: false)
        default:
            throw SCIMError.invalidFilter("\(parent.name).\(sub.name) cannot be used in a filter: filter on \(parent.name).value")
        }
    }

    /// The definitions paths inside `attribute[…]` resolve against; a simple multi-valued
    /// attribute's elements are addressed as `value`, as ``FilterEvaluator`` does.
    func elementDefinitions(of definition: AttributeDefinition) -> [AttributeDefinition] {
        definition.type == .complex ? definition.subAttributes : [valueDefinition(of: definition)!]
    }

    /// What a multi-valued attribute compared directly (`emails co "@x"`) compares: its `value`.
    func valueDefinition(of definition: AttributeDefinition) -> AttributeDefinition? {
        guard definition.type == .complex else { return AttributeDefinition("value", definition.type, caseExact: definition.caseExact) }
        return definition.subAttribute(named: "value")
    }

    func valueDefinition(of definition: AttributeDefinition, path: AttributePath) throws(SCIMError) -> AttributeDefinition {
        guard let value = valueDefinition(of: definition) else {
            throw SCIMError.invalidFilter("\(path) is complex: compare one of its sub-attributes")
        }
        return value
    }

    /// The JSON path of a top-level attribute: `$."name"`, or `$."urn:…:User"."department"` for an extension's.
    func jsonPath(owner: String?, _ definition: AttributeDefinition, path: AttributePath) -> String {
        if let owner, owner != kind.schema.id { return Self.jsonKeyPath([owner, definition.name]) }
        return Self.jsonKeyPath([definition.name])
    }

    static func jsonKeyPath(_ keys: [String]) -> String { "$" + keys.map(jsonKey).joined() }

    /// One quoted step of a JSON path. Keys are schema names (letters, digits, `$`, `:`, `.`), never client text.
    static func jsonKey(_ key: String) -> String { ".\"\(key)\"" }
}
