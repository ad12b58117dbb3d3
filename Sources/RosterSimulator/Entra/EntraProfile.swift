import SCIM

/// The attributes Entra's default user mapping writes (entra-requests.md E6: the work e-mail and
/// phone through filtered paths, `name.*`, `displayName`, `title`, enterprise `employeeNumber` and
/// `department`), as PATCH paths with their source values.
enum EntraProfile {
    typealias Change = (path: String, value: JSONValue)

    static let department = "\(SCIMURN.enterpriseUser):department"
    static let employeeNumber = "\(SCIMURN.enterpriseUser):employeeNumber"
    static let workEmail = #"emails[type eq "work"].value"#
    static let workPhone = #"phoneNumbers[type eq "work"].value"#

    /// Every mapped attribute of `person` whose value differs from the member `current` as read by E5:
    /// what Entra PATCHes after matching an existing member.
    static func differences(_ person: Person, from current: JSONValue) -> [Change] {
        let enterprise = current.member(SCIMURN.enterpriseUser)
        let workEmail = current.member("emails")?.arrayValue?.first { $0.member("type")?.stringValue == "work" }
        let workPhone = current.member("phoneNumbers")?.arrayValue?.first { $0.member("type")?.stringValue == "work" }
        let pairs: [(String, String, JSONValue?)] = [
            ("displayName", person.displayName, current.member("displayName")),
            ("title", person.title, current.member("title")),
            ("name.givenName", person.givenName, current.member("name")?.member("givenName")),
            ("name.familyName", person.familyName, current.member("name")?.member("familyName")),
            (Self.workEmail, person.email, workEmail?.member("value")),
            (Self.workPhone, person.phone, workPhone?.member("value")),
            (Self.employeeNumber, person.employeeNumber, enterprise?.member("employeeNumber")),
            (Self.department, person.department, enterprise?.member("department")),
        ]
        // Entra skips empty source values rather than sending them (MAP).
        return pairs.filter { !$0.1.isEmpty && $0.2?.stringValue != $0.1 }.map { ($0.0, .string($0.1)) }
    }

    /// The paths one source change touches, with the person's new values.
    static func paths(of change: ProfileChange, for person: Person) -> [Change] {
        switch change {
        case .title: [("title", .string(person.title))]
        case .department: [(department, .string(person.department)), ("title", .string(person.title))]
        case .familyName: [("name.familyName", .string(person.familyName)), ("displayName", .string(person.displayName))]
        case .phone: [(workPhone, .string(person.phone))]
        }
    }
}
