import SCIM

/// Why Roster refused a SCIM request, as the `reason` label of `roster_scim_refusals_total`: the refusals an
/// operator acts on (raise seats, fix the phone policy, paste a new key, change the plan, slow the client down).
enum RefusalReason: String, CaseIterable, Sendable {
    case seatLimit = "seat_limit"
    case phone
    case auth
    case plan
    case rateLimit = "rate_limit"

    /// The reason of a refusal, read from the SCIM error Roster answered with; nil for every other error (a bad
    /// filter, a conflict), which the per-route status classes count instead.
    init?(_ error: SCIMError) {
        let detail = error.detail
        switch error.status {
        case 401: self = .auth
        case 403 where detail.hasPrefix("Seat limit reached"): self = .seatLimit
        case 403 where detail.hasPrefix("SCIM provisioning requires the Enterprise plan"): self = .plan
        case 400 where error.scimType == .invalidValue && detail.contains("is not a valid phone number"): self = .phone
        case 429: self = .rateLimit
        default: return nil
        }
    }
}
