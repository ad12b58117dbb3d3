/// What a piece of text *means* on screen. Views draw with roles, never with colours; the `Theme` decides how a
/// role looks (colour, bold, reverse), so a monochrome or light-background terminal changes one map, not the views.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text.
    case normal
    /// The top row: product name, server address, request rate.
    case header
    /// The tab of the current screen.
    case tabActive
    /// The other screen tabs.
    case tabInactive
    /// The screen title row (name, count, filter).
    case title
    /// Table column headings.
    case columnHeader
    /// The selected row.
    case selection
    /// HTTP 1xx/2xx.
    case statusOK
    /// HTTP 3xx.
    case statusRedirect
    /// HTTP 4xx.
    case statusClientError
    /// HTTP 5xx.
    case statusServerError
    /// GET and other safe methods.
    case methodRead
    /// POST, PUT, PATCH, DELETE.
    case methodWrite
    /// The `FOLLOWING` badge of the live request list.
    case badgeFollow
    /// The `PAUSED +N new` badge.
    case badgePaused
    /// The `managed by Okta` badge on members and teams an identity provider owns.
    case badgeManaged
    /// The `[RO]` badge of a read-only console.
    case badgeReadOnly
    /// A transient informational message in the flash row.
    case flashInfo
    /// A transient error message in the flash row.
    case flashError
    /// Secondary text: timestamps, empty-state hints, `never`.
    case dim
    /// The key part of a key hint (`q` in `q back`).
    case keyHint

    /// The role for an HTTP status code, by class.
    public static func httpStatus(_ code: Int) -> StyleRole {
        switch code {
        case 300..<400: return .statusRedirect
        case 400..<500: return .statusClientError
        case 500...: return .statusServerError
        default: return .statusOK
        }
    }

    /// The role for an HTTP method: reads versus writes.
    public static func httpMethod(_ method: String) -> StyleRole {
        switch method.uppercased() {
        case "GET", "HEAD", "OPTIONS": return .methodRead
        default: return .methodWrite
        }
    }
}
