import Foundation
import Hummingbird
import HummingbirdTesting
import RosterSQLite
import RosterServer
import RosterStore
import SCIM
import Testing

@Suite struct QueryParametersTests {
    @Test func plusIsASpaceAndPercentEscapesDecode() {
        let query = QueryParameters("filter=userName+eq+%22jane.doe%40example.com%22&startIndex=1&count=100")
        #expect(query["filter"] == "userName eq \"jane.doe@example.com\"")
        #expect(query["startIndex"] == "1")
        #expect(query["count"] == "100")
    }

    @Test func encodedPlusStaysAPlus() {
        #expect(QueryParameters("filter=userName%20eq%20%22a%2Bb%40x.com%22")["filter"] == "userName eq \"a+b@x.com\"")
    }

    @Test func namesIgnoreCaseAndOrderIsFree() {
        let query = QueryParameters("COUNT=5&startindex=3&Filter=x")
        #expect(query["count"] == "5")
        #expect(query["startIndex"] == "3")
        #expect(query["filter"] == "x")
        #expect(query["sortBy"] == nil)
    }

    @Test func malformedInputIsKeptOrSkipped() {
        let query = QueryParameters("a=%zz&b=100%&&c&d=%E2%82%AC&e=%FF")
        #expect(query["a"] == "%zz")
        #expect(query["b"] == "100%")
        #expect(query["c"] == "")
        #expect(query["d"] == "€")
        #expect(query["e"] == "\u{FFFD}")
        #expect(query.parameters.count == 5)
    }

    @Test func firstOccurrenceWins() {
        #expect(QueryParameters("count=1&count=2")["count"] == "1")
    }

    @Test func emptyQuery() {
        #expect(QueryParameters(nil).isEmpty)
        #expect(QueryParameters("").isEmpty)
    }
}
