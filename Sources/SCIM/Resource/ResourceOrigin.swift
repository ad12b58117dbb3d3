/// Who created a stored member or team. A resource a SCIM client created is that client's to manage
/// (its next push may overwrite a change made elsewhere), even when it carries no `externalId`.
public enum ResourceOrigin: String, Sendable, Hashable, CaseIterable {
    /// A SCIM request: a provisioning client such as Okta or Entra ID.
    case scim
    /// An operator, in the console or the CLI.
    case console
}
