import SCIM

/// The indexed columns of a `team` row, derived from its canonical attributes on every write.
struct TeamColumns {
    var displayName: String
    var displayNameKey: String
    var externalId: String?
    /// The attributes as stored: canonical JSON (never `members`, which have their own table).
    var attributesJSON: String

    /// - Throws: 400 `invalidValue` when `displayName` is missing or empty.
    init(_ attributes: JSONObject) throws(SCIMError) {
        guard let displayName = attributes["displayName"]?.stringValue, !displayName.isEmpty else {
            throw SCIMError.invalidValue("displayName is required and must be a non-empty string")
        }
        self.displayName = displayName
        displayNameKey = CaseFolding.key(displayName)
        externalId = attributes["externalId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        attributesJSON = JSONWriter().string(.object(attributes))
    }
}
