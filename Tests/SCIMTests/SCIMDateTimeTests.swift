import Foundation
import SCIM
import Testing

@Suite struct SCIMDateTimeTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 1_796_066_061.123_4)) == "2026-11-30T19:14:21.123Z")
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }

    @Test func yearsPastFourDigitsStillFormat() {
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00.000Z")
    }

    /// Agrees with the calendar over many exact-millisecond instants, and parses back to the same
    /// millisecond.
    @Test func agreesWithTheCalendarAndRoundTrips() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_000 {
            let millis = Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)
            let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year!, parts.month!, parts.day!, parts.hour!,
                parts.minute!, parts.second!, Int(millis - seconds * 1000))
            let text = SCIMDateTime.format(Date(timeIntervalSince1970: Double(millis) / 1000))
            #expect(text == expected)
            let parsed = try #require(SCIMDateTime.parse(text))
            #expect(SCIMDateTime.format(parsed) == text)
        }
    }
}
