import ConsoleCore
import Foundation
import RosterStore
import SCIM
import Testing

/// The live Requests screen: follow mode, `+N new`, pause, errors only, filter, detail tabs.
struct ReducerRequestsTests {
    func onRequests(entries: [RequestLogEntry] = Fixture.entries) -> ConsoleState {
        var state = Fixture.state()
        state.answer(state.send(.started))
        state.answer(state.type("3"), entries: entries)
        return state
    }

    func arriving(_ id: Int64, status: Int = 200, organizationID: String? = "org-1") -> RequestLogEntry {
        Fixture.entry(id, method: "PATCH", status: status, secondsAgo: 1, summary: "Okta · update", organizationID: organizationID)
    }

    @Test func showingRequestsLoadsTheNewestPage() {
        var state = Fixture.state()
        state.answer(state.send(.started))
        #expect(state.type("3") == [.loadRequestLog(RequestLogQuery(organizationID: "org-1", limit: 200))])
    }

    @Test func followsTheNewestRowWhileItIsSelected() {
        var state = onRequests()
        #expect(state.requests.selection.isFollowing)
        state.send(.requestsArrived([arriving(9), arriving(10)]))
        #expect(state.requests.selectedEntry?.id == 10)
        #expect(state.requests.unseenCount == 0)
        #expect(state.screen().contains("FOLLOWING"))
    }

    @Test func movingAwayStopsFollowingAndCountsNewRowsWithoutMovingTheSelection() {
        var state = onRequests()
        state.type("jj")
        let selected = state.requests.selectedEntry?.id
        #expect(!state.requests.selection.isFollowing)
        state.send(.requestsArrived([arriving(9), arriving(10), arriving(11)]))
        #expect(state.requests.selectedEntry?.id == selected)
        #expect(state.requests.unseenCount == 3)
        #expect(state.screen().contains("PAUSED +3 new"))
        // Back to the newest row: following again.
        state.type("f")
        #expect(state.requests.selectedEntry?.id == 11)
        #expect(state.requests.selection.isFollowing && state.requests.unseenCount == 0)
    }

    @Test func otherOrganizationsEntriesStayOutButUnattributedOnesShow() {
        var state = onRequests()
        state.send(.requestsArrived([arriving(9, organizationID: "org-2"), arriving(10, status: 401, organizationID: nil)]))
        #expect(state.requests.visible.map(\.id).prefix(2) == [10, 8])
    }

    @Test func pauseHoldsArrivalsUntilResumed() {
        var state = onRequests()
        state.type("p")
        let before = state.requests.visible
        state.send(.requestsArrived([arriving(9), arriving(10)]))
        #expect(state.requests.visible == before)
        #expect(state.requests.unseenCount == 2)
        #expect(state.screen().contains("PAUSED +2 new"))
        state.type("p")
        #expect(state.requests.visible.first?.id == 10)
    }

    @Test func errorsOnlyFiltersLocallyAndLoadsMoreErrors() {
        var state = onRequests()
        let effects = state.type("e")
        #expect(state.requests.visible.allSatisfy { $0.status >= 400 })
        #expect(state.requests.visible.map(\.id) == [7, 5, 4, 1])
        #expect(effects == [.loadRequestLog(RequestLogQuery(organizationID: "org-1", errorsOnly: true, limit: 200))])
    }

    @Test func filterGrammarSelectsByStatusMethodPathAndText() {
        var state = onRequests()
        state.type("/status:4xx method:post")
        state.press(.enter)
        #expect(state.requests.visible.map(\.id) == [7, 5])
        state.type("/")
        state.press(.ctrl("u"))
        state.type("path:/Groups")
        state.press(.enter)
        #expect(state.requests.visible.map(\.id) == [7, 3])
        state.type("/")
        state.press(.ctrl("u"))
        state.type("status:200..299 discovery")
        state.press(.enter)
        #expect(state.requests.visible.map(\.id) == [2])
        state.type("/")
        state.press(.ctrl("u"))
        state.type("status:abc")
        state.press(.enter)
        #expect(state.flash?.text.contains("a status is a code (status:409)") == true)
    }

    @Test func movingNearTheEndLoadsOlderEntries() {
        let many = (1...200).reversed().map { Fixture.entry(Int64($0), secondsAgo: Double(300 - $0)) }
        var state = onRequests(entries: many)
        let effects = state.type("G")
        #expect(effects == [.loadRequestLog(RequestLogQuery(organizationID: "org-1", beforeID: 1, limit: 200))])
        state.send(.requestLogLoaded(RequestLogQuery(organizationID: "org-1", beforeID: 1, limit: 200), []))
        #expect(state.requests.reachedOldest)
        #expect(state.type("k").isEmpty)
    }

    @Test func detailTabsAndNextPrevious() {
        var state = onRequests()
        state.press(.enter)
        guard case .request(let detail)? = state.page else {
            Issue.record("no detail")
            return
        }
        #expect(detail.entry.id == 8 && detail.tab == .summary)
        state.press(.tab)
        #expect(state.screen().contains("[Request]"))
        state.press(.right, .right)
        #expect(state.screen().contains("[SCIM]"))
        state.press(.backTab)
        #expect(state.screen().contains("[Response]"))
        state.type("n")
        if case .request(let next)? = state.page { #expect(next.entry.id == 7 && next.tab == .response) }
        state.type("NN")
        #expect(state.flash?.text == "This is the newest request of the list.")
        let copy = state.type("y")
        #expect(copy.first.map { if case .copy(let text) = $0 { text.hasPrefix("curl -X PATCH 'http://127.0.0.1:8080/scim/v2/Users/") } else { false } } == true)
    }

    @Test func longBodiesAreCutOffUntilFIsPressed() throws {
        let body = "{" + (1...100).map { "\"k\($0)\": \($0)" }.joined(separator: ",") + "}"
        var state = onRequests(entries: [Fixture.entry(1, method: "POST", status: 201, requestBody: body)])
        state.press(.enter, .tab)
        state.type("G")
        #expect(state.screen().contains("42 more lines. Press f to show all."))
        let cut = try requireCase(state.page) { if case .request(let request) = $0 { request } else { nil } }
        let cutLines = RequestDocument.lines(cut, options: state.options, now: state.now).count
        state.type("f")
        let full = try requireCase(state.page) { if case .request(let request) = $0 { request } else { nil } }
        #expect(RequestDocument.lines(full, options: state.options, now: state.now).count > cutLines)
    }

    @Test func clearAsksFirstAndKeepsTheLog() {
        var state = onRequests()
        state.type("c")
        #expect(state.requests.entries.count == 8)
        #expect(state.type("y").isEmpty)
        #expect(state.requests.entries.isEmpty)
        state.send(.requestsArrived([arriving(9)]))
        #expect(state.requests.visible.map(\.id) == [9])
    }

    @Test func aSuccessfulWriteArrivingRefreshesTheListOnView() {
        var state = Fixture.state()
        state.answer(state.send(.started))
        let effects = state.send(.requestsArrived([arriving(9)]))
        #expect(effects.first == .loadOrganizations)
        #expect(effects.contains { if case .loadMembers = $0 { true } else { false } })
        #expect(state.send(.requestsArrived([Fixture.entry(10)])).isEmpty, "reads change nothing")
    }
}
