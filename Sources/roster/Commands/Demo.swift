import ArgumentParser
import Foundation
import RosterSimulator

/// `roster demo`: a fresh Roster with a demo organization, provisioned by the built-in Okta simulator over real
/// HTTP, watched in the console (or, `--headless`, summarised on stdout as an end-to-end test).
///
/// A terminal command (run on the main thread, see `main.swift`) because the console needs that thread; the
/// headless run gives the signals back first and works like any other command.
struct Demo: TerminalCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch a simulated Okta (or Entra ID) provision a demo company into Roster (or --headless: test end to end).",
        discussion: """
            Creates the organization "Roster demo" (enterprise, a seat limit a few seats short of the company, strict \
            phone policy) and an API key in a fresh temporary database (or --database), starts the SCIM server on a \
            free loopback port, and runs the Okta simulator (--idp entra: the Entra ID one) against it over HTTP: the \
            client's exact requests, a phone \
            typed as 415.123.4567 refused until the admin fixes it, assignments refused at the seat limit until \
            leavers free seats. With the console, the Requests tab shows every push live, the header shows the \
            simulator's state (demo: running 5/s), P pauses and resumes it, + and - change its pace; quitting the \
            console ends the demo. With --headless it prints one line per push and a summary, and exits 0 only if \
            every answer was the one a correct Roster gives.
            """)

    @Flag(help: "No console: print the pushes and a summary; exit 1 on any unexpected answer.")
    var headless = false
    @OptionGroup var simulation: SimulationArguments
    @Option(
        help: ArgumentHelp(
            "Stop starting pushes after this long (default: 30s headless, until you quit with the console).",
            valueName: "duration"))
    var duration: String?
    @Option(
        help: ArgumentHelp(
            "Use this SQLite file instead of a temporary one (kept afterwards; the demo organization is reused).",
            valueName: "path"))
    var database: String?

    func validate() throws {
        if let duration { _ = try SimulationArguments.duration(duration) }
    }

    func run() throws {
        if headless {
            try DemoHeadless(demo: self).run()
        } else {
            try DemoConsole(demo: self).run()
        }
    }

    /// The run's duration: `--duration`, else 30 s headless and no limit with the console.
    var runDuration: Duration? {
        get throws {
            if let duration { return try SimulationArguments.duration(duration) }
            return headless ? .seconds(30) : nil
        }
    }
}
