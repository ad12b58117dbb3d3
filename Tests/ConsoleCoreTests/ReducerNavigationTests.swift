import ConsoleCore
import Foundation
import RosterStore
import SCIM
import Testing

/// Keys as state transitions: moving, paging through a long list, screens, Esc, quitting, small terminals.
struct ReducerNavigationTests {
    /// A state on the Members screen with the fixture members loaded.
    func loadedMembers(rows: Int = 24, attached: Bool = false) -> ConsoleState {
        var state = Fixture.state(rows: rows, attached: attached)
        state.answer(state.send(.started))
        return state
    }

    @Test func startLoadsOrganizationsAndTheFirstPageOfMembersOnly() {
        var state = Fixture.state()
        let effects = state.send(.started)
        #expect(effects == [
            .loadOrganizations,
            .loadMembers(organizationID: "org-1", query: ListQuery(
                filter: nil, sortBy: AttributePath(attribute: "userName"), descending: false, startIndex: 1, count: 100,
                includeMembers: false)),
        ])
    }

    @Test func jMovesTheSelectionAndKMovesBack() {
        var state = loadedMembers()
        #expect(state.members.list.selectedIndex == 0)
        state.type("jj")
        #expect(state.members.list.selectedIndex == 2)
        #expect(state.members.list.selectedItem?.row.userName == "jose.nunez@example.com")
        state.press(.up)
        #expect(state.members.list.selectedIndex == 1)
        state.type("G")
        #expect(state.members.list.selectedIndex == Fixture.members.count - 1)
    }

    @Test func pagingPastTheLoadedPageAsksForTheNextPageNeverForEverything() {
        // Given a million members of which the first page is loaded
        var state = Fixture.state()
        let first = state.send(.started)
        guard case .loadMembers(_, let query)? = first.last else {
            Issue.record("no member load")
            return
        }
        let page = (0..<query.count).map { Fixture.member($0, userName: "user\($0)@example.com") }
        state.send(.membersLoaded(organizationID: "org-1", query: query, page: ListPage(totalResults: 1_000_000, resources: page)))
        #expect(state.members.list.count == 1_000_000)
        // When the operator pages down within the page, nothing loads
        #expect(state.press(.pageDown).isEmpty)
        // When G jumps to the end, one page around the end is asked for
        let effects = state.type("G")
        #expect(state.members.list.selectedIndex == 999_999)
        guard case .loadMembers(_, let next)? = effects.first, effects.count == 1 else {
            Issue.record("expected one page load, got \(effects)")
            return
        }
        #expect(next.startIndex > 999_000 && next.count <= 200)
        #expect(next.startIndex - 1 + next.count >= 1_000_000)
        // Pressing again while it loads does not ask twice
        #expect(state.press(.up).isEmpty)
    }

    @Test func selectionStaysOnTheSameMemberWhenRowsArriveAbove() {
        var state = loadedMembers()
        state.type("jj")
        let selected = state.members.list.selectedItem?.id
        // A refreshed page with a new member sorted first
        let newcomer = Fixture.member(99, userName: "aaron@example.com")
        let refresh = state.send(.tick, at: Fixture.now.addingTimeInterval(6))
        guard case .loadMembers(_, let query)? = refresh.last else {
            Issue.record("no refresh: \(refresh)")
            return
        }
        state.send(.membersLoaded(organizationID: "org-1", query: query,
                                  page: Fixture.page([newcomer] + Fixture.members)))
        #expect(state.members.list.selectedItem?.id == selected)
        #expect(state.members.list.selectedIndex == 3)
    }

    @Test func numberKeysSwitchScreensAndEachLoadsOnFirstShow() {
        var state = loadedMembers()
        #expect(state.type("2") == [.loadTeams(organizationID: "org-1", query: ListQuery(
            sortBy: AttributePath(attribute: "displayName"), startIndex: 1, count: 100, includeMembers: false))])
        #expect(state.tab == .teams)
        #expect(state.type("4") == [.loadKeys(organizationID: "org-1")])
        state.type("]")
        #expect(state.tab == .members)
        state.type("[")
        #expect(state.tab == .keys)
    }

    @Test func escapeClosesPopupThenCancelsPromptThenClearsFilterThenGoesBackAndNeverQuits() {
        var state = loadedMembers()
        state.type("/jane")
        state.answer(state.press(.enter))
        #expect(state.members.filterText == "jane")
        state.answer(state.press(.enter))  // open the first member
        #expect(state.page != nil)
        state.type("?")
        #expect(state.topModal != nil)
        state.press(.escape)  // closes the help
        #expect(state.topModal == nil && state.page != nil)
        state.press(.escape)  // back from the detail
        #expect(state.page == nil && state.members.filterText == "jane")
        state.type("/x")
        state.press(.escape)  // cancels the prompt, keeps the filter
        #expect(state.topModal == nil && state.members.filterText == "jane")
        state.press(.escape)  // clears the filter
        #expect(state.members.filterText.isEmpty)
        let effects = state.press(.escape, .escape)
        #expect(!effects.contains(.quit) && state.topModal == nil)
    }

    @Test func qAtTheTopAsksWhenTheConsoleOwnsTheServerAndYQuits() {
        var state = loadedMembers()
        state.press(.enter)
        #expect(state.type("q").isEmpty && state.page == nil)  // q goes back first
        #expect(state.type("q").isEmpty)
        guard case .confirm(let question)? = state.topModal else {
            Issue.record("no question")
            return
        }
        #expect(question.lines.joined().contains("Stop the SCIM server too?"))
        #expect(state.press(.enter).isEmpty && state.topModal == nil)  // Enter answers no
        state.type("q")
        #expect(state.type("y") == [.quit])
    }

    @Test func attachedConsoleQuitsWithoutAsking() {
        var state = loadedMembers(attached: true)
        #expect(state.type("q") == [.quit])
        #expect(state.topModal == nil)
    }

    @Test func ctrlCAsksToQuitFromADetailToo() {
        var state = loadedMembers()
        state.press(.enter)
        state.press(.ctrl("c"))
        guard case .confirm(let question)? = state.topModal else {
            Issue.record("no question")
            return
        }
        #expect(question.action == .quit)
    }

    @Test func belowTheMinimumSizeKeysAreIgnoredExceptQuit() {
        var state = loadedMembers()
        state.send(.resized(TerminalSize(rows: 14, cols: 52)))
        let before = state
        #expect(state.type("jjD2/").isEmpty)
        state.press(.enter, .escape)
        #expect(state == before)
        state.type("q")
        #expect(state.screen().contains("Stop the SCIM server too?"))
        #expect(state.type("y") == [.quit])
    }

    @Test func resizeChangesTheViewportAndMayLoadMore() throws {
        var state = Fixture.state(rows: 24)
        let first = state.send(.started)
        let query = try requireCase(first.last) { if case .loadMembers(_, let query) = $0 { query } else { nil } }
        let page = (0..<query.count).map { Fixture.member($0, userName: "user\($0)") }
        state.send(.membersLoaded(organizationID: "org-1", query: query, page: ListPage(totalResults: 5000, resources: page)))
        #expect(state.members.list.viewportHeight == 19)
        state.send(.resized(TerminalSize(rows: 40, cols: 120)))
        #expect(state.members.list.viewportHeight == 35)
    }

    @Test func readOnlyRefusesMutationsAndSaysWhy() {
        var state = Fixture.state(readOnly: true)
        state.answer(state.send(.started))
        #expect(state.type("n").isEmpty)
        #expect(state.topModal == nil)
        #expect(state.flash?.level == .error)
        #expect(state.flash?.text.contains("read-only") == true)
        state.type("4")
        state.answer([.loadKeys(organizationID: "org-1")])
        #expect(state.type("r").isEmpty && state.topModal == nil)
        #expect(state.type("D").isEmpty && state.topModal == nil)
        #expect(!state.screen().contains("rotate"))
    }

    @Test func flashExpiresOnTick() {
        var state = loadedMembers()
        state.type("y")
        #expect(state.flash != nil)
        state.send(.tick, at: Fixture.now.addingTimeInterval(1))
        #expect(state.flash != nil)
        state.send(.tick, at: Fixture.now.addingTimeInterval(4))
        #expect(state.flash == nil)
    }

    @Test func aFailedLoadIsRetriedAfterAPauseNotOnEveryKey() throws {
        var state = Fixture.state()
        let first = state.send(.started)
        let load = try #require(first.last)
        state.send(.loadFailed(load, SCIMError(status: 500, detail: "database is locked")))
        #expect(state.flash?.text == "✗ Could not load members: database is locked")
        #expect(state.type("j").isEmpty)
        #expect(state.send(.tick, at: Fixture.now.addingTimeInterval(2)).isEmpty)
        #expect(state.send(.tick, at: Fixture.now.addingTimeInterval(6)).contains(load))
    }

    @Test func commandLineSwitchesScreensAppliesFiltersAndQuits() throws {
        var state = loadedMembers()
        state.type(":requests status:5xx")
        state.press(.enter)
        #expect(state.tab == .requests)
        #expect(state.requests.filter.statuses == [500...599])
        state.type(":ke")
        state.press(.tab)
        let prompt = try requireCase(state.topModal) { if case .prompt(let prompt) = $0 { prompt } else { nil } }
        #expect(prompt.input.text == "keys ")
        state.press(.enter)
        #expect(state.tab == .keys)
        state.type(":nonsense")
        state.press(.enter)
        #expect(state.flash?.level == .error)
        state.type(":q")
        state.press(.enter)
        #expect(state.type("y") == [.quit])
    }

    @Test func organizationSwitcherStartsEveryScreenOver() {
        var state = Fixture.state(organizations: [Fixture.organization, Fixture.otherOrganization])
        state.answer(state.send(.started))
        state.type("j")
        state.type("o")
        guard case .choice(let choice)? = state.topModal else {
            Issue.record("no switcher")
            return
        }
        #expect(choice.options.count == 2)
        state.type("j")
        let effects = state.press(.enter)
        #expect(state.organization.id == "org-2")
        #expect(state.members.list.selectedIndex == 0)
        #expect(effects.contains { if case .loadMembers("org-2", _) = $0 { true } else { false } })
        // A late answer for the previous organization is dropped.
        state.send(.membersLoaded(organizationID: "org-1", query: state.members.query(for: 0..<100),
                                  page: Fixture.page(Fixture.members)))
        #expect(!state.members.list.isLoaded)
    }
}
