import ConsoleCore
import Foundation
import RosterStore
import SCIM
import Testing

/// API keys: new and rotate show the secret once; revoke asks for the label, focus on Cancel.
struct ReducerKeysTests {
    func onKeys() -> ConsoleState {
        var state = Fixture.state()
        state.answer(state.send(.started))
        state.answer(state.type("4"))
        return state
    }

    let newKey = NewAPIKey(
        key: Fixture.key("k9", label: "okta-prod", prefix: "rst_9e1d44aa", createdDaysAgo: 0),
        secret: "rst_9e1d44aa_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA")

    @Test func keysAreListedNewestFirst() {
        let state = onKeys()
        #expect(state.keys.keys.map(\.id) == ["k1", "k3", "k2", "k4"])
    }

    @Test func revokeStartsOnCancelAndEnterThereDoesNothingDestructive() {
        var state = onKeys()
        state.type("D")
        guard case .typedConfirm(let dialog)? = state.topModal else {
            Issue.record("no dialog")
            return
        }
        #expect(dialog.focus == .cancel)
        #expect(dialog.lines.joined(separator: " ").contains("Last used 14s ago"))
        // y, n and letters are text here, never answers.
        #expect(state.type("yn").isEmpty)
        #expect(state.press(.enter).isEmpty)
        #expect(state.topModal == nil)
        #expect(state.flash?.text == "Cancelled: nothing was changed.")
    }

    @Test func revokeWithTheLabelTypedWrites() {
        var state = onKeys()
        state.type("D")
        state.type("okta-prod")
        if case .typedConfirm(let dialog)? = state.topModal { #expect(dialog.focus == .confirm) }
        #expect(state.screen().contains("[ Revoke ]"))
        #expect(state.press(.enter) == [.write(.revokeKey(id: "k1"), organizationID: "org-1")])
        let after = state.send(.writeSucceeded(.revokeKey(id: "k1"), .keyRevoked))
        #expect(after.contains(.loadKeys(organizationID: "org-1")))
    }

    @Test func revokingARevokedKeyIsRefused() {
        var state = onKeys()
        state.type("G")
        #expect(state.type("D").isEmpty && state.topModal == nil)
        #expect(state.flash?.text.contains("already revoked") == true)
    }

    @Test func rotateOffersGracePeriodsDefaultingToADayThenShowsTheSecretOnce() {
        var state = onKeys()
        state.type("r")
        guard case .choice(let choice)? = state.topModal else {
            Issue.record("no grace choice")
            return
        }
        #expect(choice.options == ["0: the old key stops working now", "1 hour", "24 hours", "7 days"])
        #expect(choice.selected == 2)
        state.type("j")
        let effects = state.press(.enter)
        #expect(effects == [.write(.rotateKey(id: "k1", grace: 604_800), organizationID: "org-1")])
        state.send(.writeSucceeded(.rotateKey(id: "k1", grace: 604_800),
                                   .key(newKey, replaced: APIKeyReplacement(prefix: "rst_7f2c9a1b", grace: 604_800))))
        guard case .secret(let secret)? = state.topModal else {
            Issue.record("no secret dialog")
            return
        }
        #expect(secret.secret == newKey.secret)
        #expect(state.type("y") == [.copy(newKey.secret)])
        #expect(state.screen().contains("Copied to the clipboard"))
        state.press(.enter)
        #expect(state.topModal == nil)
        #expect(!state.screen().contains(newKey.secret))
    }

    @Test func newKeyAsksLabelThenExpiry() {
        var state = onKeys()
        state.type("n")
        state.press(.enter)
        #expect(state.flash?.text.contains("needs a label") == true)
        state.type("okta-eu")
        state.press(.enter)
        state.type("j")
        let effects = state.press(.enter)
        #expect(effects == [.write(.createKey(label: "okta-eu", expiresAt: Fixture.now.addingTimeInterval(30 * 86_400)),
                                   organizationID: "org-1")])
    }

    @Test func welcomePanelShowsTheFirstKeyOnceAndEnterDismissesIt() {
        var state = Fixture.state(firstKey: newKey)
        #expect(state.screen().contains(newKey.secret))
        #expect(state.screen().contains("http://127.0.0.1:8080/scim/v2"))
        // Keys go to the panel, not to the screen under it.
        state.answer(state.send(.started))
        #expect(state.type("jD").isEmpty)
        guard case .secret? = state.topModal else {
            Issue.record("the panel closed")
            return
        }
        #expect(state.members.list.selectedIndex == 0)
        state.press(.enter)
        #expect(state.topModal == nil)
        #expect(!state.screen().contains(newKey.secret))
    }
}
