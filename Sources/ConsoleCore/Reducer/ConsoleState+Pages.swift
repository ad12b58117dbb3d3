import SCIM

/// Typed access to the innermost detail page: reading gives nil when another kind of page (or none) is on top;
/// writing replaces the top page, so `state.memberDetail?.showJSON.toggle()` reads as it should.
extension ConsoleState {
    var memberDetail: MemberDetailState? {
        get {
            if case .member(let detail)? = stack.last { return detail }
            return nil
        }
        set {
            guard let newValue, case .member? = stack.last else { return }
            stack[stack.count - 1] = .member(newValue)
        }
    }

    var teamDetail: TeamDetailState? {
        get {
            if case .team(let detail)? = stack.last { return detail }
            return nil
        }
        set {
            guard let newValue, case .team? = stack.last else { return }
            stack[stack.count - 1] = .team(newValue)
        }
    }

    var requestDetail: RequestDetailState? {
        get {
            if case .request(let detail)? = stack.last { return detail }
            return nil
        }
        set {
            guard let newValue, case .request? = stack.last else { return }
            stack[stack.count - 1] = .request(newValue)
        }
    }

    /// Applies `change` to every member page about `id`, wherever it is in the stack.
    mutating func updateMemberPages(id: String, _ change: (inout MemberDetailState) -> Void) {
        for index in stack.indices {
            guard case .member(var detail) = stack[index], detail.id == id else { continue }
            change(&detail)
            stack[index] = .member(detail)
        }
    }

    /// Applies `change` to every team page about `id`, wherever it is in the stack.
    mutating func updateTeamPages(id: String, _ change: (inout TeamDetailState) -> Void) {
        for index in stack.indices {
            guard case .team(var detail) = stack[index], detail.id == id else { continue }
            change(&detail)
            stack[index] = .team(detail)
        }
    }

    /// Replaces the topmost modal.
    mutating func replaceTopModal(_ modal: Modal) {
        guard !modals.isEmpty else { return }
        modals[modals.count - 1] = modal
    }

    /// The list state of a resource screen.
    static func listPath(_ tab: ConsoleTab) -> WritableKeyPath<ConsoleState, ResourceListState>? {
        switch tab {
        case .members: return \.members
        case .teams: return \.teams
        case .requests, .keys: return nil
        }
    }
}
