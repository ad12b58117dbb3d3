import CNCurses
import Foundation

/// The signals the console handles itself: terminate and interrupt quit cleanly, a hang-up (the terminal went
/// away) quits, and a window change resizes.
///
/// They reach the console through a `signalfd` in its poll loop, which only works when they are blocked in
/// *every* thread of the process; otherwise the kernel delivers them to some thread that does not block them and
/// the default action runs (terminate without restoring the terminal, or ignore a resize). Threads inherit the
/// mask of the thread that creates them, so `blockInCallingThread()` must run on the main thread before any other
/// thread exists: first thing in `main.swift`, and only for console modes (`roster serve` leaves them to
/// ServiceLifecycle).
public enum ConsoleSignals {
    public static let handled: [Int32] = [SIGTERM, SIGINT, SIGWINCH, SIGHUP]

    /// Blocks `handled` in the calling thread and, by inheritance, in every thread it starts afterwards.
    public static func blockInCallingThread() {
        var set = signalSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Whether every signal in `handled` is blocked in the calling thread.
    public static func areBlockedInCallingThread() -> Bool {
        var current = sigset_t()
        sigemptyset(&current)
        pthread_sigmask(SIG_BLOCK, nil, &current)
        return handled.allSatisfy { sigismember(&current, $0) == 1 }
    }

    static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in handled { sigaddset(&set, signal) }
        return set
    }
}

/// A non-blocking `signalfd` for `ConsoleSignals.handled`: readable when one of them is pending.
final class SignalDescriptor {
    let fd: Int32

    init() throws {
        var set = ConsoleSignals.signalSet()
        fd = signalfd(-1, &set, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard fd >= 0 else { throw TerminalError("signalfd failed: \(String(cString: strerror(errno)))") }
    }

    deinit {
        close(fd)
    }

    /// The signals that arrived since the last read, in order.
    func read() -> [Int32] {
        var signals: [Int32] = []
        var info = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        while withUnsafeMutableBytes(of: &info, { Glibc.read(fd, $0.baseAddress, size) }) == size {
            signals.append(Int32(bitPattern: info.ssi_signo))
        }
        return signals
    }
}

/// A failure to set up the terminal (no terminal, a system call that failed), worded for the operator.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
