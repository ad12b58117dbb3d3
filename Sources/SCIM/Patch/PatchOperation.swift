/// A parsed PATCH request (RFC 7644 §3.5.2): operations applied in order, all or none.
public struct PatchRequest: Sendable, Hashable {
    public var operations: [PatchOperation]

    public init(operations: [PatchOperation]) { self.operations = operations }
}

/// One PATCH operation. `op` is read without regard to case (Entra sends `Replace`).
public struct PatchOperation: Sendable, Hashable {
    public enum Op: String, Sendable, Hashable {
        case add, remove, replace
    }

    public var op: Op
    public var path: PatchPath?
    public var value: JSONValue?

    public init(op: Op, path: PatchPath? = nil, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.value = value
    }
}

/// A PATCH `path` (RFC 7644 §3.5.2 `PATH = attrPath / valuePath [subAttr]`), for example
/// `members[value eq "2819c223"]`, `emails[type eq "work"].value` or
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
public struct PatchPath: Sendable, Hashable, CustomStringConvertible {
    /// The attribute (with its sub-attribute when written `name.givenName`).
    public var attribute: AttributePath
    /// The value filter in brackets, if any; its paths are relative to `attribute`.
    public var valueFilter: Filter?
    /// The sub-attribute written after the brackets (`emails[…].value`).
    public var subAttribute: String?

    public init(attribute: AttributePath, valueFilter: Filter? = nil, subAttribute: String? = nil) {
        self.attribute = attribute
        self.valueFilter = valueFilter
        self.subAttribute = subAttribute
    }

    public var description: String {
        var text = attribute.description
        if let valueFilter { text += "[\(valueFilter)]" }
        if let subAttribute { text += ".\(subAttribute)" }
        return text
    }
}
