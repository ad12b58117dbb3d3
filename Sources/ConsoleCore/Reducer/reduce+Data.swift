import Foundation
import RosterStore
import SCIM

/// Loads: what the screen on view still needs, periodic refreshes, and loaded data coming back.
extension ConsoleState {
    /// Seconds between refreshes of the organization (seats) and the list on view.
    static let refreshInterval: TimeInterval = 5
    /// How many of a member's requests its detail shows.
    static let memberRequestCount = 20

    /// The loads the screen on view needs now: the page under the viewport, a screen's first load, older
    /// requests when the selection nears the end of the buffer.
    mutating func demandLoads() -> [ConsoleEffect] {
        guard frame != nil else { return [] }
        if let failure = lastLoadFailure, now.timeIntervalSince(failure) < Self.refreshInterval { return [] }
        let org = organization.id
        if let page {
            guard case .team(var detail) = page, !detail.showJSON,
                let window = detail.members.requestWindow()
            else { return [] }
            teamDetail = detail
            return [.loadTeamMembers(organizationID: org, teamID: detail.id, offset: window.lowerBound, limit: window.count)]
        }
        switch tab {
        case .members:
            guard let window = members.list.requestWindow() else { return [] }
            return [.loadMembers(organizationID: org, query: members.query(for: window))]
        case .teams:
            guard let window = teams.list.requestWindow() else { return [] }
            return [.loadTeams(organizationID: org, query: teams.query(for: window))]
        case .requests:
            guard requests.pendingLoad == nil, !requests.paused else { return [] }
            var query = RequestLogQuery(organizationID: org, errorsOnly: requests.errorsOnly, limit: RequestsState.pageSize)
            if requests.isLoaded {
                let nearEnd = (requests.selection.selectedIndex ?? 0) + listViewport >= requests.visible.count
                guard nearEnd, !requests.reachedOldest, requests.entries.count < RequestsState.capacity,
                    let oldest = requests.entries.last
                else { return [] }
                query.beforeID = oldest.id
            }
            requests.pendingLoad = query
            return [.loadRequestLog(query)]
        case .keys:
            guard !keys.isLoaded, !keys.isLoading else { return [] }
            keys.isLoading = true
            return [.loadKeys(organizationID: org)]
        }
    }

    /// Expires the flash; every `refreshInterval`, reloads the organization and what is on view.
    mutating func tick() -> [ConsoleEffect] {
        if let flash, now >= flash.expires { self.flash = nil }
        guard now.timeIntervalSince(lastRefresh) >= Self.refreshInterval, frame != nil else { return [] }
        lastRefresh = now
        return [.loadOrganizations] + refreshOnView(force: false)
    }

    /// Reloads what the screen on view shows; `force` also replaces a load on its way (after a write, whose
    /// result the older load may not include).
    mutating func refreshOnView(force: Bool) -> [ConsoleEffect] {
        let org = organization.id
        if let page {
            switch page {
            case .member(let detail):
                return [.loadMember(organizationID: org, id: detail.id)]
            case .team(var detail):
                var effects: [ConsoleEffect] = [.loadTeam(organizationID: org, id: detail.id)]
                if detail.members.isLoaded, force || detail.members.pending == nil,
                    let window = detail.members.refreshWindow() {
                    effects.append(.loadTeamMembers(
                        organizationID: org, teamID: detail.id, offset: window.lowerBound, limit: window.count))
                }
                teamDetail = detail
                return effects
            case .request:
                return []
            }
        }
        switch tab {
        case .members, .teams:
            let path = Self.listPath(tab)!
            guard self[keyPath: path].list.isLoaded, force || self[keyPath: path].list.pending == nil,
                let window = self[keyPath: path].list.refreshWindow()
            else { return [] }
            let query = self[keyPath: path].query(for: window)
            return [tab == .members ? .loadMembers(organizationID: org, query: query)
                                    : .loadTeams(organizationID: org, query: query)]
        case .keys:
            guard force || !keys.isLoading else { return [] }
            keys.isLoading = true
            return [.loadKeys(organizationID: org)]
        case .requests:
            return []
        }
    }

    mutating func organizationsLoaded(_ loaded: [Organization]) {
        guard !loaded.isEmpty else { return }
        organizations = loaded.sorted { CaseFolding.key($0.name) < CaseFolding.key($1.name) }
        if let current = loaded.first(where: { $0.id == organization.id }) { organization = current }
    }

    mutating func resourcesLoaded(
        _ path: WritableKeyPath<ConsoleState, ResourceListState>, organizationID: String, query: ListQuery,
        page: ListPage
    ) -> [ConsoleEffect] {
        guard organizationID == organization.id, self[keyPath: path].accepts(query) else { return [] }
        self[keyPath: path].apply(page, for: query, now: now)
        return []
    }

    mutating func memberLoaded(organizationID: String, id: String, member: SCIMResource?) {
        guard organizationID == organization.id else { return }
        updateMemberPages(id: id) { detail in
            detail.member = member ?? detail.member
            detail.notFound = member == nil
        }
    }

    mutating func teamLoaded(organizationID: String, id: String, team: SCIMResource?) {
        guard organizationID == organization.id else { return }
        updateTeamPages(id: id) { detail in
            detail.team = team ?? detail.team
            detail.notFound = team == nil
            if let count = team?.memberCount, detail.members.isLoaded {
                detail.members.apply(
                    start: detail.members.loadedStart, items: detail.members.items, total: count)
            }
        }
        // A longer name or a new externalId may wrap the attribute rows onto more rows above the members.
        syncViewports()
    }

    mutating func teamMembersLoaded(organizationID: String, teamID: String, offset: Int, members loaded: [MemberRef]) {
        guard organizationID == organization.id else { return }
        updateTeamPages(id: teamID) { detail in
            let items = loaded.map { PagedList<MemberRef>.Item(id: $0.value, row: $0) }
            var total = max(detail.team?.memberCount ?? 0, offset + loaded.count)
            // A short page is the end of the list, whatever the count said when the team was read.
            if let asked = detail.members.pending, asked.lowerBound == offset, loaded.count < asked.count {
                total = offset + loaded.count
            }
            detail.members.apply(start: offset, items: items, total: total)
        }
    }

    mutating func requestLogLoaded(_ query: RequestLogQuery, _ entries: [RequestLogEntry]) {
        guard query.organizationID == organization.id else { return }
        if let resourceID = query.resourceID {
            updateMemberPages(id: resourceID) { $0.requests = entries }
            return
        }
        if requests.pendingLoad == query { requests.pendingLoad = nil }
        if entries.count < query.limit && !query.errorsOnly { requests.reachedOldest = true }
        requests.isLoaded = true
        requests.merge(entries)
    }

    /// Live entries: the current organization's (and those no organization could be told for, such as bad keys)
    /// go to the list, or are held while paused. Successful writes refresh the list on view and the seats.
    mutating func requestsArrived(_ entries: [RequestLogEntry]) -> [ConsoleEffect] {
        let relevant = entries.filter { $0.organizationID == nil || $0.organizationID == organization.id }
        guard !relevant.isEmpty else { return [] }
        if requests.paused {
            let known = Set(requests.held.map(\.id))
            requests.held = (requests.held + relevant.filter { !known.contains($0.id) }).sorted { $0.id > $1.id }
        } else {
            requests.merge(relevant)
        }
        for entry in relevant {
            guard let resourceID = entry.resourceID else { continue }
            updateMemberPages(id: resourceID) { detail in
                guard var list = detail.requests, !list.contains(where: { $0.id == entry.id }) else { return }
                list.insert(entry, at: 0)
                detail.requests = Array(list.prefix(Self.memberRequestCount))
            }
        }
        let changed = relevant.contains { $0.method.uppercased() != "GET" && $0.status < 400 }
        guard changed else { return [] }
        return [.loadOrganizations] + refreshOnView(force: false)
    }

    mutating func loadFailed(_ effect: ConsoleEffect, _ error: SCIMError) {
        let what: String
        switch effect {
        case .loadMembers:
            members.list.loadFailed()
            what = "members"
        case .loadTeams:
            teams.list.loadFailed()
            what = "teams"
        case .loadTeamMembers(_, let teamID, _, _):
            updateTeamPages(id: teamID) { $0.members.loadFailed() }
            what = "the team's members"
        case .loadRequestLog(let query):
            if requests.pendingLoad == query { requests.pendingLoad = nil }
            what = "the request log"
        case .loadKeys:
            keys.isLoading = false
            what = "API keys"
        case .loadMember:
            what = "the member"
        case .loadTeam:
            what = "the team"
        case .loadOrganizations:
            what = "organizations"
        case .write, .simulator, .copy, .redraw, .quit:
            what = "data"
        }
        lastLoadFailure = now
        showFlash("\(options.glyphs.cross) Could not load \(what): \(error.detail)", level: .error)
    }
}
