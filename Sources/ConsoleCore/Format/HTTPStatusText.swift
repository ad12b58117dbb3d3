/// The reason phrase of the status codes a SCIM server answers with, for `Status  409 Conflict`.
public enum HTTPStatusText {
    public static func reason(_ code: Int) -> String {
        switch code {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 412: return "Precondition Failed"
        case 413: return "Payload Too Large"
        case 415: return "Unsupported Media Type"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        default: return ""
        }
    }

    /// `409 Conflict`, or the bare code when the phrase is not known.
    public static func line(_ code: Int) -> String {
        let phrase = reason(code)
        return phrase.isEmpty ? String(code) : "\(code) \(phrase)"
    }
}
