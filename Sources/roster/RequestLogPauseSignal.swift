import Logging
import RosterServer
import ServiceLifecycle
import UnixSignals

/// `kill -USR2 <pid>` pauses storing the request log of a running `roster serve`, and the next one
/// resumes it: the server keeps answering and keeps its stderr line, the console's live view keeps
/// its feed, and nothing is written to the log table meanwhile. The benchmark uses it to compare
/// logging on and off inside one process.
///
/// Installed whatever the configuration, so that the signal never kills a server started with
/// `--no-request-log` (its default action): that server says there is nothing to pause.
struct RequestLogPauseSignal: Service {
    let recorder: RequestLogRecorder?
    let logger: Logger

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sigusr2).cancelOnGracefulShutdown() {
            guard let recorder else {
                logger.notice("Request log: off (--no-request-log), so SIGUSR2 has nothing to pause")
                continue
            }
            let storing = !recorder.isStoring
            recorder.setStoring(storing)
            logger.notice(
                storing
                    ? "Request log: storing resumed (SIGUSR2)"
                    : "Request log: storing paused (SIGUSR2); requests are still answered and shown live")
        }
    }
}
