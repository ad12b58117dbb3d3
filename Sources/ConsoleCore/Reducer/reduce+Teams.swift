import Foundation
import RosterStore
import SCIM

/// The Teams screen and a team's detail.
extension ConsoleState {
    mutating func performOnTeams(_ action: ConsoleAction) -> [ConsoleEffect] {
        if Movement.isMovement(action) {
            Movement.apply(action, to: &teams.list)
            return []
        }
        let selected = teams.list.selectedItem?.row
        switch action {
        case .open:
            guard let selected else { return [] }
            return openTeam(id: selected.id, team: selected)
        case .filter:
            openFilterPrompt(.teams)
        case .cycleSort:
            teams.sort.cycle()
            teams.list.reset()
        case .reverseSort:
            teams.sort.reverse()
            teams.list.reset()
        case .copy:
            guard let selected else { return [] }
            showDone("Copied the id of team \(selected.displayName ?? selected.id).")
            return [.copy(selected.id)]
        case .newTeam:
            modals.append(.prompt(PromptState(title: "New team: name", purpose: .newTeamName)))
        case .renameTeam:
            guard let selected else { return [] }
            openRename(selected)
        case .deleteTeam:
            guard let selected else { return [] }
            confirmDeleteTeam(selected)
        default:
            break
        }
        return []
    }

    mutating func performOnTeamDetail(_ action: ConsoleAction) -> [ConsoleEffect] {
        guard var detail = teamDetail else { return [] }
        if Movement.isMovement(action) {
            if detail.showJSON {
                let count = teamJSONDocument(detail).count
                Movement.apply(action, to: &detail.cursor, lineCount: count, viewport: teamViewport(detail))
            } else {
                Movement.apply(action, to: &detail.members)
            }
            teamDetail = detail
            return []
        }
        let selected = detail.showJSON ? nil : detail.members.selectedItem?.row
        switch action {
        case .open:
            guard let selected else { return [] }
            return openMember(id: selected.value, member: nil)
        case .toggleBodyView:
            detail.showJSON.toggle()
            detail.cursor = DocumentCursor()
            teamDetail = detail
        case .copy:
            if detail.showJSON, let team = detail.team {
                showDone("Copied the SCIM JSON of team \(team.displayName ?? team.id).")
                return [.copy(TeamDocument.json(team, options: options))]
            }
            guard let selected else { return [] }
            showDone("Copied the id of \(selected.display ?? selected.value).")
            return [.copy(selected.value)]
        case .addTeamMember:
            let name = detail.team?.displayName ?? detail.id
            modals.append(.prompt(PromptState(
                title: "Add to \(name): userName or id", purpose: .addTeamMember(teamID: detail.id))))
        case .removeTeamMember:
            guard let selected else { return [] }
            let who = selected.display ?? selected.value
            let name = detail.team?.displayName ?? detail.id
            var lines = ["Remove \(who) from \(name)? The member stays in the organization."]
            if let provisioning = detail.team?.provisioning {
                lines.append("\(provisioning.client) pushes this team: its next push may add the member back.")
            }
            lines.append("Remove? [y/N]")
            modals.append(.confirm(ConfirmState(
                title: "Remove from team", lines: lines,
                action: .write(.removeTeamMember(teamID: detail.id, memberID: selected.value, display: who)))))
        case .renameTeam:
            guard let team = detail.team else { return [] }
            openRename(team)
        case .deleteTeam:
            guard let team = detail.team else { return [] }
            confirmDeleteTeam(team)
        default:
            break
        }
        return []
    }

    /// Pushes a team's detail and loads it; its first page of members follows from the demand.
    mutating func openTeam(id: String, team: SCIMResource?) -> [ConsoleEffect] {
        var detail = TeamDetailState(id: id, team: team)
        detail.members.resize(viewportHeight: teamViewport(detail))
        stack.append(.team(detail))
        return [.loadTeam(organizationID: organization.id, id: id)]
    }

    mutating func openRename(_ team: SCIMResource) {
        var title = "Rename team"
        if let provisioning = team.provisioning {
            title += " (\(provisioning.client) pushes this team; its next push may rename it back)"
        }
        modals.append(.prompt(PromptState(
            title: title, text: team.displayName ?? "",
            purpose: .renameTeam(id: team.id, expectedVersion: team.meta.version))))
    }

    /// Deleting a team keeps its members, so a yes/no question is enough.
    mutating func confirmDeleteTeam(_ team: SCIMResource) {
        let name = team.displayName ?? team.id
        let count = team.memberCount.map { "Its \(NumberText.grouped($0)) members stay" } ?? "Its members stay"
        var lines = ["Delete team \(name)? \(count); only the team goes."]
        if let provisioning = team.provisioning {
            lines.append("\(provisioning.client) pushes this team: its next push may create it again.")
        }
        lines.append("Delete? [y/N]")
        modals.append(.confirm(ConfirmState(
            title: "Delete team", lines: lines, action: .write(.deleteTeam(id: team.id, name: name)))))
    }
}
