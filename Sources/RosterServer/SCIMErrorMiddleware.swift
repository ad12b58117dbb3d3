import Hummingbird
import Logging
import NIOCore
import SCIM

/// Turns whatever a SCIM route throws into a SCIM error response, so a client never sees
/// Hummingbird's plain-text errors or an empty 500.
struct SCIMErrorMiddleware: RouterMiddleware {
    typealias Context = SCIMRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as CancellationError {
            throw error
        } catch {
            let scimError = SCIMError(error)
            if !(error is SCIMError), scimError.status >= 500 {
                context.logger.error(
                    "SCIM request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            return SCIMResponse.error(scimError, context: context)
        }
    }
}

extension SCIMError {
    /// The SCIM form of any error a route can throw; unknown errors become a 500 whose detail
    /// does not leak internals (they go to the server log instead).
    init(_ error: any Error) {
        switch error {
        case let error as SCIMError:
            self = error
        case is NIOTooManyBytesError:
            self = SCIMError(status: 413, detail: "The request body is too large.")
        case let error as HTTPError:
            self = SCIMError(status: Int(error.status.code), detail: error.body ?? error.status.reasonPhrase)
        default:
            self = SCIMError(
                status: 500,
                detail: "Roster could not complete the request because of an internal error; the server log has the cause.")
        }
    }
}
