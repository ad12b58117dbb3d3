import Foundation
import RosterStore
import Testing

@Suite struct ResourceIDTests {
    @Test func idsAreVersion7UUIDsInCreationOrder() {
        let earlier = ResourceID.make(at: Date(timeIntervalSince1970: 1_800_000_000))
        let later = ResourceID.make(at: Date(timeIntervalSince1970: 1_800_000_000.002))
        #expect(UUID(uuidString: earlier) != nil && earlier == earlier.lowercased())
        let characters = Array(earlier)
        #expect(characters.count == 36 && characters[14] == "7" && "89ab".contains(characters[19]))
        #expect(earlier < later)
        #expect(earlier.hasPrefix("01a3185c-5000"))  // 1,800,000,000,000 ms = 0x01a3185c5000
    }

    @Test func idsMadeInTheSameMillisecondDiffer() {
        let now = Date()
        #expect(Set((0..<10_000).map { _ in ResourceID.make(at: now) }).count == 10_000)
    }
}
