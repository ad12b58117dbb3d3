import SCIM

/// What every store keeps of a team beside its attributes, derived from its canonical attributes on
/// every write, here and nowhere else (the folded `displayName` key is what makes names unique).
public struct TeamRecord: Sendable, Hashable {
    public var displayName: String
    public var displayNameKey: String
    public var externalId: String?
    /// The attributes as stored: canonical JSON (never `members`, which have their own table).
    public var attributesJSON: String

    /// - Throws: 400 `invalidValue` when `displayName` is missing or empty.
    public init(_ attributes: JSONObject) throws(SCIMError) {
        guard let displayName = attributes["displayName"]?.stringValue, !displayName.isEmpty else {
            throw SCIMError.invalidValue("displayName is required and must be a non-empty string")
        }
        self.displayName = displayName
        displayNameKey = CaseFolding.key(displayName)
        externalId = attributes["externalId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        attributesJSON = JSONWriter().string(.object(attributes))
    }
}
