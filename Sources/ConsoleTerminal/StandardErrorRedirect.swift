import Foundation

/// Points file descriptor 2 at a log file while the console owns the terminal, so nothing — a library's warning,
/// a logger someone forgot to configure — can write over the screen; `restore` points it back at the terminal
/// for the messages printed after the console closed.
public final class StandardErrorRedirect {
    /// The log file.
    public let path: String
    private let savedStandardError: Int32
    private var restored = false

    /// Opens (creating, appending) `path` and makes it the process's standard error.
    public init(toFile path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw TerminalError("cannot open the log file \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let saved = dup(2)
        guard saved >= 0, dup2(fd, 2) >= 0 else {
            throw TerminalError("cannot redirect standard error to \(path): \(String(cString: strerror(errno)))")
        }
        _ = fcntl(saved, F_SETFD, FD_CLOEXEC)
        self.path = path
        savedStandardError = saved
    }

    /// Makes the terminal standard error again (once; later calls do nothing).
    public func restore() {
        guard !restored else { return }
        restored = true
        dup2(savedStandardError, 2)
        close(savedStandardError)
    }
}
