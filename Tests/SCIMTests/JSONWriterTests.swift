import Foundation
import SCIM
import Testing

@Suite struct JSONWriterTests {
    private func written(_ text: String) -> String {
        var out: [UInt8] = []
        JSONWriter.writeString(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func stringsEscapeQuotesBackslashesAndControlCharacters() {
        #expect(written("") == #""""#)
        #expect(written("plain") == #""plain""#)
        #expect(written(#"say "hi"\now"#) == #""say \"hi\"\\now""#)
        #expect(written("a\nb\rc\td\u{01}e\u{1F}") == #""a\nb\rc\td\u0001e\u001f""#)
        #expect(written("\"") == #""\"""#)
        #expect(written("Zoë ✓ 東京") == "\"Zoë ✓ 東京\"")
    }

    /// Whatever the text, what is written parses back to it.
    @Test func partsAreWrittenAsTheStringOfTheirConcatenation() {
        var parts: [UInt8] = []
        JSONWriter.writeString("https://h/scim/v2", "/Users/", #"a"b\c"#, "\n", into: &parts)
        #expect(String(decoding: parts, as: UTF8.self) == written("https://h/scim/v2/Users/" + #"a"b\c"# + "\n"))
        var none: [UInt8] = []
        JSONWriter.writeString("", "", into: &none)
        #expect(String(decoding: none, as: UTF8.self) == #""""#)
    }

    @Test func everyStringRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab\"\\\n\t\u{0}\u{7}é東\u{1F600} ")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let parsed = try JSONParser.parse(written(text))
            #expect(parsed == .string(text))
        }
    }
}
