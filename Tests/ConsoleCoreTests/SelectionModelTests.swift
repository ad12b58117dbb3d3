import ConsoleCore
import Testing

struct SelectionModelTests {
    @Test func selectionStaysOnTheSameItemAndScreenLineWhenRowsArriveAbove() {
        var list = SelectionModel<Int>(viewportHeight: 5)
        list.replaceRows(Array(10...29))
        list.move(by: 7)  // id 17, scrolled so it is on the last line
        #expect(list.selectedID == 17)
        #expect(list.selectedLine == 4)
        list.replaceRows(Array(1...29))  // nine rows arrive above
        #expect(list.selectedID == 17)
        #expect(list.selectedIndex == 16)
        #expect(list.selectedLine == 4)
        #expect(list.visibleRange == 12..<17)
    }

    @Test func aDeletedSelectionFallsToTheRowNowAtItsIndex() {
        var list = SelectionModel<String>(viewportHeight: 10)
        list.replaceRows(["a", "b", "c", "d"])
        list.select(id: "c")
        list.replaceRows(["a", "b", "d"])
        #expect(list.selectedID == "d")
        list.replaceRows(["a"])
        #expect(list.selectedID == "a")
        list.replaceRows([])
        #expect(list.selectedID == nil)
        #expect(list.selectedIndex == nil)
        list.replaceRows(["z"])
        #expect(list.selectedID == "z")
    }

    @Test func movementStopsAtTheEndsAndScrollsToKeepTheSelectionVisible() {
        var list = SelectionModel<Int>(viewportHeight: 4)
        list.replaceRows(Array(0..<10))
        list.move(by: -3)
        #expect(list.selectedIndex == 0)
        list.moveToLast()
        #expect(list.selectedIndex == 9)
        #expect(list.visibleRange == 6..<10)
        list.pageUp()
        #expect(list.selectedIndex == 5)
        #expect(list.visibleRange == 5..<9)
        list.halfPageUp()
        #expect(list.selectedIndex == 3)
        list.pageDown()
        #expect(list.selectedIndex == 7)
        list.halfPageDown()
        #expect(list.selectedIndex == 9)
        list.moveToFirst()
        #expect(list.visibleRange == 0..<4)
        let found = list.select(id: 42)
        #expect(!found)
        #expect(list.selectedIndex == 0)
    }

    @Test func resizingKeepsTheSelectionVisible() {
        var list = SelectionModel<Int>(viewportHeight: 10)
        list.replaceRows(Array(0..<30))
        list.move(by: 9)
        list.resize(viewportHeight: 4)
        #expect(list.visibleRange.contains(9))
        list.resize(viewportHeight: 40)
        #expect(list.visibleRange == 0..<30)
    }

    @Test func aPlainListNeverFollows() {
        var list = SelectionModel<Int>(viewportHeight: 5)
        list.replaceRows([3, 2, 1])
        #expect(!list.isFollowing)
        list.replaceRows([4, 3, 2, 1])
        #expect(list.selectedID == 3)
        #expect(list.unseenCount == 0)
    }

    @Test func followingTracksTheNewestRow() {
        var requests = SelectionModel<Int>(viewportHeight: 5, followsNewest: true)
        #expect(requests.isFollowing)
        requests.replaceRows([3, 2, 1])
        #expect(requests.selectedID == 3)
        requests.replaceRows([5, 4, 3, 2, 1])
        #expect(requests.selectedID == 5)
        #expect(requests.isFollowing)
        #expect(requests.unseenCount == 0)
    }

    @Test func movingAwayPausesAndCountsNewRows() {
        var requests = SelectionModel<Int>(viewportHeight: 5, followsNewest: true)
        requests.replaceRows([5, 4, 3, 2, 1])
        requests.move(by: 2)  // reading request 3
        #expect(!requests.isFollowing)
        requests.replaceRows([7, 6, 5, 4, 3, 2, 1])
        #expect(requests.selectedID == 3)
        #expect(requests.unseenCount == 2)
        requests.replaceRows([8, 7, 6, 5, 4, 3, 2, 1])
        #expect(requests.selectedID == 3)
        #expect(requests.unseenCount == 3)
        requests.move(by: -1)
        #expect(!requests.isFollowing)
        #expect(requests.unseenCount == 3)
    }

    @Test func reachingTheNewestRowResumesFollowing() {
        var requests = SelectionModel<Int>(viewportHeight: 5, followsNewest: true)
        requests.replaceRows([3, 2, 1])
        requests.moveToLast()
        requests.replaceRows([4, 3, 2, 1])
        #expect(requests.unseenCount == 1)
        requests.moveToFirst()
        #expect(requests.isFollowing)
        #expect(requests.unseenCount == 0)
        requests.replaceRows([5, 4, 3, 2, 1])
        #expect(requests.selectedID == 5)
    }

    @Test func followJumpsToTheNewest() {
        var requests = SelectionModel<Int>(viewportHeight: 2, followsNewest: true)
        requests.replaceRows(Array((1...20).reversed()))
        requests.moveToLast()
        requests.replaceRows(Array((1...25).reversed()))
        #expect(requests.unseenCount == 5)
        #expect(requests.selectedID == 1)
        requests.follow()
        #expect(requests.isFollowing)
        #expect(requests.selectedID == 25)
        #expect(requests.visibleRange == 0..<2)
        #expect(requests.unseenCount == 0)
    }

    @Test func aRingBufferDroppingTheSelectedOldestRowKeepsAValidSelection() {
        var requests = SelectionModel<Int>(viewportHeight: 3, followsNewest: true)
        requests.replaceRows([4, 3, 2, 1])
        requests.moveToLast()  // request 1, the oldest
        requests.replaceRows([6, 5, 4, 3])  // ring of 4: 1 and 2 fell off
        #expect(requests.selectedID == 3)
        #expect(requests.unseenCount == 2)
        #expect(!requests.isFollowing)
    }
}
