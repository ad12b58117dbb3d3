import ConsoleCore
import Foundation
import RosterStore
import SCIM
import Testing

/// Flash messages are kept: `:log` shows every one in full, wrapped, newest first.
struct MessageLogTests {
    static let longError = "Could not create member ana@example.com: phoneNumbers[0].value '415.123.4567' is not "
        + "'<country_prefix> <telephone_number>' (the organization's phone policy is strict): fix the number in Okta, "
        + "or set the policy to flag"

    func started() -> ConsoleState {
        var state = Fixture.state()
        state.answer(state.send(.started))
        return state
    }

    @Test func everyFlashIsLoggedWithItsTimeAndLevel() {
        var state = started()
        state.type("P")
        let write = ConsoleWrite.createMember(attributes: JSONObject([("userName", "ana@example.com")]))
        state.send(.writeFailed(write, .invalidValue("phoneNumbers[0].value '415.123.4567' is not valid")),
                   at: Fixture.now.addingTimeInterval(5))
        let entries = state.messageLog.entries
        #expect(entries.count == 2)
        #expect(entries[0].level == .error && entries[0].text.contains("roster demo"))
        #expect(entries[1].time == Fixture.now.addingTimeInterval(5))
        #expect(entries[1].text.hasSuffix("phoneNumbers[0].value '415.123.4567' is not valid"))
        // The flash expires; the log keeps it.
        state.send(.tick, at: Fixture.now.addingTimeInterval(60))
        #expect(state.flash == nil && state.messageLog.entries.count == 2)
    }

    @Test func theLogIsBounded() {
        var state = started()
        for _ in 0..<(MessageLog.capacity + 20) { state.type("P") }
        #expect(state.messageLog.entries.count == MessageLog.capacity)
    }

    @Test func aCutFlashPointsToTheLog() {
        var state = started()
        state.send(.writeFailed(.deleteTeam(id: "t1", name: "Ops"), SCIMError(status: 500, detail: Self.longError)))
        let flashRow = state.screen().split(separator: "\n", omittingEmptySubsequences: false)[22]
        #expect(flashRow.hasSuffix("…  :log"), "\(flashRow)")
        #expect(flashRow.displayWidth == 80)
    }

    @Test func colonLogShowsEveryMessageInFullNewestFirst() {
        var state = started()
        state.send(.writeFailed(.deleteTeam(id: "t1", name: "Ops"), SCIMError(status: 500, detail: Self.longError)))
        state.send(.key(.character("y")), at: Fixture.now.addingTimeInterval(61))  // ✓ Copied the id of …
        state.type(":log")
        state.press(.enter)
        guard case .messages? = state.topModal else {
            Issue.record("no log: \(String(describing: state.topModal))")
            return
        }
        let screen = state.screen()
        #expect(screen.contains("Messages · 2, newest first"))
        let lines = screen.split(separator: "\n").map(String.init)
        let copied = lines.firstIndex { $0.contains("14:06:01  ✓ Copied the id of") } ?? -1
        let failed = lines.firstIndex { $0.contains("14:05:00  ✗ Could not delete team Ops") } ?? -1
        #expect(copied >= 0 && failed > copied, "newest first")
        // Nothing is cut: the end of the long error is on screen, wrapped under the message.
        #expect(screen.contains("policy is strict): fix the number in Okta, or set the policy to"))
        #expect(!screen.contains("…"))
        // y copies the whole log, oldest first; Esc closes.
        let copy = state.type("y")
        guard case .copy(let text)? = copy.first else {
            Issue.record("no copy: \(copy)")
            return
        }
        #expect(text.hasPrefix("14:05:00  ✗ Could not delete team Ops: Could not create member"))
        #expect(text.contains("\n14:06:01  ✓"))
        state.press(.escape)
        #expect(state.topModal == nil)
        expectSnapshot(screenAfterLog(), named: "screen-messages-80x24")
    }

    /// The log on a small screen with more messages than fit: it scrolls.
    func screenAfterLog() -> String {
        var state = started()
        state.send(.writeFailed(.deleteTeam(id: "t1", name: "Ops"), SCIMError(status: 500, detail: Self.longError)))
        for second in 1...20 {
            state.send(.key(.character("y")), at: Fixture.now.addingTimeInterval(Double(second)))
        }
        state.type(":log")
        state.press(.enter)
        state.type("G")
        return state.screen()
    }

    @Test func anEmptyLogSaysWhatItWillHold() {
        var state = started()
        state.type(":l")
        state.press(.tab)
        state.press(.enter)
        #expect(state.screen().contains("No messages yet."))
        #expect(state.type("y").isEmpty, "nothing to copy")
        state.type("q")
        #expect(state.topModal == nil, "q closes the log, it does not quit")
    }
}
