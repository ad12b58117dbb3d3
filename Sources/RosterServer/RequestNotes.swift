import Hummingbird
import RosterStore
import SCIM
import Synchronization

/// What a request's handlers learned that the request log needs afterwards: the body as read and
/// parsed, the response as written, the resource touched and ids skipped.
///
/// One instance per logged request, shared by reference between the log middleware and the
/// handlers it wraps (contexts are values, so a copy could not carry answers back).
final class RequestNotes: Sendable {
    struct Values {
        var requestBody: ByteBuffer?
        var requestJSON: JSONValue?
        /// Why the body was not read, e.g. it was over the size limit.
        var requestBodyNote: String?
        var responseBody: ByteBuffer?
        var responseJSON: JSONValue?
        var scimType: String?
        var resourceID: String?
        var skippedMemberIDs: [String] = []
        /// The list filter as the handler parsed it, so the summary need not parse it again.
        var filter: Filter?
        var keyPrefix: String?
        var organizationID: String?
    }

    private let values = Mutex(Values())

    func update(_ change: (inout Values) -> Void) {
        values.withLock { change(&$0) }
    }

    var snapshot: Values { values.withLock { $0 } }
}
