import Crypto

/// The shape, generation and hashing of API key secrets, shared by every store.
///
/// A secret reads `rst_<8 lowercase alphanumerics>_<40 base62>`, e.g.
/// `rst_7f2c9a1b_Q3k…`. Its first 12 characters (`rst_7f2c9a1b`) are the visible ``APIKey/prefix``:
/// unique, stored in clear, used to find the key and shown in lists and logs. The remaining 40 base62
/// characters carry about 238 bits of randomness. Stores keep only the SHA-256 of the whole secret;
/// a fast hash is right here because the secret is random, not a password a person chose.
///
/// Application keys (``AppKey``, for the change feed's API) have the same shape with `rsa_` in
/// place of `rst_`, so a key's kind shows in its text and a key sent to the wrong API is told so.
public enum APIKeySecret {
    public static let scheme = "rst_"
    public static let applicationScheme = "rsa_"
    /// Characters after `rst_` in the visible prefix.
    public static let prefixLength = 8
    /// Random base62 characters after the prefix and its `_`.
    public static let secretLength = 40

    private static let lowerAlphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    private static let base62 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A fresh secret and its visible prefix, from the system's cryptographically secure generator.
    public static func generate(scheme: String = scheme) -> (secret: String, prefix: String) {
        var rng = SystemRandomNumberGenerator()
        func pick(_ alphabet: [UInt8], _ count: Int) -> [UInt8] {
            // `randomElement(using:)` draws uniformly (no modulo bias).
            (0..<count).map { _ in alphabet.randomElement(using: &rng)! }
        }
        let prefix = String(decoding: Array(scheme.utf8) + pick(lowerAlphanumerics, prefixLength), as: UTF8.self)
        let secret = prefix + "_" + String(decoding: pick(base62, secretLength), as: UTF8.self)
        return (secret, prefix)
    }

    /// The visible prefix of a well-formed secret, or nil for anything else (blank, truncated, a
    /// different scheme, stray characters), so malformed input never reaches the database.
    // Range tests rather than searching the alphabets: every logged request checks its key's shape.
    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    private static func isBase62(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (0x41...0x5A).contains(byte)
    }

    public static func prefix(of secret: String, scheme: String = scheme) -> String? {
        let bytes = Array(secret.utf8)
        let scheme = Array(scheme.utf8)
        let prefixEnd = scheme.count + prefixLength
        guard bytes.count == prefixEnd + 1 + secretLength, bytes.starts(with: scheme), bytes[prefixEnd] == UInt8(ascii: "_"),
            bytes[scheme.count..<prefixEnd].allSatisfy(isLowerAlphanumeric),
            bytes[(prefixEnd + 1)...].allSatisfy(isBase62)
        else { return nil }
        return String(decoding: bytes[..<prefixEnd], as: UTF8.self)
    }

    /// SHA-256 of the whole secret: what stores keep.
    public static func hash(_ secret: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(secret.utf8)))
    }

    /// Whether a presented secret hashes to `storedHash`, comparing every byte (no early exit), so
    /// the time taken tells an attacker nothing about how much of a guess was right.
    public static func matches(_ secret: String, storedHash: some Collection<UInt8>) -> Bool {
        let presented = hash(secret)
        guard presented.count == storedHash.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(presented, storedHash) { difference |= a ^ b }
        return difference == 0
    }
}
