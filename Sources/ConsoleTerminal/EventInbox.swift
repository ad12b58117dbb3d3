import ConsoleCore
import Foundation
import Synchronization

/// Where work off the UI thread (effects, the live request-log tail) hands events to the poll loop: a locked queue
/// plus a self-pipe. At most one wake byte is in the pipe however many events wait, so a burst of request-log
/// entries costs the UI one wake-up per frame, not one per entry.
final class EventInbox: Sendable {
    private struct Pending {
        var events: [ConsoleEvent] = []
        var wakeSent = false
    }

    private let pending = Mutex(Pending())
    /// The pipe's read end: the poll loop waits on it.
    let readFD: Int32
    private let writeFD: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError("pipe failed: \(String(cString: strerror(errno)))") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Queues `event` and wakes the loop unless a wake-up is already on its way. Safe from any thread.
    func post(_ event: ConsoleEvent) {
        let wake = pending.withLock { pending -> Bool in
            pending.events.append(event)
            defer { pending.wakeSent = true }
            return !pending.wakeSent
        }
        if wake {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }
    }

    /// Everything posted so far, in order; empties the pipe so the next post wakes the loop again.
    func drain() -> [ConsoleEvent] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readFD, &buffer, buffer.count) > 0 {}
        return pending.withLock { pending in
            pending.wakeSent = false
            defer { pending.events.removeAll(keepingCapacity: true) }
            return pending.events
        }
    }
}
