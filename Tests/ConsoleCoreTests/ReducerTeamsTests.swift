import ConsoleCore
import Foundation
import RosterStore
import SCIM
import Testing

/// Teams: member counts, paged members, add, remove, rename, delete (members stay).
struct ReducerTeamsTests {
    func onTeamDetail() -> ConsoleState {
        var state = Fixture.state()
        state.answer(state.send(.started))
        state.answer(state.type("2"))
        state.answer(state.press(.enter))
        return state
    }

    @Test func enterOpensTheTeamAndPagesItsMembers() {
        var state = Fixture.state()
        state.answer(state.send(.started))
        state.answer(state.type("2"))
        let effects = state.press(.enter)
        let teamID = Fixture.teams[0].id
        #expect(effects == [
            .loadTeam(organizationID: "org-1", id: teamID),
            .loadTeamMembers(organizationID: "org-1", teamID: teamID, offset: 0, limit: 100),
        ])
        state.answer(effects)
        guard case .team(let detail)? = state.page else {
            Issue.record("no detail")
            return
        }
        #expect(detail.team?.memberCount == 1204)
        // The store answered 6 of the 100 asked for: that is the end of the list, whatever the count said.
        #expect(detail.members.count == Fixture.members.count)
        #expect(detail.members.items.count == Fixture.members.count)
    }

    @Test func addAsksForAMemberAndWrites() {
        var state = onTeamDetail()
        state.type("a")
        state.type("jane.doe@example.com")
        #expect(state.press(.enter) == [.write(.addTeamMember(teamID: Fixture.teams[0].id, member: "jane.doe@example.com"),
                                               organizationID: "org-1")])
        let added = MemberRef(value: Fixture.members[0].id, display: "jane.doe@example.com")
        let effects = state.send(.writeSucceeded(
            .addTeamMember(teamID: Fixture.teams[0].id, member: "jane.doe@example.com"),
            .teamMemberAdded(team: Fixture.team(1, name: "Engineering", members: 1205), member: added)))
        #expect(state.flash?.text == "✓ Added jane.doe@example.com to Engineering.")
        #expect(effects.contains(.loadTeam(organizationID: "org-1", id: Fixture.teams[0].id)))
        if case .team(let detail)? = state.page { #expect(detail.members.count == 1205) }
    }

    @Test func removeAsksAndSaysTheMemberStays() {
        var state = onTeamDetail()
        state.type("j")
        state.type("x")
        guard case .confirm(let question)? = state.topModal else {
            Issue.record("no question")
            return
        }
        #expect(question.lines[0].contains("The member stays in the organization"))
        #expect(question.lines.contains { $0.contains("Okta pushes this team") })
        #expect(state.type("y") == [.write(.removeTeamMember(
            teamID: Fixture.teams[0].id, memberID: Fixture.members[1].id, display: "王小明@example.com"),
                                           organizationID: "org-1")])
    }

    @Test func deleteConfirmationSaysMembersStay() {
        var state = onTeamDetail()
        state.type("D")
        guard case .confirm(let question)? = state.topModal else {
            Issue.record("no question")
            return
        }
        #expect(question.lines[0] == "Delete team Engineering? Its 1,204 members stay; only the team goes.")
        state.type("y")
        state.send(.writeSucceeded(.deleteTeam(id: Fixture.teams[0].id, name: "Engineering"), .deleted))
        #expect(state.page == nil)
    }

    @Test func renameIsPrefilledAndCarriesTheVersion() {
        var state = onTeamDetail()
        state.type("e")
        state.press(.ctrl("w"))
        state.type("Platform")
        #expect(state.press(.enter) == [.write(.renameTeam(id: Fixture.teams[0].id, name: "Platform", expectedVersion: 2),
                                               organizationID: "org-1")])
    }

    @Test func enterOnAMemberOpensItsDetailAndEscReturnsToTheTeam() {
        var state = onTeamDetail()
        state.type("jj")
        state.answer(state.press(.enter))
        guard case .member(let detail)? = state.page else {
            Issue.record("no member")
            return
        }
        #expect(detail.member?.userName == "jose.nunez@example.com")
        state.press(.escape)
        guard case .team(let team)? = state.page else {
            Issue.record("not back on the team")
            return
        }
        #expect(team.members.selectedIndex == 2)
    }
}
