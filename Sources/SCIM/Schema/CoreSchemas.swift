/// The schemas Roster serves: core User and Group (RFC 7643 §4) and the enterprise User extension.
public enum CoreSchemas {
    /// `value`/`display`/`type`/`primary`, the shape shared by emails, phone numbers, ims, photos…
    private static func plural(
        _ name: String, description: String, valueType: AttributeDefinition.DataType = .string,
        types: [String], valueCaseExact: Bool = false, referenceTypes: [String] = []
    ) -> AttributeDefinition {
        AttributeDefinition(
            name, .complex, multiValued: true, description: description,
            subAttributes: [
                AttributeDefinition("value", valueType, caseExact: valueCaseExact, referenceTypes: referenceTypes),
                AttributeDefinition("display"),
                AttributeDefinition("type", canonicalValues: types),
                AttributeDefinition("primary", .boolean),
            ])
    }

    public static let user = Schema(
        id: SCIMURN.user, name: "User", description: "User Account",
        attributes: [
            AttributeDefinition(
                "userName", description: "Unique identifier for the User, typically the login email. Unique per organization without regard to case.",
                required: true, uniqueness: .server),
            AttributeDefinition(
                "name", .complex, description: "The components of the user's real name.",
                subAttributes: [
                    AttributeDefinition("formatted"),
                    AttributeDefinition("familyName"),
                    AttributeDefinition("givenName"),
                    AttributeDefinition("middleName"),
                    AttributeDefinition("honorificPrefix"),
                    AttributeDefinition("honorificSuffix"),
                ]),
            AttributeDefinition("displayName", description: "The name of the User, suitable for display."),
            AttributeDefinition("nickName", description: "The casual way to address the user."),
            AttributeDefinition("profileUrl", .reference, description: "A URI of the user's online profile.", referenceTypes: ["external"]),
            AttributeDefinition("title", description: "The user's title, such as \"Vice President\"."),
            AttributeDefinition("userType", description: "Used to identify the relationship between the organization and the user."),
            AttributeDefinition("preferredLanguage", description: "The user's preferred written or spoken language."),
            AttributeDefinition("locale", description: "The user's default location, e.g. en-US."),
            AttributeDefinition("timezone", description: "The user's time zone in IANA format, e.g. Europe/Zurich."),
            AttributeDefinition("active", .boolean, description: "Whether the member is active. Deactivated members keep their data and use no seat."),
            AttributeDefinition(
                "password", description: "Accepted and discarded: Roster members sign in through single sign-on.",
                mutability: .writeOnly, returned: .never),
            plural("emails", description: "Email addresses for the user.", types: ["work", "home", "other"]),
            plural(
                "phoneNumbers", description: "Phone numbers, written '<country_prefix> <telephone_number>', e.g. '+41 791234567'.",
                types: ["work", "home", "mobile", "fax", "pager", "other"]),
            plural("ims", description: "Instant messaging addresses.", types: ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
            plural("photos", description: "URLs of photos of the user.", valueType: .reference, types: ["photo", "thumbnail"], valueCaseExact: true, referenceTypes: ["external"]),
            AttributeDefinition(
                "addresses", .complex, multiValued: true, description: "Physical mailing addresses.",
                subAttributes: [
                    AttributeDefinition("formatted"),
                    AttributeDefinition("streetAddress"),
                    AttributeDefinition("locality"),
                    AttributeDefinition("region"),
                    AttributeDefinition("postalCode"),
                    AttributeDefinition("country"),
                    AttributeDefinition("type", canonicalValues: ["work", "home", "other"]),
                    AttributeDefinition("primary", .boolean),
                ]),
            AttributeDefinition(
                "groups", .complex, multiValued: true, description: "The teams the member belongs to. Read-only: change it through /Groups.",
                mutability: .readOnly,
                subAttributes: [
                    AttributeDefinition("value", caseExact: true, mutability: .readOnly),
                    AttributeDefinition("$ref", .reference, caseExact: true, mutability: .readOnly, referenceTypes: ["Group"]),
                    AttributeDefinition("display", mutability: .readOnly),
                    AttributeDefinition("type", mutability: .readOnly, canonicalValues: ["direct", "indirect"]),
                ]),
            plural("entitlements", description: "Entitlements of the user.", types: []),
            plural("roles", description: "Roles of the user.", types: []),
            plural("x509Certificates", description: "X.509 certificates of the user.", valueType: .binary, types: [], valueCaseExact: true),
        ])

    public static let enterpriseUser = Schema(
        id: SCIMURN.enterpriseUser, name: "EnterpriseUser", description: "Enterprise User",
        attributes: [
            AttributeDefinition("employeeNumber", description: "Numeric or alphanumeric identifier assigned to a person."),
            AttributeDefinition("costCenter", description: "Name of a cost center."),
            AttributeDefinition("organization", description: "Name of an organization."),
            AttributeDefinition("division", description: "Name of a division."),
            AttributeDefinition("department", description: "Name of a department."),
            AttributeDefinition(
                "manager", .complex, description: "The user's manager.",
                subAttributes: [
                    AttributeDefinition("value", caseExact: true),
                    AttributeDefinition("$ref", .reference, caseExact: true, referenceTypes: ["User"]),
                    AttributeDefinition("displayName", mutability: .readOnly),
                ]),
        ])

    public static let group = Schema(
        id: SCIMURN.group, name: "Group", description: "Group (a Roster team)",
        attributes: [
            AttributeDefinition(
                "displayName", description: "The team's name. Unique per organization without regard to case.",
                required: true, uniqueness: .server),
            AttributeDefinition(
                "members", .complex, multiValued: true, description: "The members of the team.",
                subAttributes: [
                    AttributeDefinition("value", caseExact: true, mutability: .immutable),
                    AttributeDefinition("$ref", .reference, caseExact: true, mutability: .immutable, referenceTypes: ["User"]),
                    AttributeDefinition("display", mutability: .readOnly),
                    AttributeDefinition("type", mutability: .immutable, canonicalValues: ["User"]),
                ]),
        ])

    public static let all = [user, enterpriseUser, group]

    public static func schema(id: String) -> Schema? {
        all.first { $0.id.caseInsensitiveEquals(id) }
    }
}
