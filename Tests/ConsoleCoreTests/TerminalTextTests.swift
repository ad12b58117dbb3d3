import ConsoleCore
import Testing

struct TerminalTextTests {
    @Test func escapeSequencesBecomeVisible() {
        #expect(TerminalText.sanitized("evil\u{1B}[2J") == "evil␛[2J")
        #expect(TerminalText.sanitized("evil\u{1B}[2J", notation: .ascii) == "evil^[[2J")
        #expect(TerminalText.sanitized("title\u{1B}]0;pwned\u{07}") == "title␛]0;pwned␇")
    }

    @Test func c0ControlsAndDelete() {
        #expect(TerminalText.sanitized("a\tb\nc\rd\u{0}") == "a␉b␊c␍d␀")
        #expect(TerminalText.sanitized("a\tb\nc", notation: .ascii) == "a^Ib^Jc")
        #expect(TerminalText.sanitized("x\u{7F}") == "x␡")
        #expect(TerminalText.sanitized("x\u{7F}", notation: .ascii) == "x^?")
    }

    @Test func c1ControlsBidiOverridesAndSeparators() {
        #expect(TerminalText.sanitized("csi\u{9B}31m") == "csi<U+009B>31m")
        #expect(TerminalText.sanitized("invoice\u{202E}fdp.exe") == "invoice<U+202E>fdp.exe")
        #expect(TerminalText.sanitized("\u{2066}x\u{2069}", notation: .ascii) == "<U+2066>x<U+2069>")
        #expect(TerminalText.sanitized("a\u{2028}b") == "a<U+2028>b")
    }

    @Test func safeTextIsUnchanged() {
        for text in ["jane.doe@example.com", "王小明", "Zoe\u{301}", "👩\u{200D}💻", "❤\u{FE0F}", "Ολυμπία", ""] {
            #expect(TerminalText.sanitized(text) == text)
            #expect(TerminalText.sanitized(text).unicodeScalars.elementsEqual(text.unicodeScalars))
        }
    }

    @Test func nothingDangerousSurvives() {
        var all = String.UnicodeScalarView()
        for value in Array(0..<0x100) + [0x061C, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0x2028, 0x2029] {
            all.append(Unicode.Scalar(UInt32(value))!)
        }
        for notation in [TerminalText.Notation.unicode, .ascii] {
            let clean = TerminalText.sanitized(String(all), notation: notation)
            #expect(!clean.unicodeScalars.contains(where: TerminalText.needsEscaping))
        }
    }

    @Test func linesSplitOnEveryNewlineConvention() {
        #expect(TerminalText.sanitizedLines("a\r\nb\nc\rd") == ["a", "b", "c", "d"])
        #expect(TerminalText.sanitizedLines("x\u{1B}y\n") == ["x␛y", ""])
        #expect(TerminalText.sanitizedLines("") == [""])
        #expect(TerminalText.sanitizedLines("\n\n") == ["", "", ""])
    }
}
