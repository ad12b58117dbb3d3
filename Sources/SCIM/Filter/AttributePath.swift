/// An attribute reference as filters, `sortBy`, `attributes` and PATCH paths write it
/// (RFC 7644 §3.4.2.2 `attrPath`): an optional schema URN, an attribute, an optional sub-attribute.
///
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department` has the extension URN as
/// `schema` and `department` as `attribute`; `name.givenName` has `name` and `givenName`.
/// Names keep the spelling the client wrote; compare them without regard to case.
public struct AttributePath: Sendable, Hashable, CustomStringConvertible {
    public var schema: String?
    public var attribute: String
    public var subAttribute: String?

    public init(schema: String? = nil, attribute: String, subAttribute: String? = nil) {
        self.schema = schema
        self.attribute = attribute
        self.subAttribute = subAttribute
    }

    public var description: String {
        var text = schema.map { "\($0):" } ?? ""
        text += attribute
        if let subAttribute { text += ".\(subAttribute)" }
        return text
    }

    /// Whether this path names the same attribute as `other`, ignoring case and treating an absent
    /// core-schema URN as equal to the explicit one.
    public func matches(_ other: AttributePath, coreSchema: String) -> Bool {
        func urn(_ s: String?) -> String { (s ?? coreSchema).lowercased() }
        guard urn(schema) == urn(other.schema) || (CommonAttributes.attribute(named: attribute) != nil) else { return false }
        guard attribute.caseInsensitiveEquals(other.attribute) else { return false }
        switch (subAttribute, other.subAttribute) {
        case (nil, nil): return true
        case (let a?, let b?): return a.caseInsensitiveEquals(b)
        default: return false
        }
    }
}
