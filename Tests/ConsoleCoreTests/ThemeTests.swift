import ConsoleCore
import Testing

struct ThemeTests {
    @Test func colourAddsColoursToTheMonochromeAttributes() {
        for role in StyleRole.allCases {
            let mono = Theme.monochrome.style(for: role)
            var colour = Theme.color.style(for: role)
            #expect(mono.foreground == nil && mono.background == nil, "\(role)")
            colour.foreground = nil
            colour.background = nil
            #expect(colour == mono, "\(role): colour must not replace the attribute that carries the meaning")
        }
    }

    @Test func meaningNeverRestsOnColourAlone() {
        let mono = Theme.monochrome
        #expect(mono.style(for: .selection).reverse)
        #expect(mono.style(for: .tabActive).reverse)
        for role in [StyleRole.statusClientError, .statusServerError, .flashError, .badgeFollow, .badgePaused] {
            #expect(mono.style(for: role).bold, "\(role)")
        }
        #expect(mono.style(for: .normal) == .plain)
    }

    @Test func colourUsesTheTerminalBackground() {
        for role in StyleRole.allCases {
            #expect(Theme.color.style(for: role).background == nil, "\(role)")
        }
        #expect(Theme.color.style(for: .statusServerError).foreground == .red)
        #expect(Theme.color.style(for: .statusOK).foreground == .green)
    }

    @Test func colourPairsAreDistinctAndNumberedFromOne() {
        let theme = Theme.color
        let pairs = theme.colorPairs
        #expect(Set(pairs).count == pairs.count)
        #expect(theme.colorPairNumber(for: .normal) == 0)
        #expect(theme.colorPairNumber(for: .selection) == 0)
        let red = theme.colorPairNumber(for: .statusServerError)
        #expect(red > 0 && pairs[red - 1].foreground == .red)
        #expect(theme.colorPairNumber(for: .flashError) == red)
        #expect(Theme.monochrome.colorPairs.isEmpty)
    }

    @Test func selectionFollowsFlagEnvironmentAndTerminal() {
        let tty = ["TERM": "xterm-256color"]
        #expect(Theme.select(mode: .auto, environment: tty, terminalHasColors: true).usesColor)
        #expect(!Theme.select(mode: .auto, environment: tty, terminalHasColors: false).usesColor)
        #expect(!Theme.select(mode: .auto, environment: ["NO_COLOR": "1"], terminalHasColors: true).usesColor)
        #expect(Theme.select(mode: .auto, environment: ["NO_COLOR": ""], terminalHasColors: true).usesColor)
        #expect(!Theme.select(mode: .auto, environment: ["TERM": "dumb"], terminalHasColors: true).usesColor)
        #expect(Theme.select(mode: .always, environment: ["NO_COLOR": "1"], terminalHasColors: false).usesColor)
        #expect(!Theme.select(mode: .never, environment: tty, terminalHasColors: true).usesColor)
        #expect(ColorMode(rawValue: "always") == .always)
        #expect(ColorMode(rawValue: "sometimes") == nil)
    }

    @Test func statusAndMethodRoles() {
        #expect(StyleRole.httpStatus(200) == .statusOK)
        #expect(StyleRole.httpStatus(204) == .statusOK)
        #expect(StyleRole.httpStatus(304) == .statusRedirect)
        #expect(StyleRole.httpStatus(409) == .statusClientError)
        #expect(StyleRole.httpStatus(503) == .statusServerError)
        #expect(StyleRole.httpMethod("get") == .methodRead)
        #expect(StyleRole.httpMethod("PATCH") == .methodWrite)
        #expect(StyleRole.httpMethod("DELETE") == .methodWrite)
    }
}

struct GlyphsTests {
    @Test func choiceFollowsFlagAndCodeset() {
        #expect(Glyphs.select(asciiFlag: false, codeset: "UTF-8") == .unicode)
        #expect(Glyphs.select(asciiFlag: false, codeset: "utf8") == .unicode)
        #expect(Glyphs.select(asciiFlag: true, codeset: "UTF-8") == .ascii)
        #expect(Glyphs.select(asciiFlag: false, codeset: "ANSI_X3.4-1968") == .ascii)
        #expect(Glyphs.select(asciiFlag: false, codeset: nil) == .ascii)
        #expect(Glyphs.ascii.notation == .ascii && Glyphs.unicode.notation == .unicode)
    }

    @Test func everyGlyphHasTheWidthLayoutsAssume() {
        for glyphs in [Glyphs.unicode, .ascii] {
            let singleCell = [
                glyphs.selectionMarker, glyphs.ellipsis, glyphs.horizontal, glyphs.vertical, glyphs.topLeft,
                glyphs.topRight, glyphs.bottomLeft, glyphs.bottomRight, glyphs.arrowUp, glyphs.arrowDown,
                glyphs.arrowLeft, glyphs.arrowRight, glyphs.breadcrumb, glyphs.separator, glyphs.dot, glyphs.check,
                glyphs.cross,
            ]
            #expect(singleCell.allSatisfy { $0.displayWidth == 1 }, "\(glyphs.isASCII ? "ascii" : "unicode")")
        }
        let ascii = Glyphs.ascii
        let all = [ascii.selectionMarker, ascii.ellipsis, ascii.horizontal, ascii.dot, ascii.enterKey, ascii.transition]
        #expect(all.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }
}
