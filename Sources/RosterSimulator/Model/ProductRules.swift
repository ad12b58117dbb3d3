/// The product rules the simulator expects the server to enforce. Against Roster they are the
/// organization's settings; against another server they are what `roster simulate` was told.
public struct ProductRules: Sendable, Hashable {
    /// The most active members; nil expects no limit.
    public var seatLimit: Int?
    /// What a phone outside `+CC NNNNNNN` gets.
    public var phonePolicy: PhonePolicyExpectation

    public init(seatLimit: Int? = nil, phonePolicy: PhonePolicyExpectation = .strict) {
        self.seatLimit = seatLimit
        self.phonePolicy = phonePolicy
    }
}

/// Roster's phone policies, as the simulator expects them to behave.
public enum PhonePolicyExpectation: String, Sendable, Hashable, CaseIterable {
    /// A nonconforming phone is refused with 400 `invalidValue` naming the value (the default).
    case strict
    /// It is stored as sent (and flagged for the operator): the write succeeds.
    case flag
}
