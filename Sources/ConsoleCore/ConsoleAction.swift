/// Everything a key can ask the console to do. The key registry maps keys to these per context; the reducer
/// interprets them. Naming an action once lets help, hints and (later) remapping all come from one table.
public enum ConsoleAction: String, CaseIterable, Hashable, Sendable {
    // Screens
    case showMembers, showTeams, showRequests, showKeys
    case previousScreen, nextScreen
    // Movement in lists and detail views
    case moveUp, moveDown, moveToTop, moveToBottom
    case pageUp, pageDown, halfPageUp, halfPageDown
    // Drilling in and out
    case open
    /// Close popup → cancel prompt → clear filter → go back; never quits (lazygit PR #904).
    case back
    /// `q`: back; at the top level, ask whether to quit.
    case backOrQuit
    /// Ctrl-C: ask whether to quit from anywhere.
    case quit
    case nextTab, previousTab
    case nextItem, previousItem
    /// Show a body the detail view cut off after its first lines (mitmproxy's "Press f to load all data").
    case showAll
    // Lists
    case filter, cycleSort, reverseSort, copy
    // Global
    case help, command, redraw
    /// Open the organization switcher (when there are several organizations).
    case switchOrganization
    // The demo's simulated Okta (`roster demo` only)
    case toggleSimulator, simulatorFaster, simulatorSlower
    // Requests
    case togglePause, follow, toggleErrorsOnly, clearRequests
    // Detail
    case toggleBodyView
    // Members
    case newMember, editMember, toggleMemberActive, deleteMember
    // Teams
    case newTeam, renameTeam, deleteTeam, addTeamMember, removeTeamMember
    // API keys
    case newKey, rotateKey, revokeKey
    // Prompt editing (text inputs are modal: every printable key is text there)
    case promptSubmit, promptCancel, promptComplete
    case promptDeleteBackward, promptDeleteForward, promptDeleteWord, promptDeleteToStart
    case promptCursorLeft, promptCursorRight, promptCursorStart, promptCursorEnd
    // Yes/no questions
    case confirmAccept, confirmDecline
    // Dialogs: choose the highlighted option; close a dialog or overlay without choosing
    case choose, dismiss

    /// Whether the action changes stored data; a `--read-only` console hides these from hints and help and
    /// refuses them.
    public var isMutation: Bool {
        switch self {
        case .newMember, .editMember, .toggleMemberActive, .deleteMember,
            .newTeam, .renameTeam, .deleteTeam, .addTeamMember, .removeTeamMember,
            .newKey, .rotateKey, .revokeKey:
            return true
        default:
            return false
        }
    }

    /// Whether the action drives the demo's simulated Okta; a console without one hides these from hints and help.
    public var needsSimulator: Bool {
        switch self {
        case .toggleSimulator, .simulatorFaster, .simulatorSlower: return true
        default: return false
        }
    }

    /// Whether the action is offered in a console that is `readOnly` and has (or lacks) a `simulator`.
    public func isAvailable(readOnly: Bool, simulator: Bool) -> Bool {
        !(readOnly && isMutation) && (simulator || !needsSimulator)
    }
}
