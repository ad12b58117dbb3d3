import SCIM

/// The text of a feed position as the events API hands it out (`v1.<position>`): opaque to
/// applications, which only send back what they were given, and versioned so the form can change.
public struct FeedCursor: Sendable, Hashable, CustomStringConvertible {
    public var position: Int64

    public init(position: Int64) {
        self.position = position
    }

    /// - Throws: 400 `invalidValue` for text Roster did not hand out.
    public init(parsing text: String) throws(SCIMError) {
        guard text.hasPrefix("v1."), let position = Int64(text.dropFirst(3)), position >= 0 else {
            throw SCIMError.invalidValue(
                "The cursor '\(text)' is not one Roster gave: send back the 'after' of a previous answer, or leave 'after' "
                    + "out to read from the oldest retained event.")
        }
        self.position = position
    }

    public var description: String { "v1.\(position)" }
}
