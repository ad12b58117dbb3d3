import ArgumentParser
import ConsoleTerminal
import Dispatch

// The entry point. Synchronous on purpose: an `async` main hands the main thread to Dispatch, which on Linux parks
// it in sigsuspend with every signal unblocked — a SIGTERM would then kill the process with the terminal still in
// raw mode, and SIGWINCH would never reach the console's signalfd.
//
// Parsing starts no thread, so the console's signals can still be blocked after it and before anything else:
// - a `TerminalCommand` (the console, the default) runs right here on the main thread, the curses thread, with
//   SIGTERM/SIGINT/SIGWINCH/SIGHUP blocked in it and so in every thread started later;
// - every other command runs as before: in a task, with the main thread given to Dispatch and the signals left to
//   ServiceLifecycle (`roster serve`).
let parsed: any ParsableCommand
do {
    parsed = try Roster.parseAsRoot()
} catch {
    Roster.exit(withError: error)
}
if var command = parsed as? any TerminalCommand {
    ConsoleSignals.blockInCallingThread()
    do {
        try command.run()
    } catch {
        Roster.exit(withError: error)
    }
} else {
    runInTask(parsed)
}

/// Runs a command that is not the console in a task and never returns (the task exits the process).
func runInTask(_ parsed: sending any ParsableCommand) -> Never {
    Task.detached {
        var command = parsed
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Roster.exit(withError: error)
        }
        Roster.exit()
    }
    dispatchMain()
}
