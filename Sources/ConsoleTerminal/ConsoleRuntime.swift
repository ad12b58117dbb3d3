import CNCurses
import ConsoleCore
import Foundation
import Logging

/// How a console session ended.
public enum ConsoleExit: Hashable, Sendable {
    /// The operator quit (having agreed to stop the server when the console owns it).
    case quit
    /// SIGTERM, SIGINT or SIGHUP arrived: quit without asking.
    case signal(Int32)
    /// The terminal went away (stdin hung up).
    case terminalClosed
}

/// The console in a real terminal: the loop around `reduce` that `ConsoleCore` describes.
///
/// It runs on the thread that calls `run` — the main thread, which is the only thread that touches curses. One
/// `poll` waits on three things: the keyboard (stdin), a `signalfd` (SIGWINCH resizes; SIGTERM, SIGINT and SIGHUP
/// end the session; `ConsoleSignals` must have blocked them in every thread), and the wake pipe of an inbox where
/// effect results and live request-log entries arrive from other threads. Effects run as detached tasks against
/// the data source. The clock ticks once a second; repaints are coalesced to at most one per `framePeriod`, and
/// each repaints only the rows that changed.
public final class ConsoleRuntime {
    /// The shortest time between two paints (about 30 frames a second).
    public static let framePeriod: Duration = .milliseconds(33)
    /// How often the state hears the clock (`.tick`).
    public static let tickPeriod: Duration = .seconds(1)

    /// The symbols the locale (and `--ascii`) allow.
    public let glyphs: Glyphs
    private let screen: CursesScreen
    private let signals: SignalDescriptor
    private let inbox: EventInbox
    private let logger: Logger

    /// Takes over the terminal: adopts a UTF-8 locale, starts curses and the theme `colorMode` allows.
    /// - Throws: `TerminalError` when the signals are not blocked or curses cannot start.
    public init(colorMode: ColorMode, asciiFlag: Bool, environment: [String: String], logger: Logger) throws {
        guard ConsoleSignals.areBlockedInCallingThread() else {
            throw TerminalError("the console's signals are not blocked (ConsoleSignals.blockInCallingThread)")
        }
        glyphs = Glyphs.select(asciiFlag: asciiFlag, codeset: TerminalLocale.adopt())
        signals = try SignalDescriptor()
        inbox = try EventInbox()
        screen = try CursesScreen(colorMode: colorMode, environment: environment)
        self.logger = logger
    }

    /// The terminal's size now.
    public var size: TerminalSize { screen.size }

    /// Gives the terminal back. `run` does not: the caller closes after the session (also when it never ran).
    public func close() {
        screen.close()
    }

    /// Runs the session until the operator quits, a signal arrives or the terminal closes.
    /// - Parameters:
    ///   - state: the state at start (its size should be `size`).
    ///   - dataSource: where loads and writes go.
    ///   - feed: the live request log, or nil for none.
    ///   - simulator: the demo's simulated Okta, which `P`, `+` and `-` drive (the state should start with its status).
    public func run(
        state initial: ConsoleState, dataSource: any ConsoleDataSource, feed: RequestLogFeed?,
        simulator: (any ConsoleSimulator)? = nil
    ) -> ConsoleExit {
        var state = initial
        let runner = ConsoleEffectRunner(dataSource: dataSource, simulator: simulator)
        let feedTask = feed.map { feed in
            Task.detached { [inbox, logger] in
                await feed.run(
                    deliver: { inbox.post(.requestsArrived($0)) },
                    failed: { logger.warning("Live request log: \(String(describing: $0))") })
            }
        }
        defer { feedTask?.cancel() }
        let simulatorTask = simulator.map { simulator in
            Task.detached { [inbox] in
                for await status in simulator.statusChanges() { inbox.post(.simulatorChanged(status)) }
            }
        }
        defer { simulatorTask?.cancel() }
        // The simulator's commands run one after another, in the order the keys were pressed (`-` three times
        // must end at the slowest pace, which concurrent tasks would not promise).
        let (simulatorCommands, simulatorQueue) = AsyncStream.makeStream(of: ConsoleEffect.self)
        let commandTask = Task.detached { [inbox] in
            for await effect in simulatorCommands {
                if let event = await runner.run(effect, now: Date()) { inbox.post(event) }
            }
        }
        defer {
            simulatorQueue.finish()
            commandTask.cancel()
        }

        let clock = ContinuousClock()
        var nextTick = clock.now + Self.tickPeriod
        var lastPaint = clock.now - Self.framePeriod
        var dirty = true
        var events: [ConsoleEvent] = [.started]
        var emptyReads = 0
        while true {
            for event in events {
                let effects = reduce(state: &state, event: event, now: Date())
                if let exit = perform(effects, runner: runner, simulatorQueue: simulatorQueue) { return exit }
            }
            if !events.isEmpty { dirty = true }
            events = []

            if dirty && clock.now - lastPaint >= Self.framePeriod {
                paint(state)
                lastPaint = clock.now
                dirty = false
            }

            let deadline = dirty ? min(nextTick, lastPaint + Self.framePeriod) : nextTick
            var fds = [
                pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals.fd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), Self.milliseconds(until: deadline, clock: clock))
            if ready < 0 && errno != EINTR {
                logger.error("poll failed: \(String(cString: strerror(errno)))")
                return .terminalClosed
            }

            if fds[1].revents != 0 {
                for signal in signals.read() {
                    guard signal == SIGWINCH else { return .signal(signal) }
                    events.append(.resized(screen.resize()))
                }
            }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .terminalClosed }
            if fds[0].revents & Int16(POLLIN) != 0 {
                let inputs = screen.readKeys()
                // A readable terminal that yields no key again and again is at end of file.
                emptyReads = inputs.isEmpty ? emptyReads + 1 : 0
                if emptyReads > 50 { return .terminalClosed }
                for input in inputs {
                    guard let key = KeyDecoder.decode(input) else { continue }
                    events.append(key == .resize ? .resized(screen.resize()) : .key(key))
                }
            }
            if fds[2].revents != 0 {
                events += inbox.drain()
            }
            if clock.now >= nextTick {
                events.append(.tick)
                nextTick = clock.now + Self.tickPeriod
            }
        }
    }

    /// Runs the terminal's own effects here, the simulator's in order on `simulatorQueue` and the data effects as
    /// tasks; returns the exit when one is `.quit`.
    private func perform(
        _ effects: [ConsoleEffect], runner: ConsoleEffectRunner, simulatorQueue: AsyncStream<ConsoleEffect>.Continuation
    ) -> ConsoleExit? {
        for effect in effects {
            switch effect {
            case .quit:
                return .quit
            case .copy(let text):
                screen.writeRaw(ClipboardEscape.sequence(copying: text))
            case .redraw:
                screen.invalidate()
            case .simulator:
                simulatorQueue.yield(effect)
            default:
                Task.detached { [inbox] in
                    if let event = await runner.run(effect, now: Date()) { inbox.post(event) }
                }
            }
        }
        return nil
    }

    private func paint(_ state: ConsoleState) {
        var grid = TextGrid(size: state.size, notation: state.options.glyphs.notation)
        let cursor = ConsoleView.draw(state, on: &grid)
        screen.paint(grid, cursor: cursor)
    }

    /// The poll timeout for `deadline`: 0 when it passed, rounded up so the loop does not wake just before it.
    static func milliseconds(until deadline: ContinuousClock.Instant, clock: ContinuousClock) -> Int32 {
        let remaining = clock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        return Int32(min(60_000, seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
    }
}
