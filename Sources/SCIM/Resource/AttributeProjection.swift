/// The `attributes` and `excludedAttributes` parameters (RFC 7644 §3.4.2.5, §3.9): which parts of
/// a representation a response returns.
///
/// Both parameters are comma-separated attribute paths: `userName`, `name.givenName`,
/// `emails.value`, `members.value`, `urn:…:enterprise:2.0:User:department`, or an extension URN
/// alone for its whole object. `attributes` wins when both are given. Rules:
/// - `schemas` and attributes whose definition says `returned: always` (`id`) are never removed.
/// - Selecting a sub-attribute keeps only the named sub-attributes of a complex attribute, or of each
///   element of a multi-valued one (elements left empty are dropped).
/// - Selecting `urn:…:User:department` keeps the extension object with only that member.
/// - Names are compared without regard to case. Unknown names, and the core schema URN alone, select
///   nothing and are not errors: RFC 7644 asks servers to be lenient with what clients ask to see.
/// - A path that does not parse (`name..givenName`, `emails[type eq "work"]`) is a 400
///   `invalidValue` naming the parameter, the path and the problem.
public struct AttributeProjection: Sendable {
    private enum Mode: Sendable {
        case all, include, exclude
    }

    /// Where a listed path points in a representation.
    private struct Selection: Sendable {
        /// The extension URN whose object holds the attribute; nil for a top-level attribute. A whole
        /// extension is selected as the top-level attribute named by its URN.
        var container: String?
        var attribute: String
        var subAttribute: String?

        /// Whether selecting `self` selects everything `other` names: the same attribute (or its whole
        /// extension) without a narrower sub-attribute.
        func covers(_ other: Self) -> Bool {
            if container == nil, subAttribute == nil, let otherContainer = other.container,
                attribute.caseInsensitiveEquals(otherContainer)
            {
                return true
            }
            guard container?.lowercased() == other.container?.lowercased(), attribute.caseInsensitiveEquals(other.attribute)
            else { return false }
            guard let subAttribute else { return true }
            return other.subAttribute.map { subAttribute.caseInsensitiveEquals($0) } ?? false
        }
    }

    private let kind: ResourceKind
    private let mode: Mode
    private let selections: [Selection]

    /// Reads the two parameters (already percent-decoded; nil or blank when absent).
    /// - Throws: 400 `invalidValue` when a listed path is malformed.
    public init(attributes: String?, excludedAttributes: String?, kind: ResourceKind) throws(SCIMError) {
        self.kind = kind
        if let listed = try Self.paths(in: attributes, parameter: "attributes") {
            mode = .include
            selections = listed.compactMap { Self.selection($0, kind: kind) }
        } else if let listed = try Self.paths(in: excludedAttributes, parameter: "excludedAttributes") {
            mode = .exclude
            selections = listed.compactMap { Self.selection($0, kind: kind) }
        } else {
            mode = .all
            selections = []
        }
    }

    /// Whether a team's `members` will be returned; when false the store need not load them (a team
    /// can have 100,000 members, and Entra asks with `excludedAttributes=members`).
    public var wantsMembers: Bool { includes(AttributePath(attribute: "members")) }

    /// Whether the response returns `path` at all, wholly or in part (selecting `members.value`
    /// returns `members`; excluding `members.display` still returns `members`).
    public func includes(_ path: AttributePath) -> Bool {
        if mode == .all || isAlwaysReturned(path) { return true }
        guard let wanted = Self.selection(path, kind: kind) else { return mode == .exclude }
        switch mode {
        case .all: return true
        case .include: return selections.contains { $0.covers(wanted) || wanted.covers($0) }
        case .exclude: return !selections.contains { $0.covers(wanted) }
        }
    }

    /// The representation with only what the parameters ask for, in its original member order.
    public func apply(_ representation: JSONObject) -> JSONObject {
        guard mode != .all else { return representation }
        let topLevel = selections.filter { $0.container == nil }
        var out = JSONObject()
        for member in representation {
            let key = member.key
            if key.caseInsensitiveEquals("schemas") || kind.resolve(schemaURN: nil, attribute: key)?.definition.returned == .always {
                out[key] = member.value
            } else if let ext = kind.extensionSchema(key), let object = member.value.objectValue,
                !topLevel.contains(where: { $0.attribute.caseInsensitiveEquals(key) })
            {
                // The extension is not listed as a whole: project its members one by one.
                let inner = selections.filter { $0.container == ext.id }
                var projected = JSONObject()
                for attribute in object {
                    if ext.attribute(named: attribute.key)?.returned == .always {
                        projected[attribute.key] = attribute.value
                    } else if let value = project(attribute.value, key: attribute.key, inner) {
                        projected[attribute.key] = value
                    }
                }
                if !projected.isEmpty { out[key] = .object(projected) }
            } else if let value = project(member.value, key: key, topLevel) {
                out[key] = value
            }
        }
        return out
    }

    // MARK: - Projection of one member

    /// `value`, the member `key` of some object, projected by the selections that concern that object.
    private func project(_ value: JSONValue, key: String, _ selections: [Selection]) -> JSONValue? {
        let mine = selections.filter { $0.attribute.caseInsensitiveEquals(key) }
        let whole = mine.contains { $0.subAttribute == nil }
        let subAttributes = mine.compactMap(\.subAttribute)
        switch mode {
        case .all: return value
        case .include: return whole ? value : mine.isEmpty ? nil : Self.reshape(value, subAttributes, keepListed: true)
        case .exclude: return whole ? nil : mine.isEmpty ? value : Self.reshape(value, subAttributes, keepListed: false)
        }
    }

    /// Keeps (`keepListed`) or removes the listed sub-attributes of an object, or of each object in an
    /// array, dropping what ends up empty. A simple value has no sub-attributes: keeping some of them
    /// keeps nothing, removing some leaves it as it is.
    private static func reshape(_ value: JSONValue, _ subAttributes: [String], keepListed: Bool) -> JSONValue? {
        func reshaped(_ element: JSONValue) -> JSONValue? {
            guard var object = element.objectValue else { return keepListed ? nil : element }
            object.removeAll { member in subAttributes.contains { $0.caseInsensitiveEquals(member.key) } != keepListed }
            return object.isEmpty ? nil : .object(object)
        }
        guard let elements = value.arrayValue else { return reshaped(value) }
        let kept = elements.compactMap(reshaped)
        return kept.isEmpty ? nil : .array(kept)
    }

    // MARK: - Reading the parameters

    private func isAlwaysReturned(_ path: AttributePath) -> Bool {
        guard path.subAttribute == nil else { return false }
        if path.schema == nil, path.attribute.caseInsensitiveEquals("schemas") { return true }
        return kind.resolve(schemaURN: path.schema, attribute: path.attribute)?.definition.returned == .always
    }

    /// The paths `list` holds, or nil when the parameter is absent or lists nothing.
    private static func paths(in list: String?, parameter: String) throws(SCIMError) -> [AttributePath]? {
        guard let list else { return nil }
        var paths: [AttributePath] = []
        for item in list.split(separator: ",") {
            let text = item.trimmingSpaces
            guard !text.isEmpty else { continue }
            do {
                paths.append(try FilterParser.attributePath(text))
            } catch {
                throw SCIMError.invalidValue(
                    "The \(parameter) parameter lists '\(text)', which is not an attribute path (at position \(error.position)): "
                        + "\(error.message)")
            }
        }
        return paths.isEmpty ? nil : paths
    }

    /// Where `path` points, in canonical spelling; nil when it names a schema this resource type
    /// does not have.
    private static func selection(_ path: AttributePath, kind: ResourceKind) -> Selection? {
        func defined(in container: String?, _ definition: AttributeDefinition) -> Selection {
            let sub = path.subAttribute.map { definition.subAttribute(named: $0)?.name ?? $0 }
            return Selection(container: container, attribute: definition.name, subAttribute: sub)
        }
        if let (owner, definition) = kind.resolve(schemaURN: path.schema, attribute: path.attribute) {
            return defined(in: owner.flatMap { kind.extensionSchema($0)?.id }, definition)
        }
        guard let schema = path.schema else {
            // An unqualified extension attribute (`department`), or a name no schema defines.
            for ext in kind.extensions {
                if let definition = ext.attribute(named: path.attribute) { return defined(in: ext.id, definition) }
            }
            return Selection(container: nil, attribute: path.attribute, subAttribute: path.subAttribute)
        }
        guard schema.caseInsensitiveEquals(kind.schema.id) else { return nil }
        return Selection(container: nil, attribute: path.attribute, subAttribute: path.subAttribute)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
