import ArgumentParser
import ConsoleCore

/// A command that owns the terminal: `main.swift` runs it on the main thread, with the console's signals blocked
/// before any other thread exists (see `ConsoleSignals`).
protocol TerminalCommand: ParsableCommand {}

/// `roster` / `roster console`: the SCIM server and the operator console in one process, or (`--attach`) the
/// console on the database of a `roster serve` running elsewhere.
struct Console: TerminalCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the SCIM server with the operator console (the default command).",
        discussion: """
            Members, teams, the live request log and API keys in a full-screen terminal UI; ? shows every key. \
            The server runs in the same process, so quitting (q, then y) stops provisioning. With --attach the \
            console opens the database of a `roster serve` that is already running, and quitting leaves that \
            server running. Logs go to a file (--log-file), never to the screen. Needs a terminal: for a \
            headless server use `roster serve`.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var server: ServerOptions
    @Option(help: "The organization to open, by name or id (default: the first; `o` switches inside).")
    var org: String?
    @Flag(help: "Open the database of a running `roster serve` instead of serving; quitting leaves that server up.")
    var attach = false
    @Flag(help: "Show everything, change nothing: every edit, key and team action is hidden.")
    var readOnly = false
    @Flag(help: "Draw with ASCII only (also chosen when the locale is not UTF-8).")
    var ascii = false
    @Option(
        help: ArgumentHelp("Colours: auto (off when NO_COLOR is set or the terminal has none), always or never.",
                           valueName: "auto|always|never"),
        transform: Console.colorMode)
    var color: ColorMode = .auto
    @Option(help: ArgumentHelp("Where logs go while the console owns the terminal (default: <database>.log).",
                               valueName: "path"))
    var logFile: String?

    func run() throws {
        try ConsoleSession(command: self).run()
    }

    static func colorMode(_ text: String) throws -> ColorMode {
        guard let mode = ColorMode(rawValue: text.lowercased()) else {
            throw ValidationError("--color '\(text)' is not one of auto, always, never")
        }
        return mode
    }
}
