/// A small, fast random number generator whose sequence depends only on its seed (SplitMix64), so
/// that `--seed 7` produces the same people and the same scenario on every machine and toolchain.
///
/// The helpers below avoid the standard library's `random(in:using:)`, whose algorithm is not
/// promised to stay the same between Swift releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0), by multiply-shift (Lemire; the tiny bias is irrelevant here).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// One element of a non-empty array.
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// `count` distinct indices of `0..<size`, in increasing order.
    public mutating func sample(_ count: Int, of size: Int) -> [Int] {
        var pool = Array(0..<size)
        var chosen: [Int] = []
        for _ in 0..<min(count, size) {
            chosen.append(pool.remove(at: below(pool.count)))
        }
        return chosen.sorted()
    }

    /// `length` characters drawn from `alphabet`.
    public mutating func string(_ length: Int, from alphabet: String) -> String {
        let characters = Array(alphabet)
        return String((0..<length).map { _ in characters[below(characters.count)] })
    }

    /// `count` decimal digits.
    public mutating func digits(_ count: Int) -> String {
        string(count, from: "0123456789")
    }

    /// A generator for a separate concern (people, scenario), so adding draws to one does not
    /// change the other's sequence.
    public mutating func split() -> SeededGenerator {
        SeededGenerator(seed: next())
    }
}
