import Foundation
import RosterStore
import SCIM

/// A dialog or overlay on top of the screen. While one is open it gets every key; Esc closes it first.
public enum Modal: Hashable, Sendable {
    case help(HelpState)
    /// The message log (`:log`).
    case messages(MessagesState)
    case prompt(PromptState)
    case confirm(ConfirmState)
    case typedConfirm(TypedConfirmState)
    case choice(ChoiceState)
    case secret(SecretState)

    /// Where keys are looked up while the modal is open.
    public var keyContext: KeyContext {
        switch self {
        case .help: return .help
        case .messages: return .messages
        case .prompt, .typedConfirm: return .prompt
        case .confirm: return .confirm
        case .choice: return .choice
        case .secret: return .secret
        }
    }
}

/// The help overlay for the screen it was opened on.
public struct HelpState: Hashable, Sendable {
    /// The context whose bindings are listed (the screen under the overlay).
    public let context: KeyContext
    public internal(set) var scroll: Int

    public init(context: KeyContext) {
        self.context = context
        scroll = 0
    }
}

/// What a one-line text input is for, which decides what Enter does with the text.
public enum PromptPurpose: Hashable, Sendable {
    /// `/` on a list screen.
    case filter(ConsoleTab)
    /// `:`.
    case command
    /// One field of the member form.
    case memberForm(MemberForm)
    /// The label of a new API key.
    case keyLabel
    case newTeamName
    case renameTeam(id: String, expectedVersion: Int?)
    /// `userName` or id of a member to add to the team.
    case addTeamMember(teamID: String)

    /// Whether the prompt is drawn on the flash row (filter, command line) rather than as a dialog.
    public var isInline: Bool {
        switch self {
        case .filter, .command: return true
        default: return false
        }
    }
}

/// A text input with its question.
public struct PromptState: Hashable, Sendable {
    public var title: String
    public var input: TextInput
    public var purpose: PromptPurpose

    public init(title: String, text: String = "", purpose: PromptPurpose) {
        self.title = title
        input = TextInput(text)
        self.purpose = purpose
    }
}

/// What a yes/no question does on yes.
public enum PendingAction: Hashable, Sendable {
    case quit
    case write(ConsoleWrite)
    /// Start editing a member after the "Okta manages this member" warning.
    case editMember(SCIMResource)
    case clearRequests
}

/// A yes/no question; no is the default, and Enter alone answers no.
public struct ConfirmState: Hashable, Sendable {
    public var title: String
    public var lines: [String]
    public var action: PendingAction

    public init(title: String, lines: [String], action: PendingAction) {
        self.title = title
        self.lines = lines
        self.action = action
    }
}

/// The two buttons of a typed confirmation.
public enum DialogButton: Hashable, Sendable {
    case cancel, confirm
}

/// A destructive action confirmed by typing a name (a key's label, a member's userName). Focus starts on Cancel and
/// moves to the action only once the text matches, so Enter alone never confirms (k9s#961).
public struct TypedConfirmState: Hashable, Sendable {
    public var title: String
    public var lines: [String]
    /// What must be typed.
    public var expected: String
    /// The destructive button's label: `Revoke`, `Delete`.
    public var confirmLabel: String
    public var input: TextInput
    public var write: ConsoleWrite

    public init(title: String, lines: [String], expected: String, confirmLabel: String, write: ConsoleWrite) {
        self.title = title
        self.lines = lines
        self.expected = expected
        self.confirmLabel = confirmLabel
        input = TextInput()
        self.write = write
    }

    /// Cancel until the typed text matches exactly.
    public var focus: DialogButton {
        input.text == expected ? .confirm : .cancel
    }
}

/// What a choice list is for.
public enum ChoicePurpose: Hashable, Sendable {
    /// The old key's grace period, one per option.
    case rotateKey(id: String, graces: [TimeInterval])
    /// The new key's lifetime, one per option (nil: never expires).
    case keyExpiry(label: String, lifetimes: [TimeInterval?])
    /// The organization to switch to, one id per option.
    case organization(ids: [String])
}

/// A short list of options; Enter takes the highlighted one.
public struct ChoiceState: Hashable, Sendable {
    public var title: String
    public var lines: [String]
    public var options: [String]
    public internal(set) var selected: Int
    public var purpose: ChoicePurpose

    public init(title: String, lines: [String], options: [String], selected: Int = 0, purpose: ChoicePurpose) {
        self.title = title
        self.lines = lines
        self.options = options
        self.selected = min(max(0, selected), max(0, options.count - 1))
        self.purpose = purpose
    }
}

/// A secret shown once: a new or rotated key, or the first key of a fresh setup with what to paste into Okta.
public struct SecretState: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The welcome panel of a fresh setup.
        case welcome(organization: String)
        case created(APIKey)
        case rotated(APIKey, replaced: APIKeyReplacement)
    }

    public var kind: Kind
    public var secret: String
    /// Set once `y` copied the secret, so the dialog can say so.
    public internal(set) var copied: Bool

    public init(kind: Kind, secret: String) {
        self.kind = kind
        self.secret = secret
        copied = false
    }
}
