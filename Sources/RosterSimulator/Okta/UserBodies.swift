import SCIM

/// The User bodies Okta sends: the create body of R3 and the PUT body of R5, which is the server's
/// own representation (from R4) with Okta's mapped profile attributes applied.
enum UserBodies {
    /// R3, in Okta's field order, with the default template's extras (title, phone, enterprise
    /// fields). `password` is Okta's placeholder, sent even with password sync off; `groups` is `[]`.
    static func create(_ person: Person) -> JSONValue {
        var body = JSONObject()
        body["schemas"] = [.string(SCIMURN.user), .string(SCIMURN.enterpriseUser)]
        body["userName"] = .string(person.userName)
        body["name"] = .object(name(of: person, merging: JSONObject()))
        body["emails"] = [primaryEmail(person)]
        body["displayName"] = .string(person.displayName)
        body["locale"] = .string(person.locale)
        body["externalId"] = .string(person.externalId)
        body["groups"] = []
        body["password"] = .string(placeholderPassword(person))
        body["active"] = true
        body["title"] = .string(person.title)
        body["phoneNumbers"] = [primaryPhone(person)]
        body[SCIMURN.enterpriseUser] = .object(enterprise(of: person, merging: JSONObject()))
        return .object(body)
    }

    /// R5: `current` (the GET body, with `id`, `meta`, `groups` and `schemas` echoed as Okta does)
    /// with the profile attributes Okta maps replaced, and `active` as Okta sees the assignment.
    static func replace(_ current: JSONValue, with person: Person, active: Bool) -> JSONValue {
        var body = current.objectValue ?? JSONObject()
        body["userName"] = .string(person.userName)
        body["name"] = .object(name(of: person, merging: body["name"]?.objectValue ?? JSONObject()))
        body["displayName"] = .string(person.displayName)
        body["title"] = .string(person.title)
        body["locale"] = .string(person.locale)
        body["emails"] = .array(replacingPrimary(in: body["emails"], with: primaryEmail(person)))
        body["phoneNumbers"] = .array(replacingPrimary(in: body["phoneNumbers"], with: primaryPhone(person)))
        let extensionObject = body[SCIMURN.enterpriseUser]?.objectValue ?? JSONObject()
        body[SCIMURN.enterpriseUser] = .object(enterprise(of: person, merging: extensionObject))
        var schemas = body["schemas"]?.arrayValue ?? [.string(SCIMURN.user)]
        if !schemas.contains(.string(SCIMURN.enterpriseUser)) { schemas.append(.string(SCIMURN.enterpriseUser)) }
        body["schemas"] = .array(schemas)
        body["active"] = .bool(active)
        return .object(body)
    }

    private static func name(of person: Person, merging current: JSONObject) -> JSONObject {
        var name = current
        name["givenName"] = .string(person.givenName)
        if let middle = person.middleName { name["middleName"] = .string(middle) }
        name["familyName"] = .string(person.familyName)
        return name
    }

    private static func primaryEmail(_ person: Person) -> JSONValue {
        ["primary": true, "value": .string(person.email), "type": "work"]
    }

    /// Okta's default mapping: `primaryPhone` → the primary entry, `type` "work", or `""` with an empty value.
    private static func primaryPhone(_ person: Person) -> JSONValue {
        ["primary": true, "value": .string(person.phone), "type": .string(person.phone.isEmpty ? "" : "work")]
    }

    private static func enterprise(of person: Person, merging current: JSONObject) -> JSONObject {
        var object = current
        object["employeeNumber"] = .string(person.employeeNumber)
        object["department"] = .string(person.department)
        return object
    }

    /// Replaces the primary entry of a multi-valued attribute (or the first, or adds one), keeping the others.
    private static func replacingPrimary(in current: JSONValue?, with entry: JSONValue) -> [JSONValue] {
        var entries = current?.arrayValue ?? []
        let index =
            entries.firstIndex { $0.objectValue?["primary"]?.boolValue == true } ?? (entries.isEmpty ? nil : 0)
        guard let index else { return [entry] }
        var merged = entries[index].objectValue ?? JSONObject()
        for member in entry.objectValue ?? JSONObject() { merged[member.key] = member.value }
        entries[index] = .object(merged)
        return entries
    }

    /// Okta's placeholder password: eight characters derived from the Okta id, never meaningful.
    static func placeholderPassword(_ person: Person) -> String {
        String(person.externalId.suffix(8)).lowercased()
    }
}
