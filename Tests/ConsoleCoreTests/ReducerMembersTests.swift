import ConsoleCore
import Foundation
import RosterStore
import SCIM
import Testing

/// The Members screen: filter, sort, detail, create, edit, deactivate, delete.
struct ReducerMembersTests {
    func loaded(readOnly: Bool = false) -> ConsoleState {
        var state = Fixture.state(readOnly: readOnly)
        state.answer(state.send(.started))
        return state
    }

    func memberQuery(_ effects: [ConsoleEffect]) -> ListQuery? {
        for case .loadMembers(_, let query) in effects { return query }
        return nil
    }

    @Test func slashOpensThePromptAndEnterLoadsWithAPlainTextSearch() {
        var state = loaded()
        #expect(state.type("/").isEmpty)
        guard case .prompt(let prompt)? = state.topModal, prompt.purpose == .filter(.members) else {
            Issue.record("no filter prompt")
            return
        }
        // Letters are text while the prompt is open: `j` and `q` do not move or quit.
        #expect(state.type("jo\"q").isEmpty)
        let query = memberQuery(state.press(.enter))
        let text = FilterValue.string("jo\"q")
        let expected: Filter = .or(.or(.or(
            .compare(AttributePath(attribute: "userName"), .co, text),
            .compare(AttributePath(attribute: "name", subAttribute: "formatted"), .co, text)),
            .compare(AttributePath(attribute: "displayName"), .co, text)),
            .compare(AttributePath(attribute: "emails", subAttribute: "value"), .co, text))
        #expect(query == ListQuery(filter: expected, sortBy: AttributePath(attribute: "userName"), startIndex: 1,
                                   count: 100, includeMembers: false))
        #expect(state.members.filterText == "jo\"q")
        #expect(state.screen().contains("filter /jo\"q"))
    }

    @Test func textThatParsesAsAFilterIsUsedAsIs() throws {
        var state = loaded()
        state.type("/active eq false")
        let query = memberQuery(state.press(.enter))
        #expect(query?.filter == (try FilterParser.parse("active eq false")))
    }

    @Test func anInvalidFilterKeepsThePromptOpenAndShowsTheParsersDetail() {
        var state = loaded()
        state.type("/userName eq 'jane'")
        #expect(state.press(.enter).isEmpty)
        guard case .prompt? = state.topModal else {
            Issue.record("the prompt closed")
            return
        }
        #expect(state.flash?.level == .error)
        #expect(state.flash?.text.contains("Invalid filter at position") == true)
        #expect(state.members.filterText.isEmpty)
    }

    @Test func sortCyclesAndReverses() {
        var state = loaded()
        #expect(memberQuery(state.type("s"))?.sortBy == AttributePath(attribute: "displayName"))
        #expect(memberQuery(state.type("s"))?.sortBy == AttributePath(attribute: "meta", subAttribute: "lastModified"))
        let reversed = memberQuery(state.type("S"))
        #expect(reversed?.descending == true && reversed?.startIndex == 1)
        #expect(memberQuery(state.type("s"))?.sortBy == AttributePath(attribute: "userName"))
    }

    @Test func enterOpensTheDetailAndLoadsTheMemberAndItsRequests() {
        var state = loaded()
        let id = Fixture.members[0].id
        let effects = state.press(.enter)
        #expect(effects == [
            .loadMember(organizationID: "org-1", id: id),
            .loadRequestLog(RequestLogQuery(organizationID: "org-1", resourceID: id, limit: 20)),
        ])
        state.answer(effects)
        guard case .member(let detail)? = state.page else {
            Issue.record("no detail")
            return
        }
        #expect(detail.requests?.map(\.id) == [8])
        // Tab jumps to the next section; Enter on a recent request opens it.
        state.press(.tab, .tab, .tab, .tab, .tab)
        state.press(.down)
        state.press(.enter)
        guard case .request(let request)? = state.page else {
            Issue.record("the request did not open: \(String(describing: state.page))")
            return
        }
        #expect(request.entry.id == 8)
        state.press(.escape)
        state.type("m")
        #expect(state.screen().contains("\"schemas\": ["))
    }

    @Test func creatingAMemberAsksEachFieldAndWritesCanonicalAttributes() {
        var state = loaded()
        state.type("n")
        state.type("ana@example.com")
        state.press(.enter)
        state.type("Ana")
        state.press(.enter)
        state.type("Lima")
        state.press(.enter)
        state.type("ana@example.com")
        state.press(.enter)
        state.type("+351 912345678")
        let effects = state.press(.enter)
        guard case .write(.createMember(let attributes), "org-1")? = effects.first else {
            Issue.record("no write: \(effects)")
            return
        }
        #expect(attributes["userName"] == "ana@example.com")
        #expect(attributes["name"]?.objectValue?["formatted"] == "Ana Lima")
        #expect(attributes["displayName"] == "Ana Lima")
        #expect(attributes["emails"] == [["value": "ana@example.com", "type": "work", "primary": true]])
        #expect(attributes["phoneNumbers"] == [["value": "+351 912345678", "type": "work", "primary": true]])
        #expect(attributes["active"] == true)
        #expect(state.topModal == nil)
        // The store's answer shows up in the flash and reloads the list.
        let created = Fixture.member(42, userName: "ana@example.com")
        let after = state.send(.writeSucceeded(.createMember(attributes: attributes), .member(created)))
        #expect(state.flash?.text.contains("Created member ana@example.com") == true)
        #expect(after.contains(.loadOrganizations) && memberQuery(after) != nil)
    }

    @Test func aRefusedWriteShowsTheSCIMDetailInTheFlash() {
        var state = loaded()
        let write = ConsoleWrite.createMember(attributes: JSONObject([("userName", "x")]))
        state.send(.writeFailed(write, .forbidden("Acme has 100 of 100 seats in use; deactivate a member first.")))
        #expect(state.flash?.level == .error)
        #expect(state.flash?.text == "✗ Could not create member x: Acme has 100 of 100 seats in use; deactivate a member first.")
    }

    @Test func editingKeepsOtherAttributesAndSendsTheVersion() {
        var state = loaded()
        state.type("jj")  // José, not managed by Okta
        state.type("e")
        guard case .prompt(let first)? = state.topModal else {
            Issue.record("no form")
            return
        }
        #expect(first.input.text == "jose.nunez@example.com")
        for _ in 0..<5 { state.press(.enter) }  // keep userName, names, display name, email
        state.press(.ctrl("u"))
        state.type("+1 4151234567")
        state.press(.enter)
        let effects = state.press(.enter)  // title stays empty
        guard case .write(.replaceMember(let id, let attributes, let version), _)? = effects.first else {
            Issue.record("no write: \(effects)")
            return
        }
        #expect(id == Fixture.members[2].id && version == 3)
        #expect(attributes["phoneNumbers"] == [["value": "+1 4151234567", "type": "work"]])
        #expect(attributes["emails"] == Fixture.members[2].attributes["emails"])
        #expect(attributes["name"]?.objectValue?["givenName"] == "José")
    }

    @Test func changesToAnOktaManagedMemberWarnFirst() {
        var state = loaded()
        // Jane has an externalId: x asks, mentioning Okta's next push.
        #expect(state.type("x").isEmpty)
        guard case .confirm(let question)? = state.topModal else {
            Issue.record("no warning")
            return
        }
        #expect(question.lines.joined().contains("Okta's next push may overwrite this change"))
        let effects = state.type("y")
        #expect(effects == [.write(.setMemberActive(id: Fixture.members[0].id, userName: "jane.doe@example.com",
                                                    active: false), organizationID: "org-1")])
        // José is not managed: x writes at once (reactivation undoes it).
        state.type("jj")
        #expect(state.type("x") == [.write(.setMemberActive(
            id: Fixture.members[2].id, userName: "jose.nunez@example.com", active: false), organizationID: "org-1")])
        // Editing a managed member warns, then opens the form.
        state.type("gg")
        state.type("e")
        state.type("y")
        guard case .prompt(let prompt)? = state.topModal, case .memberForm = prompt.purpose else {
            Issue.record("no form after the warning")
            return
        }
    }

    @Test func deleteNeedsTheUserNameTypedAndEnterAloneCancels() {
        var state = loaded()
        state.type("D")
        guard case .typedConfirm(let dialog)? = state.topModal else {
            Issue.record("no dialog")
            return
        }
        #expect(dialog.focus == .cancel)
        #expect(state.press(.enter).isEmpty)
        #expect(state.topModal == nil)
        state.type("D")
        state.type("jane.doe@example.co")
        if case .typedConfirm(let partial)? = state.topModal { #expect(partial.focus == .cancel) }
        #expect(state.press(.enter).isEmpty)
        state.type("D")
        state.type("jane.doe@example.com")
        #expect(state.press(.enter) == [.write(.deleteMember(id: Fixture.members[0].id, userName: "jane.doe@example.com"),
                                               organizationID: "org-1")])
    }

    @Test func aDeletedMembersDetailClosesWhenTheDeleteSucceeds() {
        var state = loaded()
        state.answer(state.press(.enter))
        let write = ConsoleWrite.deleteMember(id: Fixture.members[0].id, userName: "jane.doe@example.com")
        state.send(.writeSucceeded(write, .deleted))
        #expect(state.page == nil)
        #expect(state.flash?.text.contains("Deleted member jane.doe@example.com") == true)
    }

    @Test func phoneFlaggedIsTheStatusOfAnActiveMemberWithANonconformingPhone() {
        #expect(MemberStatus.of(Fixture.members[0]) == .active)
        #expect(MemberStatus.of(Fixture.members[1]) == .deactivated)
        #expect(MemberStatus.of(Fixture.members[2]) == .phoneFlagged)
    }
}
