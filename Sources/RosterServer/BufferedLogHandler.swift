import Foundation
import Logging
import Synchronization

/// `roster serve`'s log handler: the same lines as swift-log's `StreamLogHandler`
/// (`2026-11-30T21:46:41+0000 info roster: [RosterServer] GET /scim/v2/Users/… 200 0.1ms …`),
/// gathered in memory and written to standard error in one `write` at most every 100 ms.
///
/// Why: the server logs one line per SCIM request. Written one by one (a timestamp from the time
/// zone database and an unbuffered `write` each), the line cost more than the whole request stack
/// of a static SCIM GET: the benchmark measured 21,300 against 34,500 requests per second without
/// it. Lines at `warning` and above are written at once, with everything gathered before them.
/// A crash loses at most the last 100 ms of request lines; the request log in the database is the
/// durable record. With ``LogSink/Format/json`` each line is one JSON object instead, for log shippers.
public struct BufferedLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    let label: String
    let sink: LogSink

    public init(label: String, sink: LogSink) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = event.metadata.map { metadata.merging($0) { $1 } } ?? metadata
        if sink.format == .json {
            sink.appendJSON(
                level: event.level, label: label, metadata: merged, source: event.source, message: event.message.description)
            return
        }
        let metadataText = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        sink.append(
            level: event.level, label: label, metadata: metadataText, source: event.source, message: event.message.description)
    }
}

/// Where ``BufferedLogHandler``s put their lines: a buffer written to a file descriptor by a timer,
/// when it grows past 64 KB, for urgent lines, and by ``flush()``.
public final class LogSink: Sendable {
    /// How lines are written.
    public enum Format: String, Sendable {
        /// swift-log's `StreamLogHandler` line.
        case text
        /// One object per line: `{"time":…,"level":…,"label":…,"source":…,"message":…,"metadata":{…}}`.
        case json
    }

    private struct State {
        var pending: [UInt8] = []
        var second: time_t = -1
        var stamp = ""
    }

    private let state = Mutex(State())
    private let descriptor: Int32
    let format: Format
    private let flusher = Mutex<Task<Void, Never>?>(nil)
    static let flushInterval: Duration = .milliseconds(100)
    static let flushSize = 64 * 1024

    public init(descriptor: Int32 = STDERR_FILENO, format: Format = .text) {
        self.descriptor = descriptor
        self.format = format
        let task = Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.flushInterval)
                self?.flush()
            }
        }
        flusher.withLock { $0 = task }
    }

    deinit {
        flusher.withLock { $0?.cancel() }
    }

    /// `now` as `2026-11-30T21:46:41+0000` (UTC); the sink formats it once per second.
    static func timestamp(_ now: time_t) -> String {
        var parts = tm()
        gmtime_r([now], &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d+0000", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// Adds `<timestamp> <level> <label>:[ <metadata>] [<source>] <message>` and a newline, written
    /// straight into the buffer (no line is assembled first: this runs for every request).
    func append(level: Logger.Level, label: String, metadata: String, source: String, message: String) {
        let now = time(nil)
        let full = state.withLock { state in
            if state.second != now {
                state.stamp = Self.timestamp(now)
                state.second = now
            }
            state.pending.append(contentsOf: state.stamp.utf8)
            state.pending.append(UInt8(ascii: " "))
            state.pending.append(contentsOf: level.rawValue.utf8)
            state.pending.append(UInt8(ascii: " "))
            state.pending.append(contentsOf: label.utf8)
            state.pending.append(UInt8(ascii: ":"))
            if !metadata.isEmpty {
                state.pending.append(UInt8(ascii: " "))
                state.pending.append(contentsOf: metadata.utf8)
            }
            state.pending.append(contentsOf: " [".utf8)
            state.pending.append(contentsOf: source.utf8)
            state.pending.append(contentsOf: "] ".utf8)
            state.pending.append(contentsOf: message.utf8)
            state.pending.append(UInt8(ascii: "\n"))
            return state.pending.count >= Self.flushSize
        }
        if level >= .warning || full { flush() }
    }

    /// Adds one JSON object and a newline; metadata values are strings.
    func appendJSON(level: Logger.Level, label: String, metadata: Logger.Metadata, source: String, message: String) {
        let now = time(nil)
        var fields: [(String, String)] = [("level", level.rawValue), ("label", label), ("source", source), ("message", message)]
        let full = state.withLock { state in
            if state.second != now {
                state.stamp = Self.timestamp(now)
                state.second = now
            }
            fields.insert(("time", state.stamp), at: 0)
            state.pending.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { state.pending.append(UInt8(ascii: ",")) }
                Self.appendJSONString(key, to: &state.pending)
                state.pending.append(UInt8(ascii: ":"))
                Self.appendJSONString(value, to: &state.pending)
            }
            if !metadata.isEmpty {
                state.pending.append(contentsOf: ",\"metadata\":{".utf8)
                for (index, (key, value)) in metadata.sorted(by: { $0.key < $1.key }).enumerated() {
                    if index > 0 { state.pending.append(UInt8(ascii: ",")) }
                    Self.appendJSONString(key, to: &state.pending)
                    state.pending.append(UInt8(ascii: ":"))
                    Self.appendJSONString("\(value)", to: &state.pending)
                }
                state.pending.append(UInt8(ascii: "}"))
            }
            state.pending.append(contentsOf: "}\n".utf8)
            return state.pending.count >= Self.flushSize
        }
        if level >= .warning || full { flush() }
    }

    /// `text` as a JSON string (RFC 8259: quote, backslash and control characters escaped).
    static func appendJSONString(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): buffer.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): buffer.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): buffer.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): buffer.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: "\\u00".utf8)
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0xf)])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Writes everything gathered so far. The write happens under the lock so that lines leave in
    /// the order they came (appenders wait for it, which is rare and short).
    public func flush() {
        state.withLock { state in
            var offset = 0
            while offset < state.pending.count {
                let written = state.pending[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { break }
                offset += written
            }
            state.pending.removeAll(keepingCapacity: true)
        }
    }
}
