/// One simulated employee as their Okta profile describes them: what Okta maps into the SCIM
/// User it pushes (okta-requests.md R3).
public struct Person: Sendable, Hashable {
    /// Position in the generated directory; scenarios refer to people by it.
    public var index: Int
    /// Okta's user id (`00u…`, 20 characters), sent as the SCIM `externalId`.
    public var externalId: String
    public var givenName: String
    public var familyName: String
    public var middleName: String?
    /// As the person's culture writes it: `María José Núñez`, `田中 太郎`, `王伟`.
    public var displayName: String
    /// The Okta login and work email, also the SCIM `userName`.
    public var userName: String
    public var title: String
    public var department: String
    public var employeeNumber: String
    public var locale: String
    /// The primary phone as typed into Okta; empty when the person has none.
    public var phone: String
    /// Whether ``phone`` follows the product rule; the simulator expects refusals from it.
    public var phoneFormat: PhoneFormat
    /// The country calling code of the person's phone (`41`), for the admin's fix of a raw number.
    public var phoneCountry: String

    /// The work email, which is the login.
    public var email: String { userName }
}

/// How a generated phone number is written, which decides what a correct server does with it.
public enum PhoneFormat: String, Sendable, Hashable {
    /// `+41 791234567`: the product's `<country_prefix> <telephone_number>`.
    case product
    /// As Okta users type numbers (`415.123.4567`, `(415) 555-0132`): refused under the strict phone
    /// policy, stored and flagged under `flag`.
    case raw
    /// No phone: Okta sends `"value": ""` and `"type": ""`, which every server must accept.
    case none
}
