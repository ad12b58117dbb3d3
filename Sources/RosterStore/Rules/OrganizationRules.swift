import Foundation
import SCIM

/// What an organization's settings may be, decided here once for every store.
public enum OrganizationRules {
    /// The name as stored: trimmed, never empty (names are unique without regard to case).
    public static func name(_ raw: String) throws(SCIMError) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SCIMError.invalidValue("An organization needs a name") }
        return trimmed
    }

    /// A seat limit of 0 or more. Lowering it below the active count is allowed: the members past
    /// it stay active, and no one more can be activated until enough are deactivated.
    public static func seatLimit(_ limit: Int) throws(SCIMError) -> Int {
        guard limit >= 0 else { throw SCIMError.invalidValue("The seat limit must be 0 or more, not \(limit)") }
        return limit
    }

    /// `organization` with its name and seat limit checked.
    public static func validated(_ organization: Organization) throws(SCIMError) -> Organization {
        var valid = organization
        valid.name = try name(organization.name)
        valid.seatLimit = try seatLimit(organization.seatLimit)
        return valid
    }
}

extension Organization {
    /// The settings an operator changes, as `organization.updated` events carry them.
    var settingsJSON: JSONObject {
        JSONObject([
            ("id", .string(id)), ("name", .string(name)), ("plan", .string(plan.rawValue)),
            ("seatLimit", .number(Double(seatLimit))), ("phonePolicy", .string(phonePolicy.rawValue)),
        ])
    }
}
