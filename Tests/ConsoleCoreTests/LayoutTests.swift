import ConsoleCore
import Testing

struct LayoutTests {
    @Test func frameAt80x24() throws {
        let frame = try #require(FrameLayout(size: TerminalSize(rows: 24, cols: 80)))
        #expect(frame.tabs == Rect(row: 0, col: 0, height: 1, width: 80))
        #expect(frame.title == Rect(row: 1, col: 0, height: 1, width: 80))
        #expect(frame.body == Rect(row: 2, col: 0, height: 20, width: 80))
        #expect(frame.flash == Rect(row: 22, col: 0, height: 1, width: 80))
        #expect(frame.hints == Rect(row: 23, col: 0, height: 1, width: 80))
    }

    @Test func frameAt120x40() throws {
        let frame = try #require(FrameLayout(size: TerminalSize(rows: 40, cols: 120)))
        #expect(frame.body == Rect(row: 2, col: 0, height: 36, width: 120))
        #expect(frame.hints.row == 39)
    }

    /// The regions drawn as letters, lazygit-style: the whole frame at the minimum size in one picture.
    @Test func regionsTileTheMinimumSize() throws {
        let frame = try #require(FrameLayout(size: FrameLayout.minimumSize))
        var grid = TextGrid(size: frame.size)
        for (rect, letter) in [(frame.tabs, "T"), (frame.title, "t"), (frame.body, "b"), (frame.flash, "f"),
                               (frame.hints, "h")] as [(Rect, Character)] {
            grid.fill(rect, character: letter, style: .normal)
        }
        let rows = grid.render().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count == 16)
        #expect(rows.allSatisfy { $0.count == 60 })
        #expect(rows.map { $0.first! } == ["T", "t"] + Array(repeating: "b", count: 12) + ["f", "h"])
    }

    @Test(arguments: [(14, 52), (15, 80), (24, 59), (0, 0)])
    func belowTheMinimumIsTooSmall(rows: Int, cols: Int) {
        let size = TerminalSize(rows: rows, cols: cols)
        #expect(FrameLayout(size: size) == nil)
        #expect(ScreenLayout.forSize(size) == .tooSmall(size))
    }

    @Test func theMinimumItselfIsAFrame() {
        guard case .frame(let frame) = ScreenLayout.forSize(TerminalSize(rows: 16, cols: 60)) else {
            Issue.record("60x16 should get a frame")
            return
        }
        #expect(frame.body.height == 12)
    }

    @Test func tooSmallNoticeAt52x14() {
        var grid = TextGrid(rows: 14, cols: 52)
        TooSmallNotice.draw(on: &grid)
        expectSnapshot(grid.render(), named: "too-small-52x14")
        #expect(grid.text(row: 5).contains("Terminal too small: 52x14"))
    }

    @Test func tooSmallNoticeIsCutOnTinyTerminals() {
        var grid = TextGrid(rows: 2, cols: 12)
        TooSmallNotice.draw(on: &grid)
        #expect(grid.render() == "Terminal to…\nroster need…")
    }
}
