import Foundation
import RosterStore
import SCIM

/// The Members screen and a member's detail.
extension ConsoleState {
    mutating func performOnMembers(_ action: ConsoleAction) -> [ConsoleEffect] {
        if Movement.isMovement(action) {
            Movement.apply(action, to: &members.list)
            return []
        }
        let selected = members.list.selectedItem?.row
        switch action {
        case .open:
            guard let selected else { return [] }
            return openMember(id: selected.id, member: selected)
        case .filter:
            openFilterPrompt(.members)
        case .cycleSort:
            members.sort.cycle()
            members.list.reset()
        case .reverseSort:
            members.sort.reverse()
            members.list.reset()
        case .copy:
            guard let selected else { return [] }
            showDone("Copied the id of \(selected.userName ?? selected.id).")
            return [.copy(selected.id)]
        case .newMember:
            startMemberForm(.create())
        case .editMember:
            guard let selected else { return [] }
            return editMember(selected)
        case .toggleMemberActive:
            guard let selected else { return [] }
            return toggleActive(selected)
        case .deleteMember:
            guard let selected else { return [] }
            confirmDelete(selected)
        default:
            break
        }
        return []
    }

    mutating func performOnMemberDetail(_ action: ConsoleAction) -> [ConsoleEffect] {
        guard var detail = memberDetail else { return [] }
        let lines = memberDocument(detail)
        if Movement.isMovement(action) {
            Movement.apply(action, to: &detail.cursor, lineCount: lines.count, viewport: memberViewport)
            memberDetail = detail
            return []
        }
        switch action {
        case .nextTab, .previousTab:
            let target = Movement.heading(after: detail.cursor.line, in: lines, forward: action == .nextTab)
            if let target {
                detail.cursor.move(to: target, lineCount: lines.count, viewport: memberViewport)
                memberDetail = detail
            }
        case .open:
            guard lines.indices.contains(detail.cursor.line), let link = lines[detail.cursor.line].link else {
                return []
            }
            switch link {
            case .team(let id): return openTeam(id: id, team: nil)
            case .member(let id): return openMember(id: id, member: nil)
            case .request(let index):
                guard let requests = detail.requests, requests.indices.contains(index) else { return [] }
                stack.append(.request(RequestDetailState(entries: requests, index: index)))
            }
        case .toggleBodyView:
            detail.showJSON.toggle()
            detail.cursor = DocumentCursor()
            memberDetail = detail
        case .copy:
            guard let member = detail.member else { return [] }
            if detail.showJSON {
                showDone("Copied the SCIM JSON of \(member.userName ?? member.id).")
                return [.copy(JSONWriter(pretty: true).string(.object(member.json(baseURL: options.endpoint.baseURL ?? ""))))]
            }
            showDone("Copied the id of \(member.userName ?? member.id).")
            return [.copy(member.id)]
        case .editMember:
            guard let member = detail.member else { return [] }
            return editMember(member)
        case .toggleMemberActive:
            guard let member = detail.member else { return [] }
            return toggleActive(member)
        case .deleteMember:
            guard let member = detail.member else { return [] }
            confirmDelete(member)
        default:
            break
        }
        return []
    }

    /// Pushes a member's detail and loads it with the requests that touched it.
    mutating func openMember(id: String, member: SCIMResource?) -> [ConsoleEffect] {
        stack.append(.member(MemberDetailState(id: id, member: member)))
        return [
            .loadMember(organizationID: organization.id, id: id),
            .loadRequestLog(RequestLogQuery(organizationID: organization.id, resourceID: id, limit: 20)),
        ]
    }

    /// The warning every change to a member a provisioning client manages carries (nil when none does).
    func managedWarning(_ member: SCIMResource) -> String? {
        guard let provisioning = member.provisioning else { return nil }
        let next = provisioning == .scimClient ? "its" : provisioning.whose
        return "\(provisioning.client) manages \(member.userName ?? member.id) (\(Provisioning.evidence(member))): "
            + "\(next) next push may overwrite this change."
    }

    /// `e`: the edit form, after a warning when Okta manages the member.
    mutating func editMember(_ member: SCIMResource) -> [ConsoleEffect] {
        if let warning = managedWarning(member) {
            modals.append(.confirm(ConfirmState(
                title: "Edit member", lines: [warning, "Edit anyway? [y/N]"],
                action: .editMember(member))))
        } else {
            startMemberForm(.edit(member))
        }
        return []
    }

    /// `x`: deactivate or reactivate; reversible, so asked only when Okta manages the member.
    mutating func toggleActive(_ member: SCIMResource) -> [ConsoleEffect] {
        let change = ConsoleWrite.setMemberActive(
            id: member.id, userName: member.userName ?? member.id, active: !member.active)
        guard let warning = managedWarning(member) else { return [write(change)] }
        let verb = member.active ? "Deactivate" : "Reactivate"
        modals.append(.confirm(ConfirmState(
            title: "\(verb) member", lines: [warning, "\(verb) anyway? [y/N]"],
            action: .write(change))))
        return []
    }

    /// `D`: deleting loses the member for good, so the userName must be typed.
    mutating func confirmDelete(_ member: SCIMResource) {
        let userName = member.userName ?? member.id
        var lines = ["Delete \(userName) for good? Their team memberships go too.",
                     "Deactivating (x) keeps the member and frees the seat as well."]
        if let warning = managedWarning(member) { lines.append(warning) }
        lines.append("Type the userName to confirm:")
        modals.append(.typedConfirm(TypedConfirmState(
            title: "Delete member", lines: lines, expected: userName, confirmLabel: "Delete",
            write: .deleteMember(id: member.id, userName: userName))))
    }
}
