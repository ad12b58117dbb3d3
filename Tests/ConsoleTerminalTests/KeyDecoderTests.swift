import ConsoleCore
import ConsoleTerminal
import Testing

/// The curses-to-Key table, with ncurses' key codes spelled as numbers: they are part of its ABI, so the test pins
/// the mapping without a terminal (KEY_DOWN 0402, KEY_F0 0410, KEY_BTAB 0541…).
@Suite struct KeyDecoderTests {
    @Test func arrowsAndNavigation() {
        let table: [(Int32, Key)] = [
            (0o403, .up), (0o402, .down), (0o404, .left), (0o405, .right),
            (0o406, .home), (0o550, .end), (0o523, .pageUp), (0o522, .pageDown),
            (0o534, .home), (0o537, .end), (0o535, .pageUp), (0o540, .pageDown),  // keypad A1, C1, A3, C3
        ]
        for (code, key) in table {
            #expect(KeyDecoder.decode(.keyCode(code)) == key, "code \(code)")
        }
    }

    @Test func editingAndFunctionKeys() {
        #expect(KeyDecoder.decode(.keyCode(0o527)) == .enter, "KEY_ENTER (keypad)")
        #expect(KeyDecoder.decode(.keyCode(0o541)) == .backTab, "KEY_BTAB: Shift-Tab")
        #expect(KeyDecoder.decode(.keyCode(0o407)) == .backspace, "KEY_BACKSPACE")
        #expect(KeyDecoder.decode(.keyCode(0o512)) == .delete, "KEY_DC")
        #expect(KeyDecoder.decode(.keyCode(0o632)) == .resize, "KEY_RESIZE")
        #expect(KeyDecoder.decode(.keyCode(0o411)) == .function(1), "KEY_F(1)")
        #expect(KeyDecoder.decode(.keyCode(0o414)) == .function(4))
        #expect(KeyDecoder.decode(.keyCode(0o410 + 24)) == .function(24))
        #expect(KeyDecoder.decode(.keyCode(0o410)) == nil, "KEY_F0 is no key on a keyboard")
        #expect(KeyDecoder.decode(.keyCode(0o631)) == nil, "KEY_MOUSE: the mouse is off")
        #expect(KeyDecoder.decode(.keyCode(0o1000)) == nil, "codes past KEY_MAX (terminfo extensions)")
    }

    @Test func controlCharacters() {
        #expect(KeyDecoder.decode(.character(9)) == .tab)
        #expect(KeyDecoder.decode(.character(13)) == .enter, "CR: Enter with nonl()")
        #expect(KeyDecoder.decode(.character(10)) == .enter, "LF")
        #expect(KeyDecoder.decode(.character(27)) == .escape)
        #expect(KeyDecoder.decode(.character(127)) == .backspace, "DEL: most terminals' Backspace")
        #expect(KeyDecoder.decode(.character(8)) == .backspace, "Ctrl-H: the others'")
        #expect(KeyDecoder.decode(.character(3)) == .ctrl("c"), "raw mode: Ctrl-C is a key, not SIGINT")
        #expect(KeyDecoder.decode(.character(4)) == .ctrl("d"))
        #expect(KeyDecoder.decode(.character(12)) == .ctrl("l"))
        #expect(KeyDecoder.decode(.character(21)) == .ctrl("u"))
        #expect(KeyDecoder.decode(.character(26)) == .ctrl("z"), "raw mode: Ctrl-Z does not suspend")
        #expect(KeyDecoder.decode(.character(0)) == nil, "Ctrl-Space")
        #expect(KeyDecoder.decode(.character(28)) == nil, "Ctrl-\\")
        #expect(KeyDecoder.decode(.character(0x9B)) == nil, "a C1 control (CSI) is never text")
    }

    @Test func text() {
        #expect(KeyDecoder.decode(.character(0x6A)) == .character("j"))
        #expect(KeyDecoder.decode(.character(0x20)) == .character(" "))
        #expect(KeyDecoder.decode(.character(0x44)) == .character("D"))
        #expect(KeyDecoder.decode(.character(0xE9)) == .character("é"))
        #expect(KeyDecoder.decode(.character(0x738B)) == .character("王"))
        #expect(KeyDecoder.decode(.character(0x1F600)) == .character("😀"))
        #expect(KeyDecoder.decode(.character(0xD800)) == nil, "a lone surrogate is no character")
    }
}
