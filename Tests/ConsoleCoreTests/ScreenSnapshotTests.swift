import ConsoleCore
import Foundation
import RosterStore
import SCIM
import Testing

/// Golden screens of the real views, driven through the reducer as an operator would, at 80x24 and 120x40.
/// `RECORD_SNAPSHOTS=1` re-records; review the files in Snapshots/ before committing them.
struct ScreenSnapshotTests {
    static let sizes = [(rows: 24, cols: 80), (rows: 40, cols: 120)]

    /// Started, data loaded, on `tab`.
    func state(rows: Int, cols: Int, tab: Character = "1", glyphs: Glyphs = .unicode, readOnly: Bool = false) -> ConsoleState {
        var state = Fixture.state(rows: rows, cols: cols, readOnly: readOnly, glyphs: glyphs)
        state.answer(state.send(.started))
        if tab != "1" { state.answer(state.type(String(tab))) }
        return state
    }

    func record(_ state: ConsoleState, _ name: String, rows: Int, cols: Int) {
        expectSnapshot(state.screen(), named: "screen-\(name)-\(cols)x\(rows)")
        // Nothing drawn can move the terminal's cursor: every control character was escaped.
        #expect(!state.screen().unicodeScalars.contains { TerminalText.needsEscaping($0) && $0 != "\n" })
    }

    @Test(arguments: sizes)
    func membersList(rows: Int, cols: Int) {
        var state = state(rows: rows, cols: cols)
        state.type("j")
        record(state, "members", rows: rows, cols: cols)
    }

    @Test func membersListASCIIReadOnly() {
        var state = state(rows: 24, cols: 80, glyphs: .ascii, readOnly: true)
        state.type("jj")
        record(state, "members-ascii-ro", rows: 24, cols: 80)
    }

    @Test func membersFiltered() {
        var state = state(rows: 24, cols: 80)
        state.type("/José")
        state.answer(state.press(.enter), members: [Fixture.members[2]])
        record(state, "members-filtered", rows: 24, cols: 80)
    }

    @Test(arguments: sizes)
    func memberDetail(rows: Int, cols: Int) {
        var state = state(rows: rows, cols: cols)
        let jane = Fixture.member(
            1, userName: "jane.doe@example.com", given: "Jane", family: "Doe", displayName: "Jane Doe",
            externalId: "00u1a2b3c4d5e6f7g8h9", phone: "+41 791234567", email: "jane.doe@example.com",
            groups: [GroupRef(value: Fixture.teams[0].id, display: "Engineering"),
                     GroupRef(value: Fixture.teams[1].id, display: "営業部 (Sales)")])
        var members = Fixture.members
        members[0] = jane
        state.answer(state.press(.enter), members: members)
        record(state, "member-detail", rows: rows, cols: cols)
    }

    @Test(arguments: sizes)
    func teamDetail(rows: Int, cols: Int) {
        var state = state(rows: rows, cols: cols, tab: "2")
        let others = (7...1204).map { MemberRef(value: String(format: "%08d-0000-7000-8000-00000000%04d", $0, $0 % 10_000),
                                                 display: "user\($0)@example.com") }
        let refs = Fixture.members.map { MemberRef(value: $0.id, display: $0.userName) } + others
        state.answer(state.press(.enter), teamMembers: refs)
        state.type("j")
        record(state, "team-detail", rows: rows, cols: cols)
    }

    @Test(arguments: sizes)
    func requestsLive(rows: Int, cols: Int) {
        var state = state(rows: rows, cols: cols, tab: "3")
        state.type("j")
        state.send(.requestsArrived([Fixture.entry(9, method: "PATCH", path: "/scim/v2/Groups/00000001-1111-7000-8000-000000000001",
                                                   status: 204, secondsAgo: 1, summary: "Okta · add 2 members to Engineering")]))
        record(state, "requests", rows: rows, cols: cols)
    }

    @Test(arguments: RequestDetailTab.allCases)
    func requestDetailTab(tab: RequestDetailTab) {
        var state = state(rows: 24, cols: 80, tab: "3")
        if tab == .response { state.type("j") }  // the 409
        state.press(.enter)
        for _ in 0..<tab.rawValue { state.press(.tab) }
        record(state, "request-\(tab.title.lowercased())", rows: 24, cols: 80)
    }

    @Test func requestDetail120x40() {
        var state = state(rows: 40, cols: 120, tab: "3")
        state.type("jjj")  // the 400 with a filter-free POST
        state.press(.enter)
        state.press(.tab, .tab, .tab)
        record(state, "request-scim-error", rows: 40, cols: 120)
        state.press(.tab)
        record(state, "request-summary", rows: 40, cols: 120)
    }

    /// A refusal's detail is read in full on the Summary and SCIM tabs at 80 columns: wrapped, never cut.
    @Test func errorDetailsWrapAt80Columns() {
        var state = state(rows: 24, cols: 80, tab: "3")
        state.type("jjj")  // the 400: a phone in the wrong format
        state.press(.enter)
        record(state, "request-summary-error", rows: 24, cols: 80)
        #expect(state.screen().contains("<telephone_number>'"))
        state.press(.backTab)
        record(state, "request-scim-error", rows: 24, cols: 80)
    }

    /// A member Entra ID created (an object id for externalId, long values): every value wraps under itself.
    @Test func memberDetailWrapsLongValues() {
        var state = state(rows: 24, cols: 80)
        var member = Fixture.member(
            1, userName: "aylin.yılmaz-korkmaz@contractors.example.com", given: "Aylin", family: "Yılmaz-Korkmaz",
            displayName: "Aylin Yılmaz-Korkmaz", externalId: "8c2d7e4a-31f0-4b5e-9d2c-6a1f0e3b7c55",
            email: "aylin.yilmaz-korkmaz@contractors.example.com",
            groups: [GroupRef(
                value: Fixture.teams[0].id,
                display: "Engineering, Platform and Site Reliability (EMEA and APAC, contractors and interns)")])
        member.attributes["title"] = "Senior Staff Software Engineer, Platform Infrastructure and Developer Experience"
        member.createdVia = .scim
        state.answer(state.press(.enter), members: [member])
        record(state, "member-detail-wrapped", rows: 24, cols: 80)
        // Enter on the second row of the wrapped team name opens the team.
        state.type("G")
        state.type("kkk")
        #expect(state.screen().contains("›   interns)"))
        let effects = state.press(.enter)
        #expect(effects.contains(.loadTeam(organizationID: "org-1", id: Fixture.teams[0].id)), "\(effects)")
    }

    /// A team Okta's Push Groups created (no externalId) with a long name: the header wraps and the members move down.
    @Test func teamDetailWrapsItsHeader() {
        var state = state(rows: 24, cols: 80, tab: "2")
        var team = Fixture.team(1, name: "Engineering, Platform and Site Reliability (EMEA, contractors included)",
                                members: 3)
        team.createdVia = .scim
        let refs = Fixture.members.prefix(3).map { MemberRef(value: $0.id, display: $0.userName) }
        state.answer(state.press(.enter), teams: [team], teamMembers: refs)
        record(state, "team-detail-wrapped", rows: 24, cols: 80)
        state.type("jj")
        #expect(state.screen().contains("› jose.nunez@example.com"))
    }

    /// `roster demo`: the header shows the simulated Okta, the hints its key.
    @Test func requestsInTheDemo() {
        var state = ConsoleState(
            organization: Fixture.organization, options: Fixture.options(), size: TerminalSize(rows: 24, cols: 80),
            now: Fixture.now, simulator: SimulatorStatus(phase: .running, rate: 5))
        state.answer(state.send(.started))
        state.answer(state.type("3"))
        record(state, "requests-demo", rows: 24, cols: 80)
        state.type("P")
        record(state, "requests-demo-paused", rows: 24, cols: 80)
    }

    @Test func requestWithFilterSCIMTab() {
        var state = state(rows: 24, cols: 80, tab: "3")
        state.type("jj")
        state.press(.enter)
        state.press(.backTab)
        record(state, "request-scim-filter", rows: 24, cols: 80)
    }

    @Test(arguments: sizes)
    func keysList(rows: Int, cols: Int) {
        let state = state(rows: rows, cols: cols, tab: "4")
        record(state, "keys", rows: rows, cols: cols)
    }

    @Test func keysRotateDialog() {
        var state = state(rows: 24, cols: 80, tab: "4")
        state.type("r")
        record(state, "keys-rotate", rows: 24, cols: 80)
    }

    @Test(arguments: sizes)
    func keysSecretModal(rows: Int, cols: Int) {
        var state = state(rows: rows, cols: cols, tab: "4")
        let new = NewAPIKey(key: Fixture.key("k9", label: "okta-prod", prefix: "rst_9e1d44aa", createdDaysAgo: 0),
                            secret: "rst_9e1d44aa_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA")
        state.send(.writeSucceeded(.rotateKey(id: "k1", grace: 86_400),
                                   .key(new, replaced: APIKeyReplacement(prefix: "rst_7f2c9a1b", grace: 86_400))))
        record(state, "keys-secret", rows: rows, cols: cols)
    }

    @Test func keysRevokeDialog() {
        var state = state(rows: 24, cols: 80, tab: "4")
        state.type("D")
        state.type("okta-pr")
        record(state, "keys-revoke", rows: 24, cols: 80)
    }

    @Test(arguments: sizes)
    func helpOverlay(rows: Int, cols: Int) {
        var state = state(rows: rows, cols: cols)
        state.type("?")
        record(state, "help", rows: rows, cols: cols)
    }

    @Test(arguments: sizes)
    func welcomePanel(rows: Int, cols: Int) {
        let first = NewAPIKey(key: Fixture.key("k1", label: "first key", prefix: "rst_3k9x2m7q", createdDaysAgo: 0),
                              secret: "rst_3k9x2m7q_c2VjcmV0LXNob3duLW9uY2UtMTIzNDU2")
        var state = Fixture.state(rows: rows, cols: cols, firstKey: first)
        state.answer(state.send(.started), members: [])
        record(state, "welcome", rows: rows, cols: cols)
    }

    @Test func tooSmallWithTheQuitQuestion() {
        var state = state(rows: 14, cols: 52)
        record(state, "too-small", rows: 14, cols: 52)
        state.type("q")
        record(state, "too-small-quit", rows: 14, cols: 52)
    }

    @Test func memberFormDialog() {
        var state = state(rows: 24, cols: 80)
        state.type("n")
        state.type("ana@example.com")
        state.press(.enter)
        state.type("Ana")
        record(state, "member-form", rows: 24, cols: 80)
    }

    @Test func emptyMembersExplainsWhatToDo() {
        var state = Fixture.state()
        state.answer(state.send(.started), members: [])
        record(state, "members-empty", rows: 24, cols: 80)
    }
}
