import Hummingbird
import HummingbirdCore
import HummingbirdTLS

extension HTTPServerBuilder {
    /// HTTP/1.1 with Roster's channel handlers (a SCIM 414 for an overlong URL).
    static var rosterHTTP1: HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: [URLTooLongHandler()]))
    }

    /// HTTP/1.1 over TLS with the reloading certificate of `tls`.
    static func https(tls: ServerTLS) -> HTTPServerBuilder {
        // Declared `throws`, but only the builder closure it returns can fail (it makes the NIOSSL context when the
        // server starts, and a failure there ends `run()` with the error).
        try! .tls(.rosterHTTP1, tlsConfiguration: tls.configuration)
    }
}
