import Hummingbird

extension Readiness {
    /// `GET /readyz`: 200 `ready`, or 503 `starting`/`draining` (plain text: load balancers read the status only).
    var response: Response {
        let state = self.state
        return Response(
            status: state == .ready ? .ok : .serviceUnavailable,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "\(state)")))
    }
}
