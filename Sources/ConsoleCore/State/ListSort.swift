import SCIM

/// The sort of a resource list: which attribute (cycled with `s`) and which direction (reversed with `S`).
public struct ListSort: Hashable, Sendable {
    /// The attributes `s` cycles through, in order.
    public let fields: [AttributePath]
    public private(set) var index: Int
    public private(set) var descending: Bool

    public init(fields: [AttributePath], index: Int = 0, descending: Bool = false) {
        precondition(!fields.isEmpty, "a list sorts by at least one attribute")
        self.fields = fields
        self.index = index
        self.descending = descending
    }

    /// The attribute sorted by.
    public var field: AttributePath { fields[index] }

    /// The next attribute, ascending.
    public mutating func cycle() {
        index = (index + 1) % fields.count
        descending = false
    }

    public mutating func reverse() {
        descending.toggle()
    }

    /// Members: login, display name, last change (the orders an operator looks for).
    public static let members = ListSort(fields: [
        AttributePath(attribute: "userName"), AttributePath(attribute: "displayName"),
        AttributePath(attribute: "meta", subAttribute: "lastModified"),
    ])

    /// Teams: name, last change.
    public static let teams = ListSort(fields: [
        AttributePath(attribute: "displayName"), AttributePath(attribute: "meta", subAttribute: "lastModified"),
    ])
}
