import Hummingbird
import RosterStore
import SCIM

/// What the request log may keep of a request: secrets removed and bodies bounded.
///
/// `password` values (Okta sends one with every create, and password-sync PATCHes carry them as
/// `{"path":"password","value":…}`) become `"***"`; `Authorization` keeps only its scheme and the
/// key's public prefix; bodies past the limit are cut with a marker saying how long they were.
enum RequestLogRedaction {
    static let mask = "***"

    /// The body as log text: the raw bytes when they hold no password, else the redacted JSON.
    static func bodyText(raw: ByteBuffer?, parsed: JSONValue?, note: String?, limit: Int) -> String {
        if let note { return note }
        guard let raw, raw.readableBytes > 0 else { return "" }
        if let parsed {
            let (redacted, changed) = redactingPasswords(parsed)
            return truncate(changed ? redacted.jsonString : String(buffer: raw), limit: limit)
        }
        let text = String(buffer: raw)
        if text.lowercased().contains("password") {
            // Not JSON, so it cannot be redacted precisely: keep none of it rather than a secret.
            return "[\(raw.readableBytes)-byte body withheld: not valid JSON and it mentions a password]"
        }
        return truncate(text, limit: limit)
    }

    /// A response body as log text. A successful response is rendered from stored resources and
    /// discovery documents, which never hold a password (members accept one and discard it), so it
    /// is kept as sent, without walking its JSON: for a 100,000-member team that walk was 13% of the
    /// request. Error responses, whose detail may quote the request, are redacted like requests.
    static func responseText(raw: ByteBuffer?, parsed: JSONValue?, status: Int, limit: Int) -> String {
        guard status >= 400 else { return raw.map { truncate($0, limit: limit) } ?? "" }
        return bodyText(raw: raw, parsed: parsed, note: nil, limit: limit)
    }

    /// `buffer` as text cut to at most `limit` bytes, like the `String` overload, reading
    /// only the bytes kept (a multi-megabyte response is not copied whole to be cut).
    static func truncate(_ buffer: ByteBuffer, limit: Int) -> String {
        let total = buffer.readableBytes
        guard total > limit else { return String(buffer: buffer) }
        return buffer.withUnsafeReadableBytes { bytes in
            var end = max(limit, 0)
            // Step back over UTF-8 continuation bytes (10xxxxxx) to the start of a scalar.
            while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            return String(decoding: bytes[..<end], as: UTF8.self) + "…[truncated: \(total) bytes in total]"
        }
    }

    /// `value` with every password replaced by ``mask``, and whether anything was replaced.
    static func redactingPasswords(_ value: JSONValue) -> (JSONValue, Bool) {
        switch value {
        case .array(let elements):
            var changed = false
            let redacted = elements.map { element -> JSONValue in
                let (r, c) = redactingPasswords(element)
                changed = changed || c
                return r
            }
            return changed ? (.array(redacted), true) : (value, false)
        case .object(var object):
            var changed = false
            // A PATCH operation whose path is the password carries it in `value`.
            let pathIsPassword = object["path"]?.stringValue.map(isPasswordPath) ?? false
            for member in object {
                if member.key.caseInsensitiveEquals("password") || (pathIsPassword && member.key.caseInsensitiveEquals("value")) {
                    if !member.value.isNull {
                        object[member.key] = .string(mask)
                        changed = true
                    }
                } else {
                    let (r, c) = redactingPasswords(member.value)
                    if c {
                        object[member.key] = r
                        changed = true
                    }
                }
            }
            return (changed ? .object(object) : value, changed)
        default:
            return (value, false)
        }
    }

    /// `password` or `urn:…:User:password`, in any case.
    private static func isPasswordPath(_ path: String) -> Bool {
        let last = path.split(separator: ":").last.map(String.init) ?? path
        return last.caseInsensitiveEquals("password")
    }

    /// `text` cut to at most `limit` UTF-8 bytes (never inside a character's encoding) with a marker.
    static func truncate(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        let utf8 = Array(text.utf8)
        var end = limit
        // Step back over UTF-8 continuation bytes (10xxxxxx) to the start of a scalar.
        while end > 0, utf8[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: utf8[..<end], as: UTF8.self) + "…[truncated: \(utf8.count) bytes in total]"
    }

    /// `Authorization` for the log: the scheme, the key's public prefix when it has one, and ``mask``.
    ///
    /// `knownPrefix` is the prefix of the well-formed key the authenticator recognised, when it
    /// did: a `Bearer` header that starts with it needs no parsing (this runs for every logged
    /// request).
    static func authorization(_ header: String, knownPrefix: String? = nil) -> String {
        if let knownPrefix {
            let known = "Bearer " + knownPrefix
            if header.utf8.starts(with: known.utf8) { return known + mask }
        }
        let trimmed = Substring(header).trimmingSpaces
        var scheme = ""
        var credential = trimmed
        if let space = trimmed.firstIndex(of: " ") {
            scheme = String(trimmed[..<space]) + " "
            credential = trimmed[trimmed.index(after: space)...].trimmingSpaces
        }
        let prefix = APIKeySecret.prefix(of: String(credential)) ?? ""
        return scheme + prefix + mask
    }
}
