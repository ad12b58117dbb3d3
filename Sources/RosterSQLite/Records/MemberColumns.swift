import SCIM

/// The indexed columns of a `member` row, derived from its canonical attributes on every write so
/// that filters on them use an index and the seat count and phone flag need no JSON parsing.
struct MemberColumns {
    /// One `memberEmail` row: what `emails.value`/`type`/`primary` filters read.
    struct Email {
        var valueKey: String
        var typeKey: String?
        var isPrimary: Bool
    }

    var userName: String
    var userNameKey: String
    var externalId: String?
    var displayName: String?
    var displayNameKey: String?
    /// `active` absent counts as active (RFC 7643 leaves the default open; Okta always sends it).
    var active: Bool
    /// Some non-empty phone number is not `<country_prefix> <telephone_number>`.
    var phoneFlagged: Bool
    var emails: [Email]
    /// The attributes as stored: canonical JSON.
    var attributesJSON: String

    /// - Throws: 400 `invalidValue` when `userName` is missing or empty (the validator normally
    ///   refuses that first; the store does not trust it to).
    init(_ attributes: JSONObject) throws(SCIMError) {
        guard let userName = attributes["userName"]?.stringValue, !userName.isEmpty else {
            throw SCIMError.invalidValue("userName is required and must be a non-empty string")
        }
        self.userName = userName
        userNameKey = CaseFolding.key(userName)
        externalId = attributes["externalId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        displayName = attributes["displayName"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        displayNameKey = displayName.map(CaseFolding.key)
        active = attributes["active"]?.boolValue ?? true
        phoneFlagged = (attributes["phoneNumbers"]?.arrayValue ?? []).contains { phone in
            guard let value = phone.objectValue?["value"]?.stringValue, !value.isEmpty else { return false }
            return !PhoneNumberFormat.isValid(value)
        }
        emails = (attributes["emails"]?.arrayValue ?? []).compactMap { email in
            guard let object = email.objectValue, let value = object["value"]?.stringValue, !value.isEmpty else { return nil }
            return Email(
                valueKey: CaseFolding.key(value), typeKey: object["type"]?.stringValue.map(CaseFolding.key),
                isPrimary: object["primary"]?.boolValue ?? false)
        }
        attributesJSON = JSONWriter().string(.object(attributes))
    }
}
