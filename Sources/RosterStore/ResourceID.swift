import Foundation

/// Ids for the rows every store creates (members, teams, organizations, keys, events): UUID version 7 (RFC 9562 §5.7), lowercase.
///
/// The first 48 bits are the creation time in Unix milliseconds and the rest is random, so ids are
/// as unguessable as UUIDv4 for clients (74 random bits) but arrive in roughly ascending order:
/// inserting into the unique `id` index appends near its end instead of touching a random page of
/// a 1,000,000-entry B-tree, which is what makes bulk loads and steady provisioning cheap.
public enum ResourceID {
    public static func make(at date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - i))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: high & 0x0F)  // version 7
        bytes[7] = UInt8(truncatingIfNeeded: high >> 8)
        bytes[8] = 0x80 | UInt8(truncatingIfNeeded: (high >> 16) & 0x3F)  // variant 10
        for i in 9..<16 { bytes[i] = UInt8(truncatingIfNeeded: low >> (8 * (i - 9))) }
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
