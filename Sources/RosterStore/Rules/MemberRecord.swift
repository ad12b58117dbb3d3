import SCIM

/// What every store keeps of a member beside its attributes, derived from its canonical attributes
/// on every write, here and nowhere else: the folded keys that make `userName` unique without
/// regard to case (computed in Swift, so every store compares the same bytes whatever its locale
/// or ICU version), the columns filters use an index for, and the seat and phone flags.
public struct MemberRecord: Sendable, Hashable {
    /// One `memberEmail` row: what `emails.value`/`type`/`primary` filters read.
    public struct Email: Sendable, Hashable {
        public var valueKey: String
        public var typeKey: String?
        public var isPrimary: Bool
    }

    public var userName: String
    public var userNameKey: String
    public var externalId: String?
    public var displayName: String?
    public var displayNameKey: String?
    /// `active` absent counts as active (RFC 7643 leaves the default open; Okta always sends it).
    public var active: Bool
    /// Some non-empty phone number is not `<country_prefix> <telephone_number>`.
    public var phoneFlagged: Bool
    public var emails: [Email]
    /// The attributes as stored: canonical JSON.
    public var attributesJSON: String

    /// - Throws: 400 `invalidValue` when `userName` is missing or empty (the validator normally
    ///   refuses that first; this does not trust it to).
    public init(_ attributes: JSONObject) throws(SCIMError) {
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
