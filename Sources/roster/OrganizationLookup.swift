import RosterStore
import SCIM

extension Store {
    /// The organization whose id or name (without regard to case) is `idOrName`.
    func organization(named idOrName: String) async throws -> Organization {
        let all = try await organizations()
        if let match = all.first(where: { $0.id == idOrName }) ?? all.first(where: { CaseFolding.key($0.name) == CaseFolding.key(idOrName) }) {
            return match
        }
        let known = all.map(\.name).joined(separator: ", ")
        throw CLIError("no organization '\(idOrName)'\(known.isEmpty ? "" : " (known: \(known))")")
    }

    /// The key whose id or visible prefix is `idOrPrefix`.
    func apiKey(named idOrPrefix: String) async throws -> APIKey {
        guard let key = try await apiKey(idOrPrefix: idOrPrefix) else {
            throw CLIError("no API key '\(idOrPrefix)': give a key id (roster keys list --json) or its prefix (rst_…)")
        }
        return key
    }
}
