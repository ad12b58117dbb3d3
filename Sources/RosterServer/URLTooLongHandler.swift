import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import SCIM

/// Answers a request whose URL (or header section) is over the HTTP decoder's limit with 414 and a SCIM error body,
/// instead of the bare `400` with an empty body the server would write, so that the administrator reading Okta's or
/// Entra's error sees why. The decoder reports both overflows alike; a URL is what grows in practice (a long
/// `filter`), so the answer names it first. The connection is closed after it: the decoder cannot go on.
///
/// Sits after the decoder in each connection's pipeline, where parse errors pass by; it costs nothing per request.
final class URLTooLongHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// What NIO's HTTP decoder accepts in a URL or one header (its default, which Hummingbird keeps).
    static let limitDescription = "80 KiB"

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, parserError == .headerOverflow else {
            context.fireErrorCaught(error)
            return
        }
        let body = SCIMError(
            status: 414,
            detail: "The request's URL (or its header section) is over \(Self.limitDescription), the most Roster reads. "
                + "Shorten the filter, or page with startIndex and count.").json.jsonString
        var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
        buffer.writeString(body)
        let head = HTTPResponse(
            status: .uriTooLong,
            headerFields: [
                .contentType: "application/scim+json; charset=utf-8", .contentLength: String(buffer.readableBytes),
                .connection: "close",
            ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(buffer)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }
}
