/// The provisioning clients whose dialects Roster tells apart, recognised by their User-Agent.
///
/// Where Okta and Entra ID want different answers to the same request, the server answers each
/// its own way: Entra expects `204 No Content` for a group PATCH and advises against a body that
/// lists every member (Microsoft's SCIM tutorial), while Okta reads the group back from a `200`.
/// Microsoft documents no User-Agent for its provisioning service, so Entra is recognised by
/// "Microsoft", "Azure" or "Entra" anywhere in it; an unrecognised Entra gets the RFC's `200`,
/// which Entra accepts too.
public enum ProvisioningClient: Sendable, Hashable {
    case okta
    case entra
    case other

    public init(userAgent: String) {
        // Compared byte by byte without lowercasing or splitting: this runs for every logged request.
        if Self.containsASCIIIgnoringCase(userAgent, "okta") {
            self = .okta
        } else if Self.containsASCIIIgnoringCase(userAgent, "microsoft") || Self.containsASCIIIgnoringCase(userAgent, "azure")
            || Self.containsASCIIIgnoringCase(userAgent, "entra")
        {
            self = .entra
        } else {
            self = .other
        }
    }

    /// The short name summaries and the audit log use, nil for an unrecognised client.
    public var name: String? {
        switch self {
        case .okta: "Okta"
        case .entra: "Entra ID"
        case .other: nil
        }
    }

    /// Whether a group PATCH answers `204 No Content` rather than `200` with the group.
    var wantsEmptyGroupPatchResponse: Bool { self == .entra }

    /// Whether `text` contains `word` (lowercase ASCII), ignoring the case of ASCII letters.
    private static func containsASCIIIgnoringCase(_ text: String, _ word: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        let haystack = text.utf8
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var start = haystack.startIndex
        while let candidate = haystack[start...].firstIndex(where: { $0 | 0x20 == first }) {
            var byte = candidate
            var matched = 0
            while matched < needle.count, byte < haystack.endIndex, haystack[byte] | 0x20 == needle[matched] {
                matched += 1
                byte = haystack.index(after: byte)
            }
            if matched == needle.count { return true }
            start = haystack.index(after: candidate)
        }
        return false
    }
}
