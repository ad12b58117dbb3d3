import Foundation
import RosterStore
import SCIM

/// A write succeeded: say so, update what shows it, and reload what it changed.
extension ConsoleState {
    mutating func writeSucceeded(_ write: ConsoleWrite, _ outcome: WriteOutcome) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        switch (write, outcome) {
        case (.createMember, .member(let member)):
            showDone("Created member \(member.userName ?? member.id).")
            members.list.reset()
            effects.append(.loadOrganizations)
        case (.replaceMember, .member(let member)), (.setMemberActive, .member(let member)):
            updateMemberPages(id: member.id) { $0.member = member }
            if case .setMemberActive(_, _, let active) = write {
                showDone("\(active ? "Reactivated" : "Deactivated") \(member.userName ?? member.id).")
            } else {
                showDone("Saved \(member.userName ?? member.id).")
            }
            effects.append(.loadOrganizations)
            effects += refreshList(.members)
        case (.deleteMember(let id, let userName), _):
            stack.removeAll { if case .member(let detail) = $0 { return detail.id == id } else { return false } }
            showDone("Deleted member \(userName).")
            effects.append(.loadOrganizations)
            effects += refreshList(.members)
        case (.createTeam, .team(let team, _)):
            showDone("Created team \(team.displayName ?? team.id).")
            teams.list.reset()
        case (.renameTeam, .team(let team, _)):
            updateTeamPages(id: team.id) { $0.team = team }
            showDone("Renamed the team to \(team.displayName ?? team.id).")
            effects += refreshList(.teams)
        case (.deleteTeam(let id, let name), _):
            stack.removeAll { if case .team(let detail) = $0 { return detail.id == id } else { return false } }
            showDone("Deleted team \(name); its members stay.")
            effects += refreshList(.teams)
        case (.addTeamMember, .teamMemberAdded(let team, let member)):
            showDone("Added \(member.display ?? member.value) to \(team.displayName ?? team.id).")
            effects += teamChanged(team)
        case (.removeTeamMember(_, _, let display), .team(let team, _)):
            showDone("Removed \(display) from \(team.displayName ?? team.id).")
            effects += teamChanged(team)
        case (.createKey, .key(let new, _)):
            modals.append(.secret(SecretState(kind: .created(new.key), secret: new.secret)))
            effects += refreshKeys()
        case (.rotateKey, .key(let new, let replaced)):
            let replacement = replaced ?? APIKeyReplacement(prefix: "", grace: 0)
            modals.append(.secret(SecretState(kind: .rotated(new.key, replaced: replacement), secret: new.secret)))
            effects += refreshKeys()
        case (.revokeKey, _):
            showDone("Revoked the key: requests with it now get 401.")
            effects += refreshKeys()
        default:
            showDone("Done: \(write.description).")
        }
        return effects + refreshOnView(force: true)
    }

    /// A team's new state after a membership change: its pages show it and reload their member pages.
    private mutating func teamChanged(_ team: SCIMResource) -> [ConsoleEffect] {
        updateTeamPages(id: team.id) { detail in
            detail.team = team
            if let count = team.memberCount, detail.members.isLoaded {
                detail.members.apply(start: detail.members.loadedStart, items: detail.members.items, total: count)
            }
        }
        return refreshList(.teams)
    }

    /// Reloads a resource list that is not on view (the one on view is refreshed by `refreshOnView`).
    private mutating func refreshList(_ target: ConsoleTab) -> [ConsoleEffect] {
        guard let path = Self.listPath(target), page != nil || tab != target,
            self[keyPath: path].list.isLoaded, let window = self[keyPath: path].list.refreshWindow()
        else { return [] }
        let query = self[keyPath: path].query(for: window)
        return [target == .members ? .loadMembers(organizationID: organization.id, query: query)
                                   : .loadTeams(organizationID: organization.id, query: query)]
    }

    private mutating func refreshKeys() -> [ConsoleEffect] {
        guard tab != .keys || page != nil else { return [] }
        keys.isLoading = true
        return [.loadKeys(organizationID: organization.id)]
    }
}
