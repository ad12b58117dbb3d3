import ConsoleCore
import Foundation
import RosterStore
import SCIM
import Testing

/// The small value types under the reducer: paged cursor, text input, formats.
struct ConsoleModelTests {
    @Test func pagedListAsksOnlyForTheWindowAroundTheViewport() {
        var list = PagedList<Int>(viewportHeight: 20)
        #expect(list.requestWindow() == 0..<100)
        #expect(list.requestWindow() == nil, "already asked")
        list.apply(start: 0, items: (0..<100).map { .init(id: "\($0)", row: $0) }, total: 5000)
        #expect(list.requestWindow() == nil)
        list.select(2500)
        #expect(list.visibleRange == 2481..<2501)
        #expect(list.requestWindow() == 2461..<2561)
        #expect(list.selectedItem == nil, "not loaded yet")
        list.apply(start: 2461, items: (2461..<2561).map { .init(id: "\($0)", row: $0) }, total: 5000)
        #expect(list.selectedItem?.row == 2500)
        #expect(list.pending == nil)
    }

    @Test func pagedListKeepsTheSelectedIDOnItsLineAndClampsWhenTheListShrinks() {
        var list = PagedList<Int>(viewportHeight: 5)
        list.apply(start: 0, items: (0..<10).map { .init(id: "\($0)", row: $0) }, total: 10)
        list.select(4)
        let line = list.selectedIndex - list.scrollOffset
        list.apply(start: 0, items: ([99] + Array(0..<10)).map { .init(id: "\($0)", row: $0) }, total: 11)
        #expect(list.selectedItem?.id == "4" && list.selectedIndex - list.scrollOffset == line)
        list.apply(start: 0, items: [.init(id: "0", row: 0)], total: 1)
        #expect(list.selectedIndex == 0 && list.scrollOffset == 0)
    }

    @Test func textInputEditsWholeCharacters() {
        var input = TextInput("王小明 jane")
        input.deleteWord()
        #expect(input.text == "王小明 " && input.cursor == 4)
        input.deleteBackward()
        input.deleteBackward()
        #expect(input.text == "王小")
        input.moveToStart()
        input.insert("👩‍💻")
        #expect(input.text == "👩‍💻王小" && input.textBeforeCursor == "👩‍💻")
        input.moveRight()
        input.deleteToStart()
        #expect(input.text == "小" && input.cursor == 0)
        input.deleteForward()
        #expect(input.text.isEmpty)
    }

    @Test func requestPathsDropTheBaseAndShortenIDs() {
        let entry = Fixture.entry(1, path: "/scim/v2/Users/8f3c2d1e-1111-7000-8000-000000000001")
        #expect(RequestPathText.compact(entry, ellipsis: "…") == "/Users/8f3c2d1e…")
        let search = Fixture.entry(2, query: "filter=userName+eq+%22jane%22&count=2")
        #expect(RequestPathText.compact(search, ellipsis: "~") == "/Users?filter=userName eq \"jane\"&count=2")
    }

    @Test func curlReplaysTheRequestWithTheKeyAsAVariable() {
        let entry = Fixture.entry(1, method: "POST", path: "/scim/v2/Groups", requestBody: #"{"displayName":"O'Neil"}"#)
        #expect(CurlCommand.text(for: entry, baseURL: "https://roster.example.com/scim/v2")
                == #"curl -X POST 'https://roster.example.com/scim/v2/Groups' -H 'Authorization: Bearer $ROSTER_KEY' "#
                + #"-H 'Content-Type: application/scim+json' --data-raw '{"displayName":"O'\''Neil"}'"#)
    }

    @Test func relativeTimesAndNumbers() {
        let now = Fixture.now
        #expect(RelativeTime.text(now, now: now) == "just now")
        #expect(RelativeTime.text(now.addingTimeInterval(-14), now: now) == "14s ago")
        #expect(RelativeTime.text(now.addingTimeInterval(-3 * 3600), now: now) == "3h ago")
        #expect(RelativeTime.text(now.addingTimeInterval(23 * 3600), now: now) == "in 23h")
        #expect(RelativeTime.text(now.addingTimeInterval(-86_400 * 400), now: now) == "1y ago")
        #expect(NumberText.grouped(1_000_000) == "1,000,000" && NumberText.grouped(999) == "999")
        #expect(NumberText.latency(micros: 850) == "850µs")
        #expect(NumberText.latency(micros: 2_450) == "2.4ms")
        #expect(NumberText.latency(micros: 120_000) == "120ms")
        #expect(NumberText.latency(micros: 1_400_000, ascii: true) == "1.4s")
        #expect(ClockTime.full(now, in: Fixture.utc) == "2026-08-22 14:05:00.000Z")
    }

    @Test func requestFilterGrammar() throws {
        let filter = try RequestFilter.parse("status:4xx..5xx method:patch path:/Users key:7F2C deactivate")
        #expect(filter.statuses == [400...599] && filter.methods == ["PATCH"])
        let entry = Fixture.entry(1, method: "PATCH", status: 409, summary: "Okta · deactivate jane")
        #expect(filter.matches(entry))
        #expect(!filter.matches(Fixture.entry(2, method: "PATCH", status: 200, summary: "Okta · deactivate jane")))
        #expect(throws: SCIMError.self) { try RequestFilter.parse("status:600") }
    }

    @Test func listFilterInputTellsFiltersFromSearches() throws {
        #expect(try ListFilterInput.filter(for: "  ", kind: .user) == nil)
        #expect(try ListFilterInput.filter(for: "displayName sw \"Ana\"", kind: .user)
                == .compare(AttributePath(attribute: "displayName"), .sw, .string("Ana")))
        // A department search is a filter on the enterprise extension when written as one...
        #expect(throws: SCIMError.self) { try ListFilterInput.filter(for: "department Sales", kind: .user) }
        // ...and plain text otherwise, even with words that are operators.
        #expect(try ListFilterInput.filter(for: "John le Carré", kind: .user)
                == ListFilterInput.plainSearch("John le Carré", kind: .user))
        #expect(try ListFilterInput.filter(for: "Sales", kind: .group)
                == .compare(AttributePath(attribute: "displayName"), .co, .string("Sales")))
    }
}
