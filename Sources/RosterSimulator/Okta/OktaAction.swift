import Foundation

/// What an Okta admin (or Okta on its own) does; each becomes the requests of okta-requests.md §3.
public enum OktaAction: Sendable, Hashable {
    /// Test API Credentials: R1 (two list requests).
    case testCredentials
    /// Import User Schema: R17.
    case discoverSchema
    /// Import users: R7 pages of 100 until `totalResults`.
    case importUsers
    /// Import groups: R10 pages of 100.
    case importGroups
    /// Assign a person to the app: R2, then R3 (not found) or R4 + R5 (found: link).
    case assign(person: Int)
    /// Change an Okta profile attribute: R4 + R5 for a provisioned person.
    case updateProfile(person: Int, ProfileChange)
    /// Unassign / deactivate in Okta: R6 `active:false`.
    case deactivate(person: Int)
    /// Reactivate and reassign: R2 (finds the inactive member) + R6 `active:true`.
    case reactivate(person: Int)
    /// The admin fixes a refused phone in Okta, then retries the failed task.
    case fixPhone(person: Int)
    /// "Retry Selected" in Dashboard › Tasks for a person's failed task.
    case retry(person: Int)
    /// Push an Okta group: R8 (or R9 when a team of that name exists), R12, R13 with its members.
    case pushGroup(key: String)
    /// Create a group in Okta with these people and push it.
    case newGroup(name: String, members: [Int])
    /// Rename in Okta: R12 for a pushed group.
    case renameGroup(key: String, to: String)
    /// Membership change in Okta: R12 + R13 (removes first, then one add).
    case changeMembers(key: String, add: [Int], remove: [Int])
    /// Push Now: R12 + R14 with the whole member set; `emptied` first removes everyone in Okta,
    /// so Okta pushes `"value": []`.
    case pushNow(key: String, emptied: Bool = false)
    /// Unlink the pushed group choosing "Delete the group in the target app": R16.
    case deleteGroup(key: String)
    /// Does the group still exist? R11 (200 while pushed, 404 after deletion).
    case checkGroup(key: String)
}

/// A change an admin makes to an Okta profile.
public enum ProfileChange: Sendable, Hashable {
    case title(String)
    /// A move to another department, with its new title.
    case department(String, title: String)
    /// A new family name (marriage), often a long double name.
    case familyName(String)
    /// A new primary phone, in the given format.
    case phone(String, PhoneFormat)

    func apply(to person: inout Person) {
        switch self {
        case .title(let title):
            person.title = title
        case .department(let department, let title):
            person.department = department
            person.title = title
        case .familyName(let family):
            person.displayName = person.displayName.replacingLastOccurrence(of: person.familyName, with: family)
            person.familyName = family
        case .phone(let phone, let format):
            person.phone = phone
            person.phoneFormat = format
        }
    }

    var summary: String {
        switch self {
        case .title(let title): "title → \(title)"
        case .department(let department, let title): "moves to \(department) as \(title)"
        case .familyName(let family): "family name → \(family)"
        case .phone(let phone, _): "phone → \(phone)"
        }
    }
}

extension String {
    func replacingLastOccurrence(of target: String, with replacement: String) -> String {
        guard !target.isEmpty, let range = range(of: target, options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
