import Foundation
import RosterStore
import SCIM

/// Keys: modal first, then the screen's action from the registry; screens, help, command line, back and quit.
extension ConsoleState {
    mutating func handleKey(_ key: Key) -> [ConsoleEffect] {
        guard key != .resize else { return [] }
        guard frame != nil else { return handleKeyWhenTooSmall(key) }
        if let modal = topModal { return handleModalKey(key, modal) }
        guard let action = registry.action(for: key, in: keyContext) else { return [] }
        return perform(action)
    }

    /// Below the minimum size nothing is visible to act on (lazygit#3176): only quitting works, and its question
    /// is drawn under the notice.
    mutating func handleKeyWhenTooSmall(_ key: Key) -> [ConsoleEffect] {
        if case .confirm(let question)? = topModal, question.action == .quit {
            return handleModalKey(key, .confirm(question))
        }
        switch registry.action(for: key, in: .global) {
        case .backOrQuit?, .quit?:
            return requestQuit()
        default:
            return []
        }
    }

    /// Runs a screen action (no modal open).
    mutating func perform(_ action: ConsoleAction) -> [ConsoleEffect] {
        if options.readOnly && action.isMutation {
            showFlash("\(options.glyphs.cross) This console is read-only (--read-only).", level: .error)
            return []
        }
        switch action {
        case .showMembers: return show(.members)
        case .showTeams: return show(.teams)
        case .showRequests: return show(.requests)
        case .showKeys: return show(.keys)
        case .previousScreen: return show(tab.shifted(by: -1))
        case .nextScreen: return show(tab.shifted(by: 1))
        case .help:
            modals.append(.help(HelpState(context: screenContext)))
            return []
        case .command:
            modals.append(.prompt(PromptState(title: ":", purpose: .command)))
            return []
        case .back: return goBack(escape: true)
        case .backOrQuit: return goBack(escape: false)
        case .quit: return requestQuit()
        case .redraw: return [.redraw]
        case .switchOrganization: return openOrganizationSwitcher()
        case .toggleSimulator, .simulatorFaster, .simulatorSlower: return controlSimulator(action)
        default: break
        }
        if let page {
            switch page {
            case .member: return performOnMemberDetail(action)
            case .team: return performOnTeamDetail(action)
            case .request: return performOnRequestDetail(action)
            }
        }
        switch tab {
        case .members: return performOnMembers(action)
        case .teams: return performOnTeams(action)
        case .requests: return performOnRequests(action)
        case .keys: return performOnKeys(action)
        }
    }

    /// Shows a top-level screen; its filter and position are kept (restored when coming back).
    mutating func show(_ target: ConsoleTab) -> [ConsoleEffect] {
        stack = []
        tab = target
        return []
    }

    /// Esc: pop a page, else clear the screen's filter; never quits. `q`: pop a page, else ask to quit.
    mutating func goBack(escape: Bool) -> [ConsoleEffect] {
        if !stack.isEmpty {
            stack.removeLast()
            return []
        }
        guard escape else { return requestQuit() }
        if clearFilter() {
            showFlash("Filter cleared.")
        } else {
            showFlash("Esc goes back and never quits; q quits from here.")
        }
        return []
    }

    /// Clears the current screen's filter; false when it had none.
    mutating func clearFilter() -> Bool {
        if let path = Self.listPath(tab) {
            guard !self[keyPath: path].filterText.isEmpty else { return false }
            self[keyPath: path].filterText = ""
            self[keyPath: path].filter = nil
            self[keyPath: path].list.reset()
            return true
        }
        if tab == .requests, !requests.filterText.isEmpty {
            requests.filterText = ""
            requests.filter = RequestFilter()
            requests.refilter()
            return true
        }
        return false
    }

    /// Quits at once when attached to another process's server; asks first when quitting stops provisioning.
    mutating func requestQuit() -> [ConsoleEffect] {
        guard options.endpoint.ownsServer else { return [.quit] }
        if case .confirm(let question)? = topModal, question.action == .quit { return [] }
        modals.append(.confirm(ConfirmState(
            title: "Quit",
            lines: ["Stop the SCIM server too? Okta provisioning fails while it is down. [y/N]"],
            action: .quit)))
        return []
    }

    /// The organization switcher, or a flash when there is only one organization.
    mutating func openOrganizationSwitcher() -> [ConsoleEffect] {
        guard organizations.count > 1 else {
            showFlash("\(organization.name) is the only organization.")
            return []
        }
        let separator = options.glyphs.separator
        let labels = organizations.map { org in
            "\(org.name)  \(org.plan) \(separator) \(NumberText.grouped(org.activeMembers))/"
                + "\(NumberText.grouped(org.seatLimit)) seats"
        }
        let current = organizations.firstIndex { $0.id == organization.id } ?? 0
        modals.append(.choice(ChoiceState(
            title: "Organization", lines: ["Show another organization's members, teams, requests and keys."],
            options: labels, selected: current, purpose: .organization(ids: organizations.map(\.id)))))
        return []
    }

    /// Shows organization `id`: every screen starts over for it.
    mutating func switchOrganization(to id: String) -> [ConsoleEffect] {
        guard let target = organizations.first(where: { $0.id == id }) else { return [] }
        guard target.id != organization.id else { return [] }
        organization = target
        members = ResourceListState(kind: .user)
        teams = ResourceListState(kind: .group)
        requests = RequestsState()
        keys = KeysState()
        stack = []
        syncViewports()
        showDone("Switched to \(target.name).")
        return []
    }
}
