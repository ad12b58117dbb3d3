import Foundation
import NIOCore
import NIOPosix

/// The event loops the HTTP server runs on: one per CPU the process may run on, shared by every
/// server of the process for its whole life (as NIO's own singleton group is).
///
/// Why not NIO's singleton group: it has `System.coreCount` loops, which honours a cgroup CPU
/// quota but not the process's CPU affinity (`taskset`, `numactl`, a container's cpuset given as
/// affinity). A server pinned to one CPU of two then ran two loops that took turns preempting
/// each other and the request handlers on that one CPU. Measured at 1,000,000 members with the
/// server on one core: 53–55 µs of CPU per `GET /Users/{id}` with two loops, 45–47 with one,
/// and with two loops a fresh server fell into the slower rhythm or a faster one at random.
public enum ServerEventLoops {
    public static let group = MultiThreadedEventLoopGroup(numberOfThreads: loopCount)

    /// `System.coreCount`, lowered to the number of CPUs the process may run on when that is known.
    static var loopCount: Int {
        let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        return min(System.coreCount, status.flatMap(allowedCPUCount(procStatus:)) ?? System.coreCount)
    }

    /// The number of CPUs in the `Cpus_allowed:` mask of a Linux `/proc/<pid>/status` text
    /// (hexadecimal, in comma-separated groups of 32 bits: `3`, `ff,ffffffff`); nil when the text
    /// has no such line or the mask allows no CPU.
    static func allowedCPUCount(procStatus: String) -> Int? {
        for line in procStatus.split(separator: "\n") where line.hasPrefix("Cpus_allowed:") {
            var count = 0
            for character in line.dropFirst("Cpus_allowed:".count) where character != "," && !character.isWhitespace {
                guard let digit = character.hexDigitValue else { return nil }
                count += digit.nonzeroBitCount
            }
            return count > 0 ? count : nil
        }
        return nil
    }
}
