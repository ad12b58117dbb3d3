import Hummingbird
import SCIM

/// Applies ``WriteAdmission`` to POST, PUT, PATCH and DELETE: past the bound, 503 with a SCIM body and
/// `Retry-After: 1`; Okta and Entra retry a 503 later. Reads pass straight through.
struct WriteAdmissionMiddleware: RouterMiddleware {
    typealias Context = SCIMRequestContext

    let admission: WriteAdmission

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        switch request.method {
        case .post, .put, .patch, .delete:
            guard admission.enter() else {
                let error = SCIMError(
                    status: 503,
                    detail: "Roster is taking more writes than its store can commit (\(admission.bound) waiting): "
                        + "retry after 1 s.")
                return SCIMResponse.error(error, headers: [.retryAfter: "1"], context: context)
            }
            defer { admission.leave() }
            return try await next(request, context)
        default:
            return try await next(request, context)
        }
    }
}
