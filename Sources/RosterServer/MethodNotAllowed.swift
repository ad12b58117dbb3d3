import Hummingbird
import SCIM

/// Answers the methods a SCIM path does not support with 405 and an `Allow` header, instead of
/// the router's 404, so a client can tell "wrong method" from "no such resource".
enum MethodNotAllowed {
    /// The methods a SCIM client may send; those of them not in `allowed` get a 405 on `path`.
    static let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .head, .options]

    static func register(on group: RouterGroup<SCIMRequestContext>, path: RouterPath, allowed: [HTTPRequest.Method]) {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in methods where !allowed.contains(method) {
            group.on(path, method: method) { request, context in
                SCIMResponse.error(
                    SCIMError(
                        status: 405,
                        detail: "\(request.method.rawValue) is not supported on \(request.uri.path); use \(allow)."),
                    headers: [.allow: allow], context: context)
            }
        }
    }
}
