import Logging
import RosterServer
import ServiceLifecycle
import UnixSignals

/// `kill -HUP <pid>` makes a running `roster serve` read its TLS certificate and key again at once, for a renewal
/// hook (certbot's `--deploy-hook`) that should not wait for the next periodic read. A pair that does not load is
/// logged and the current one keeps serving. Without TLS the signal is trapped all the same (its default action
/// would end the server) and says there is nothing to reload.
struct CertificateReloadSignal: Service {
    let tls: ServerTLS?
    let logger: Logger

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            guard let tls else {
                logger.notice("SIGHUP: no --tls-cert, so there is no certificate to reload")
                continue
            }
            logger.notice("SIGHUP: reading the TLS certificate and key again")
            tls.reload()
        }
    }
}
