@testable import RosterServer
import NIOCore
import Testing

/// The server's loop count follows the CPUs the process may run on (`Cpus_allowed` of
/// `/proc/self/status`), which NIO's own count ignores.
@Suite struct ServerEventLoopsTests {
    @Test(arguments: [
        ("Name:\troster\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n", 2),
        ("Cpus_allowed:\t1\nCpus_allowed_list:\t0\n", 1),
        ("Cpus_allowed:\tff,ffffffff\n", 40),
        ("Cpus_allowed:\t00000000,00000100\n", 1),
    ])
    func theAllowedMaskIsCounted(status: String, count: Int) {
        #expect(ServerEventLoops.allowedCPUCount(procStatus: status) == count)
    }

    @Test(arguments: ["Name:\troster\n", "Cpus_allowed:\t0\n", "Cpus_allowed:\tzz\n", ""])
    func anUnreadableMaskCountsNothing(status: String) {
        #expect(ServerEventLoops.allowedCPUCount(procStatus: status) == nil)
    }

    @Test func theGroupHasAtLeastOneLoopAndNoMoreThanTheCores() {
        #expect((1...System.coreCount).contains(ServerEventLoops.loopCount))
    }
}
