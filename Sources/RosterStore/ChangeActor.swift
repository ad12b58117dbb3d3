import SCIM

/// Who made a change: a SCIM client (Okta, Entra…) or an operator. Recorded in the audit log and
/// used to badge members and teams that a provisioning client manages.
public enum ChangeActor: Sendable, Hashable, CustomStringConvertible {
    /// A SCIM request; `client` is a short name derived from the User-Agent (`Okta`, `Entra ID`).
    case scim(client: String)
    /// An operator in the console or CLI; `name` is the local user when known.
    case console(operator: String)

    /// What the store records as the creator of a member or team this actor creates.
    public var origin: ResourceOrigin {
        switch self {
        case .scim: .scim
        case .console: .console
        }
    }

    public var description: String {
        switch self {
        case .scim(let client): "scim:\(client)"
        case .console(let name): "console:\(name)"
        }
    }
}
