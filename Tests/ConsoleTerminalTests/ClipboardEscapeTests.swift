import ConsoleTerminal
import Testing

struct ClipboardEscapeTests {
    @Test func copiesUTF8AsBase64InAnOSC52Sequence() {
        #expect(ClipboardEscape.sequence(copying: "rst_ab") == "\u{1B}]52;c;cnN0X2Fi\u{07}")
        #expect(ClipboardEscape.sequence(copying: "王") == "\u{1B}]52;c;546L\u{07}")
    }
}
