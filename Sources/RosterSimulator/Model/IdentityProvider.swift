/// Which identity provider the simulator plays: Okta (the default) or Microsoft Entra ID.
public enum IdentityProvider: String, Sendable, Hashable, CaseIterable {
    case okta
    case entra

    /// How summaries name it.
    public var displayName: String {
        switch self {
        case .okta: "Okta"
        case .entra: "Entra ID"
        }
    }
}
