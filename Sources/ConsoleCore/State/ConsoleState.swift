import Foundation
import RosterStore
import SCIM

/// Everything the console shows, as one value: the reducer changes it in response to events and the views draw
/// it, so every screen is a pure function of this state (and tests build states and compare screens).
public struct ConsoleState: Hashable, Sendable {
    public let options: ConsoleOptions
    /// The terminal size; below `FrameLayout.minimumSize` only the too-small notice is drawn.
    public internal(set) var size: TerminalSize
    /// The time of the last event, for relative times ("3m ago") and flash expiry.
    public internal(set) var now: Date
    /// Every organization, for the switcher.
    public internal(set) var organizations: [Organization]
    /// The organization on screen (its seats used are refreshed with `organizations`).
    public internal(set) var organization: Organization
    public internal(set) var tab: ConsoleTab
    /// Detail pages on top of the tab's list, innermost last.
    public internal(set) var stack: [DetailPage]
    /// Open dialogs and overlays, topmost last.
    public internal(set) var modals: [Modal]
    public internal(set) var flash: Flash?
    /// Every flash message of the session, for `:log`.
    public internal(set) var messageLog: MessageLog
    public internal(set) var members: ResourceListState
    public internal(set) var teams: ResourceListState
    public internal(set) var requests: RequestsState
    public internal(set) var keys: KeysState
    /// When organizations and the current list were last refreshed.
    public internal(set) var lastRefresh: Date
    /// When a load last failed: loads pause for a refresh interval after it, so a broken store is not hammered.
    public internal(set) var lastLoadFailure: Date?
    /// The demo's simulated Okta, nil when the console runs without one (anything but `roster demo`).
    public internal(set) var simulator: SimulatorStatus?

    /// The state at start.
    /// - Parameters:
    ///   - firstKey: the key created on a fresh setup; the console opens on the welcome panel that shows it once,
    ///     with the base URL to paste into Okta.
    ///   - simulator: the demo's simulated Okta as it starts, when the console runs with one: the header shows it
    ///     and `P`, `+` and `-` drive it.
    public init(
        organization: Organization, organizations: [Organization]? = nil, options: ConsoleOptions,
        size: TerminalSize, now: Date, firstKey: NewAPIKey? = nil, simulator: SimulatorStatus? = nil
    ) {
        self.options = options
        self.size = size
        self.now = now
        self.organizations = organizations ?? [organization]
        self.organization = organization
        tab = .members
        stack = []
        modals = []
        flash = nil
        messageLog = MessageLog()
        members = ResourceListState(kind: .user)
        teams = ResourceListState(kind: .group)
        requests = RequestsState()
        keys = KeysState()
        lastRefresh = now
        lastLoadFailure = nil
        self.simulator = simulator
        if let firstKey {
            modals = [.secret(SecretState(kind: .welcome(organization: organization.name), secret: firstKey.secret))]
        }
        syncViewports()
    }

    /// The frame for the current size, or nil when the terminal is too small.
    public var frame: FrameLayout? {
        FrameLayout(size: size)
    }

    /// The topmost dialog or overlay.
    public var topModal: Modal? {
        modals.last
    }

    /// The innermost detail page.
    public var page: DetailPage? {
        stack.last
    }

    /// Where keys are looked up now: the open modal's context, else the page's, else the tab's.
    public var keyContext: KeyContext {
        if let modal = topModal { return modal.keyContext }
        if let page { return page.keyContext }
        return tab.keyContext
    }

    /// The context of the screen under any modal (what the help overlay lists).
    public var screenContext: KeyContext {
        page?.keyContext ?? tab.keyContext
    }

    /// The key map (one for every console).
    public var registry: KeyRegistry { .standard }
}
