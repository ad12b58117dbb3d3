import Foundation
import RosterStore
import SCIM

/// The API keys screen: new and rotate show the secret once; revoke asks for the label.
extension ConsoleState {
    /// The grace periods offered when rotating: none, an hour, a day (the default), a week.
    static let rotationGraces: [(label: String, seconds: Double)] = [
        ("0: the old key stops working now", 0),
        ("1 hour", 3600),
        ("24 hours", 86_400),
        ("7 days", 604_800),
    ]

    mutating func performOnKeys(_ action: ConsoleAction) -> [ConsoleEffect] {
        if Movement.isMovement(action) {
            Movement.apply(action, to: &keys.selection)
            return []
        }
        let selected = keys.selectedKey
        switch action {
        case .newKey:
            modals.append(.prompt(PromptState(title: "New API key: label (e.g. okta-prod)", purpose: .keyLabel)))
        case .rotateKey:
            guard let key = selected else { return [] }
            guard key.isUsable(at: now) else {
                showFlash("\(options.glyphs.cross) \(key.label) (\(key.prefix)) is \(key.status(at: now).rawValue); "
                          + "n creates a new key.", level: .error)
                return []
            }
            modals.append(.choice(ChoiceState(
                title: "Rotate \"\(key.label)\" (\(key.prefix))",
                lines: ["A new key is created now and shown once. Paste it into Okta;",
                        "meanwhile the old key keeps working for:", ""],
                options: Self.rotationGraces.map(\.label), selected: 2,
                purpose: .rotateKey(id: key.id, graces: Self.rotationGraces.map(\.seconds)))))
        case .revokeKey:
            guard let key = selected else { return [] }
            guard key.revokedAt == nil else {
                showFlash("\(options.glyphs.cross) \(key.label) (\(key.prefix)) is already revoked.", level: .error)
                return []
            }
            let used = key.lastUsedAt.map { "Last used \(RelativeTime.text($0, now: now))." } ?? "Never used."
            modals.append(.typedConfirm(TypedConfirmState(
                title: "Revoke API key",
                lines: ["Revoke \"\(key.label)\" (\(key.prefix))? \(used)",
                        "Okta provisioning fails until Okta is given another key.",
                        "Type the label to confirm:"],
                expected: key.label, confirmLabel: "Revoke", write: .revokeKey(id: key.id))))
        case .copy:
            guard let key = selected else { return [] }
            showDone("Copied the prefix \(key.prefix).")
            return [.copy(key.prefix)]
        default:
            break
        }
        return []
    }
}
