import ConsoleCore
import Testing

struct TextGridTests {
    @Test func putClipsAtTheRightEdgeAndReturnsTheNextColumn() {
        var grid = TextGrid(rows: 2, cols: 10)
        #expect(grid.put(row: 0, col: 2, text: "hello", style: .normal) == 7)
        #expect(grid.put(row: 1, col: 6, text: "overflow", style: .normal) == 10)
        #expect(grid.render() == "  hello\n      over")
        #expect(grid.put(row: 5, col: 0, text: "off screen", style: .normal) == 0)
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = TextGrid(rows: 1, cols: 10)
        #expect(grid.put(row: 0, col: 0, text: "王小明!", style: .title) == 7)
        #expect(grid[0, 0] == TextGrid.Cell(character: "王", width: 2, style: .title))
        #expect(grid[0, 1].width == 0)
        #expect(grid[0, 6].character == "!")
        #expect(grid.render() == "王小明!")
    }

    @Test func aWideCharacterThatWouldStraddleTheEdgeBecomesSpaces() {
        var grid = TextGrid(rows: 1, cols: 5)
        grid.put(row: 0, col: 0, text: "ab王小", style: .normal)
        #expect(grid.render() == "ab王")
        #expect(grid[0, 4] == .blank())
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = TextGrid(rows: 2, cols: 6)
        grid.put(row: 0, col: 0, text: "王小明", style: .normal)
        grid.put(row: 0, col: 1, text: "x", style: .normal)  // right half of 王
        #expect(grid.render().split(separator: "\n").first == " x小明")
        grid.put(row: 1, col: 0, text: "王小明", style: .normal)
        grid.put(row: 1, col: 2, text: "y", style: .normal)  // left half of 小
        #expect(grid.text(row: 1) == "王y 明")
        #expect((0..<6).map { grid[1, $0].width }.reduce(0, +) == 6)
    }

    @Test func textStartingLeftOfTheScreenIsClipped() {
        var grid = TextGrid(rows: 1, cols: 6)
        grid.put(row: 0, col: -2, text: "abcd", style: .normal)
        #expect(grid.render() == "cd")
        grid.clear()
        grid.put(row: 0, col: -1, text: "王x", style: .normal)  // the visible half of 王 is blanked
        #expect(grid.render() == " x")
    }

    @Test func controlCharactersAreEscapedNotDrawn() {
        var grid = TextGrid(rows: 1, cols: 20)
        grid.put(row: 0, col: 0, text: "a\u{1B}[31mb", style: .normal)
        #expect(grid.render() == "a␛[31mb")
        var ascii = TextGrid(rows: 1, cols: 20, notation: .ascii)
        ascii.put(row: 0, col: 0, text: "a\u{1B}b\u{202E}", style: .normal)
        #expect(ascii.render() == "a^[b<U+202E>")
    }

    @Test func combiningSequencesStayInOneCell() {
        var grid = TextGrid(rows: 1, cols: 5)
        #expect(grid.put(row: 0, col: 0, text: "Zoe\u{301}", style: .normal) == 3)
        #expect(grid[0, 2].character == "e\u{301}")
    }

    @Test func fillClearAndTrimming() {
        var grid = TextGrid(rows: 3, cols: 8)
        grid.fill(Rect(row: 1, col: 2, height: 5, width: 10), character: "-", style: .dim)
        #expect(grid.render() == "\n  ------\n  ------")
        #expect(grid[2, 7].style == .dim)
        grid.fill(Rect(row: 0, col: 0, height: 1, width: 8), character: " ", style: .selection)
        #expect(grid.text(row: 0) == "")
        #expect(grid[0, 3].style == .selection)
        grid.clear()
        #expect(grid.render() == "\n\n")
        #expect(grid[1, 3] == .blank())
    }

    @Test func fittedPutOverwritesTheWholeWidth() {
        var grid = TextGrid(rows: 1, cols: 12)
        grid.put(row: 0, col: 0, text: "previous text", style: .normal)
        #expect(grid.put(row: 0, col: 0, width: 6, text: "王小明x", style: .selection) == 6)
        #expect(grid.render() == "王小… us tex")
        #expect(grid[0, 5].style == .selection)
    }
}
