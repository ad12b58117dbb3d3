import SCIM
import Testing

struct PageCursorTests {
    @Test func anEmptyCursorIsTheFirstPageAndTokensRoundTrip() throws {
        let first = try PageCursor("", query: "user|||false")
        #expect(first.startIndex == 1)
        let next = try #require(first.next(totalResults: 250, itemsPerPage: 100))
        #expect(next.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" })
        let second = try PageCursor(next, query: "user|||false")
        #expect(second.startIndex == 101)
        #expect(second.token == next)
        let third = try PageCursor(try #require(second.next(totalResults: 250, itemsPerPage: 100)), query: "user|||false")
        #expect(third.startIndex == 201)
        #expect(third.next(totalResults: 250, itemsPerPage: 50) == nil)
        #expect(first.next(totalResults: 0, itemsPerPage: 0) == nil)
    }

    @Test func aCursorOnlyContinuesItsOwnQuery() throws {
        let token = try #require(PageCursor(firstPageOf: "user|||false").next(totalResults: 10, itemsPerPage: 5))
        #expect(throws: SCIMError.self) { try PageCursor(token, query: "group|||false") }
        for garbage in ["x", "1-", "-1", "0-811c9dc5", "zz-zz-zz"] {
            #expect(throws: SCIMError.self, "\(garbage)") { try PageCursor(garbage, query: "user|||false") }
        }
    }
}
