extension KeyRegistry {
    /// The console's key map (design notes §13). The order of this table is the order of hint items and help rows.
    ///
    /// Choices worth knowing: Esc always goes back and never quits, `q` goes back and asks before quitting at the
    /// top, Ctrl-C asks to quit from anywhere (lazygit PR #904); destructive keys are shifted (`D`) and confirmed;
    /// no F-keys (terminals, tmux and laptops eat them). Hint priorities: 0 help and back (always shown), 1 the
    /// screen's main actions, 2 its other actions, 3 sort and copy, 4 screen switching, 5 the command line.
    public static let standard = KeyRegistry(bindings: listBindings + detailBindings + screenBindings
        + navigationBindings + globalBindings + promptBindings + confirmBindings + dialogBindings)

    private static let listBindings: [KeyBinding] = [
        KeyBinding([.enter, .right], .open, in: .lists, help: "Open the selected item",
                   hint: .init("open", priority: 1)),
        KeyBinding([char("/")], .filter, in: .lists, help: "Filter this list (Enter applies, Esc cancels)",
                   hint: .init("filter", priority: 1)),
        KeyBinding([char("s")], .cycleSort, in: .lists, help: "Sort by the next column",
                   hint: .init("sort", priority: 3)),
        KeyBinding([char("S")], .reverseSort, in: .lists, help: "Reverse the sort order"),
        KeyBinding([char("y")], .copy, in: .lists, help: "Copy the selected item's id (OSC 52)",
                   hint: .init("copy", priority: 3)),
    ]

    private static let detailBindings: [KeyBinding] = [
        KeyBinding([.enter], .open, in: .detail, help: "Open the focused item (team, member, request)",
                   hint: .init("open", priority: 2)),
        KeyBinding([char("y")], .copy, in: .detail, help: "Copy (id, JSON, or the request as curl)",
                   hint: .init("copy", priority: 3)),
    ]

    private static let screenBindings: [KeyBinding] = [
        KeyBinding([char("n")], .newMember, in: .members, help: "Create a member",
                   hint: .init("new", priority: 1)),
        KeyBinding([char("e")], .editMember, in: .members, help: "Edit the selected member",
                   hint: .init("edit", priority: 1)),
        KeyBinding([char("x")], .toggleMemberActive, in: .members, help: "Deactivate or reactivate the member",
                   hint: .init("(de)activate", priority: 2)),
        KeyBinding([char("D")], .deleteMember, in: .members, help: "Delete the member (asks first)",
                   hint: .init("delete", priority: 2)),

        KeyBinding([char("e")], .editMember, in: .memberDetail, help: "Edit this member",
                   hint: .init("edit", priority: 1)),
        KeyBinding([char("x")], .toggleMemberActive, in: .memberDetail, help: "Deactivate or reactivate this member",
                   hint: .init("(de)activate", priority: 1)),
        KeyBinding([char("D")], .deleteMember, in: .memberDetail, help: "Delete this member (asks first)",
                   hint: .init("delete", priority: 2)),
        KeyBinding([char("m")], .toggleBodyView, in: .memberDetail, help: "Show the raw SCIM JSON or the attributes",
                   hint: .init("json", priority: 3)),
        KeyBinding([.tab], .nextTab, in: .memberDetail, help: "Jump to the next section"),
        KeyBinding([.backTab], .previousTab, in: .memberDetail, help: "Jump to the previous section"),

        KeyBinding([char("n")], .newTeam, in: .teams, help: "Create a team",
                   hint: .init("new", priority: 1)),
        KeyBinding([char("e")], .renameTeam, in: .teams, help: "Rename the selected team",
                   hint: .init("rename", priority: 2)),
        KeyBinding([char("D")], .deleteTeam, in: .teams, help: "Delete the team; its members stay (asks first)",
                   hint: .init("delete", priority: 2)),

        KeyBinding([char("a")], .addTeamMember, in: .teamDetail, help: "Add a member to this team",
                   hint: .init("add member", priority: 1)),
        KeyBinding([char("x")], .removeTeamMember, in: .teamDetail, help: "Remove the selected member from the team",
                   hint: .init("remove", priority: 1)),
        KeyBinding([char("e")], .renameTeam, in: .teamDetail, help: "Rename this team",
                   hint: .init("rename", priority: 2)),
        KeyBinding([char("D")], .deleteTeam, in: .teamDetail, help: "Delete this team; its members stay",
                   hint: .init("delete", priority: 3)),
        KeyBinding([char("m")], .toggleBodyView, in: .teamDetail, help: "Show the raw SCIM JSON or the members",
                   hint: .init("json", priority: 3)),

        KeyBinding([char("p")], .togglePause, in: .requests, help: "Pause or resume the live list",
                   hint: .init("pause", priority: 1)),
        KeyBinding([char("f")], .follow, in: .requests, help: "Jump to the newest request and follow new ones",
                   hint: .init("follow", priority: 1)),
        KeyBinding([char("e")], .toggleErrorsOnly, in: .requests, help: "Show only failed requests (4xx, 5xx)",
                   hint: .init("errors only", priority: 1)),
        KeyBinding([char("c")], .clearRequests, in: .requests, help: "Clear the request buffer (asks first)",
                   hint: .init("clear", priority: 2)),

        KeyBinding([char("n")], .nextItem, in: .requestDetail, help: "Next request without leaving the detail",
                   hint: .init("next/prev", key: "n/N", priority: 1)),
        KeyBinding([char("N")], .previousItem, in: .requestDetail, help: "Previous request"),
        KeyBinding([.tab, .right], .nextTab, in: .requestDetail, help: "Next tab: Summary, Request, Response, SCIM",
                   hint: .init("next tab", priority: 2)),
        KeyBinding([.backTab, .left], .previousTab, in: .requestDetail, help: "Previous tab"),
        KeyBinding([char("m")], .toggleBodyView, in: .requestDetail, help: "Show bodies pretty or raw",
                   hint: .init("pretty/raw", priority: 3)),
        KeyBinding([char("f")], .showAll, in: .requestDetail, help: "Show the whole body, not only its first lines"),

        KeyBinding([char("n")], .newKey, in: .keys, help: "Create an API key (the secret is shown once)",
                   hint: .init("new", priority: 1)),
        KeyBinding([char("r")], .rotateKey, in: .keys, help: "Rotate: new key now, old one retires after a grace",
                   hint: .init("rotate", priority: 1)),
        KeyBinding([char("D")], .revokeKey, in: .keys, help: "Revoke the key now (type its label to confirm)",
                   hint: .init("revoke", priority: 1)),
        KeyBinding([char("y")], .copy, in: .keys, help: "Copy the selected key's prefix",
                   hint: .init("copy prefix", priority: 3)),
    ]

    private static let navigationBindings: [KeyBinding] = [
        KeyBinding([char("j"), .down], .moveDown, in: .navigation, help: "Move down"),
        KeyBinding([char("k"), .up], .moveUp, in: .navigation, help: "Move up"),
        KeyBinding([char("g"), .home], .moveToTop, in: .navigation, help: "Go to the top"),
        KeyBinding([char("G"), .end], .moveToBottom, in: .navigation, help: "Go to the bottom"),
        KeyBinding([.pageDown], .pageDown, in: .navigation, help: "Page down"),
        KeyBinding([.pageUp], .pageUp, in: .navigation, help: "Page up"),
        KeyBinding([.ctrl("d")], .halfPageDown, in: .navigation, help: "Half a page down"),
        KeyBinding([.ctrl("u")], .halfPageUp, in: .navigation, help: "Half a page up"),
    ]

    private static let globalBindings: [KeyBinding] = [
        KeyBinding([char("1")], .showMembers, in: .global, help: "Members screen",
                   hint: .init("screens", key: "1-4", priority: 4)),
        KeyBinding([char("2")], .showTeams, in: .global, help: "Teams screen"),
        KeyBinding([char("3")], .showRequests, in: .global, help: "Requests screen (live)"),
        KeyBinding([char("4")], .showKeys, in: .global, help: "API keys screen"),
        KeyBinding([char("[")], .previousScreen, in: .global, help: "Previous screen"),
        KeyBinding([char("]")], .nextScreen, in: .global, help: "Next screen"),
        KeyBinding([char("?")], .help, in: .global, help: "This help",
                   hint: .init("help", priority: 0)),
        KeyBinding([char(":")], .command, in: .global, help: "Command line (:members, :requests status:5xx, :log, :q)",
                   hint: .init("command", priority: 5)),
        KeyBinding([char("o")], .switchOrganization, in: .global, help: "Switch to another organization"),
        KeyBinding([char("P")], .toggleSimulator, in: .global,
                   help: "Pause or resume the demo's simulated Okta (roster demo)",
                   hint: .init("pause demo", priority: 1)),
        KeyBinding([char("+"), char("=")], .simulatorFaster, in: .global, help: "Simulated Okta: more pushes a second"),
        KeyBinding([char("-")], .simulatorSlower, in: .global, help: "Simulated Okta: fewer pushes a second"),
        KeyBinding([.escape], .back, in: .global, help: "Close popup, cancel, clear filter, or go back; never quits"),
        KeyBinding([char("q")], .backOrQuit, in: .global, help: "Go back; on a top screen, ask to quit",
                   hint: .init("back", priority: 0)),
        KeyBinding([.ctrl("c")], .quit, in: .global, help: "Quit (asks first: quitting stops the SCIM server)"),
        KeyBinding([.ctrl("l")], .redraw, in: .global, help: "Redraw the whole screen"),
    ]

    private static let promptBindings: [KeyBinding] = [
        KeyBinding([.enter], .promptSubmit, in: .prompt, help: "Apply",
                   hint: .init("apply", priority: 0)),
        KeyBinding([.escape, .ctrl("c")], .promptCancel, in: .prompt, help: "Cancel",
                   hint: .init("cancel", priority: 0)),
        KeyBinding([.tab], .promptComplete, in: .prompt, help: "Complete the command or field",
                   hint: .init("complete", priority: 1)),
        KeyBinding([.backspace], .promptDeleteBackward, in: .prompt, help: "Delete the character before the cursor"),
        KeyBinding([.delete], .promptDeleteForward, in: .prompt, help: "Delete the character under the cursor"),
        KeyBinding([.ctrl("w")], .promptDeleteWord, in: .prompt, help: "Delete the word before the cursor"),
        KeyBinding([.ctrl("u")], .promptDeleteToStart, in: .prompt, help: "Delete to the start of the line",
                   hint: .init("clear", priority: 2)),
        KeyBinding([.left], .promptCursorLeft, in: .prompt, help: "Cursor left"),
        KeyBinding([.right], .promptCursorRight, in: .prompt, help: "Cursor right"),
        KeyBinding([.home, .ctrl("a")], .promptCursorStart, in: .prompt, help: "Cursor to the start"),
        KeyBinding([.end, .ctrl("e")], .promptCursorEnd, in: .prompt, help: "Cursor to the end"),
    ]

    private static let confirmBindings: [KeyBinding] = [
        KeyBinding([char("y"), char("Y")], .confirmAccept, in: .confirm, help: "Yes",
                   hint: .init("yes", priority: 0)),
        KeyBinding([char("n"), char("N"), .escape, .enter, .ctrl("c")], .confirmDecline, in: .confirm,
                   help: "No (the default: Enter alone never confirms)",
                   hint: .init("no", priority: 0)),
    ]

    private static let dialogBindings: [KeyBinding] = [
        KeyBinding([.escape, char("q"), char("?")], .dismiss, in: .help, help: "Close the help",
                   hint: .init("close", priority: 0)),
        KeyBinding([.escape, char("q")], .dismiss, in: .messages, help: "Close the messages",
                   hint: .init("close", priority: 0)),
        KeyBinding([char("y")], .copy, in: .messages, help: "Copy every message (OSC 52)",
                   hint: .init("copy all", priority: 1)),
        KeyBinding([.enter], .choose, in: .choice, help: "Choose the highlighted option",
                   hint: .init("choose", priority: 0)),
        KeyBinding([.escape, char("q"), .ctrl("c")], .dismiss, in: .choice, help: "Cancel without choosing",
                   hint: .init("cancel", priority: 0)),
        KeyBinding([char("y")], .copy, in: .secret, help: "Copy the secret to the clipboard (OSC 52)",
                   hint: .init("copy", priority: 0)),
        KeyBinding([.enter, .escape], .dismiss, in: .secret, help: "Close: the secret is not shown again",
                   hint: .init("done", priority: 0)),
    ]

    private static func char(_ character: Character) -> Key {
        .character(character)
    }
}
