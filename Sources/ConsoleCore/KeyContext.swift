/// Where a key binding applies. A screen looks keys up along its `chain`, most specific first, so a key can mean
/// `new key` on the Keys screen and `next request` in a request's detail without clashing.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    /// Everywhere outside prompts and questions: screens, help, command line, quit, redraw.
    case global
    /// Moving through rows, in lists and detail views.
    case navigation
    /// The member, team and request lists: open, filter, sort, copy. (The API keys list has no detail, filter or
    /// sort, so it does not inherit these and never hints a key that would do nothing.)
    case lists
    /// Every detail view: open the focused item (team, member, request), copy.
    case detail
    case members, memberDetail
    case teams, teamDetail
    case requests, requestDetail
    case keys
    /// A text input (filter, command line, typed confirmation): only editing keys are bound; printable keys are
    /// text, so a letter can never trigger an action while typing (k9s#33).
    case prompt
    /// A yes/no question; the default answer is no.
    case confirm
    /// The help overlay: scrolls, and closes with the keys that opened it or go back.
    case help
    /// The message log (`:log`): every flash message of the session in full; scrolls, copies, closes.
    case messages
    /// A list of options in a dialog (grace period, key expiry, organization).
    case choice
    /// A dialog that shows a secret once (a new API key): copy it, then close.
    case secret

    /// The contexts searched for a key in this one, most specific first.
    public var chain: [KeyContext] {
        switch self {
        case .global, .navigation, .prompt, .confirm, .secret:
            return [self]
        case .help, .choice, .messages:
            return [self, .navigation]
        case .lists, .detail, .keys:
            return [self, .navigation, .global]
        case .members, .teams, .requests:
            return [self, .lists, .navigation, .global]
        case .memberDetail, .teamDetail, .requestDetail:
            return [self, .detail, .navigation, .global]
        }
    }

    /// The heading of this context's section in the help overlay.
    public var title: String {
        switch self {
        case .global: return "Global"
        case .navigation: return "Navigation"
        case .lists: return "Lists"
        case .detail: return "Detail"
        case .members: return "Members"
        case .memberDetail: return "Member"
        case .teams: return "Teams"
        case .teamDetail: return "Team"
        case .requests: return "Requests"
        case .requestDetail: return "Request"
        case .keys: return "API Keys"
        case .prompt: return "Text input"
        case .confirm: return "Question"
        case .help: return "Help"
        case .messages: return "Messages"
        case .choice: return "Choice"
        case .secret: return "Secret"
        }
    }
}
