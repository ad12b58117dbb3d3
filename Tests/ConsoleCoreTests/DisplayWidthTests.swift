import ConsoleCore
import Testing

struct DisplayWidthTests {
    @Test(arguments: [
        ("hello", 5),
        ("José", 4),  // NFC: é is one scalar
        ("Jose\u{301}", 4),  // NFD: e + combining acute is one column
        ("王小明", 6),
        ("Ολυμπία Παπαδοπούλου", 20),
        ("한국어", 6),
        ("Ａ", 2),  // fullwidth Latin
        ("ｱ", 1),  // halfwidth katakana
        ("😀", 2),
        ("👩\u{200D}💻", 4),  // ZWJ sequence: 2 + 0 + 2, as glibc wcwidth and tmux count it
        ("❤\u{FE0F}", 1),  // VS16 is a zero-width mark
        ("🇯🇵", 2),  // regional indicators are one column each
        ("a\u{200B}b", 2),  // zero-width space
        ("\u{1B}", 1),  // drawn as ␛
        ("\u{202E}", 8),  // drawn as <U+202E>
        ("", 0),
    ])
    func widthOfText(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
        #expect(text.displayWidth == expected)
    }

    @Test func widthOfCharactersAndScalars() {
        #expect(Character("王").displayWidth == 2)
        #expect(Character("e\u{301}").displayWidth == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1F600)!) == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1160)!) == 0)  // Hangul medial vowel
        #expect(DisplayWidth.of(Unicode.Scalar(0xAD)!) == 1)  // soft hyphen stays visible
        #expect(DisplayWidth.of(Unicode.Scalar(0x20000)!) == 2)  // CJK Extension B
        #expect(DisplayWidth.of("abc"[...]) == 3)
    }

    @Test func rawTextIsAsWideAsItsSanitisedForm() {
        let samples = ["evil\u{1B}[2J", "tab\there", "del\u{7F}", "csi\u{9B}31m", "bidi\u{202E}cba", "line\u{2028}"]
        for sample in samples {
            #expect(sample.displayWidth == TerminalText.sanitized(sample).displayWidth, "\(sample.debugDescription)")
        }
    }

    @Test func truncateKeepsHeadAndEndsWithEllipsis() {
        #expect(DisplayWidth.truncate("jane.doe@example.com", toWidth: 10) == "jane.doe@…")
        #expect(DisplayWidth.truncate("short", toWidth: 10) == "short")
        #expect(DisplayWidth.truncate("exact", toWidth: 5) == "exact")
        #expect(DisplayWidth.truncate("anything", toWidth: 0) == "")
        #expect(DisplayWidth.truncate("anything", toWidth: 1) == "…")
        #expect(DisplayWidth.truncate("anything", toWidth: 4, ellipsis: "~") == "any~")
        // An ellipsis wider than the room is left out rather than overflowing.
        #expect(DisplayWidth.truncate("anything", toWidth: 2, ellipsis: "...") == "an")
    }

    @Test func truncateNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.truncate("王小明", toWidth: 5) == "王小…")
        // Only one column is left for 小: the ellipsis follows 王 and a space keeps the width exact.
        #expect(DisplayWidth.truncate("王小明", toWidth: 4) == "王… ")
        #expect(DisplayWidth.truncate("王小明", toWidth: 4).displayWidth == 4)
        #expect(DisplayWidth.truncate("王小明", toWidth: 2) == "… ")
    }

    @Test func truncateNeverSplitsACombiningSequence() {
        let nfd = "Zoe\u{301} Martin"
        let cut = DisplayWidth.truncate(nfd, toWidth: 4)
        #expect(cut == "Zoe\u{301}…")
        #expect(cut.unicodeScalars.contains(Unicode.Scalar(0x301)!))
    }

    @Test func truncateLeftKeepsTheTail() {
        #expect(DisplayWidth.truncateLeft("/scim/v2/Users/8f3c2d1e-a91", toWidth: 12) == "…f3c2d1e-a91")
        #expect(DisplayWidth.truncateLeft("東京太郎", toWidth: 5) == "…太郎")
        #expect(DisplayWidth.truncateLeft("東京太郎", toWidth: 4) == "…郎 ")
        #expect(DisplayWidth.truncateLeft("id", toWidth: 4) == "id")
    }

    @Test func padAndFitUseDisplayWidth() {
        #expect(DisplayWidth.pad("王", toWidth: 4) == "王  ")
        #expect(DisplayWidth.pad("7", toWidth: 3, alignment: .right) == "  7")
        #expect(DisplayWidth.pad("toolong", toWidth: 3) == "toolong")
        #expect(DisplayWidth.fit("王小明", toWidth: 8) == "王小明  ")
        #expect(DisplayWidth.fit("王小明", toWidth: 5) == "王小…")
        #expect(DisplayWidth.fit("abcdef", toWidth: 4, truncation: .keepTail) == "…def")
        #expect(DisplayWidth.fit("12", toWidth: 5, alignment: .right) == "   12")
    }

    /// Every truncation of every sample fits its width exactly and starts (or ends) with whole characters of the
    /// original text.
    @Test func truncationPropertiesHoldForMixedText() {
        let samples = ["王小明@example.com", "Zoe\u{301} Ñúñez", "😀 Smiley Face", "Ολυμπία", "a👩\u{200D}💻b", "ｱｲｳ"]
        for sample in samples {
            for width in 0...(sample.displayWidth + 1) {
                let head = DisplayWidth.truncate(sample, toWidth: width)
                let tail = DisplayWidth.truncateLeft(sample, toWidth: width)
                if sample.displayWidth <= width {
                    #expect(head == sample && tail == sample)
                    continue
                }
                #expect(head.displayWidth == width, "\(sample) → \(head) at \(width)")
                #expect(tail.displayWidth == width, "\(sample) → \(tail) at \(width)")
                let kept = head.split(separator: "…", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                #expect(sample.hasPrefix(kept))
                let keptTail = String(tail.drop { $0 == "…" }).trimmingTrailingSpaces()
                #expect(sample.hasSuffix(keptTail))
            }
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
