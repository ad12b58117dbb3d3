import SCIM

/// Who made a change: a SCIM client (Okta, Entra…) or an operator. Recorded with every change
/// event and audit entry, and used to badge members and teams that a provisioning client manages.
public enum ChangeActor: Sendable, Hashable, CustomStringConvertible {
    /// A SCIM request: `client` is a short name derived from the User-Agent (`Okta`, `Entra ID`),
    /// `keyLabel` the label of the API key it presented (which customer's IdP it is).
    case scim(client: String, keyLabel: String)
    /// An operator in the console; `name` is the local user when known.
    case console(operator: String)
    /// An operator's command line (`roster keys`, `roster org`, `roster seed`…), or Roster itself
    /// on the first start; `user` is the local user.
    case cli(user: String)

    /// What the store records as the creator of a member or team this actor creates.
    public var origin: ResourceOrigin {
        switch self {
        case .scim: .scim
        case .console, .cli: .console
        }
    }

    /// Whether the change is an operator's, which the audit log records (SCIM changes are in the
    /// request log and the change feed).
    public var isOperator: Bool {
        if case .scim = self { return false }
        return true
    }

    /// `scim:<key label>`, `console:<user>` or `cli:<user>`, as events and audit entries name it.
    public var description: String {
        switch self {
        case .scim(_, let keyLabel): "scim:\(keyLabel)"
        case .console(let name): "console:\(name)"
        case .cli(let user): "cli:\(user)"
        }
    }
}
