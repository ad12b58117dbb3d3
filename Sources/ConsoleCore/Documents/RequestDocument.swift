import Foundation
import RosterStore
import SCIM

/// The lines of one tab of a request's detail: Summary, Request (headers and body), Response, SCIM (the parsed
/// filter, the PATCH operations, the error).
public enum RequestDocument {
    /// Body lines shown before the "press f to show all" notice (mitmproxy's `content_view_lines_cutoff`).
    public static let bodyCutoff = 60
    static let labelWidth = 10

    public static func lines(_ detail: RequestDetailState, options: ConsoleOptions, now: Date) -> [DocumentLine] {
        let entry = detail.entry
        switch detail.tab {
        case .summary:
            return summary(entry, options: options, now: now)
        case .request:
            var lines = [requestLine(entry, options: options), .text("")]
            for name in entry.requestHeaders.keys.sorted(by: { $0.lowercased() < $1.lowercased() }) {
                let value = TerminalText.sanitized(entry.requestHeaders[name] ?? "", notation: options.glyphs.notation)
                let label = TerminalText.sanitized(name, notation: options.glyphs.notation) + ": "
                lines.append(DocumentLine([TextSpan(label, .dim), TextSpan(value)], wrapIndent: label.displayWidth))
            }
            if !entry.requestHeaders.isEmpty {
                lines.append(.text(""))
            } else if entry.isSuccessfulRead {
                // The server stores successful reads without their headers (the key is in Summary).
                lines += [.text("(a successful read's headers are not stored: its key is in the summary)", .dim), .text("")]
            }
            return lines + body(entry.requestBody, detail: detail, options: options)
        case .response:
            let status = DocumentLine([TextSpan("Status  ", .dim),
                TextSpan(HTTPStatusText.line(entry.status), StyleRole.httpStatus(entry.status))])
            if entry.responseBody.isEmpty, entry.isSuccessfulRead {
                // The server stores no body for successful reads (they are the stored resources).
                return [status, .text(""), .text("(a successful read's body is not stored: see the resource's own tab)", .dim)]
            }
            return [status, .text("")] + body(entry.responseBody, detail: detail, options: options)
        case .scim:
            return SCIMDocument.lines(entry, options: options)
        }
    }

    /// `PATCH /scim/v2/Users/8f3c…?filter=…`.
    static func requestLine(_ entry: RequestLogEntry, options: ConsoleOptions) -> DocumentLine {
        let target = entry.path + (entry.query.isEmpty ? "" : "?" + entry.query)
        return DocumentLine([
            TextSpan(entry.method + " ", StyleRole.httpMethod(entry.method)),
            TextSpan(TerminalText.sanitized(target, notation: options.glyphs.notation)),
        ], wrapIndent: entry.method.count + 1)
    }

    /// The `scimType` and `detail` of a failed request: the log's scimType, else the response body's; the
    /// detail from the body (nil when the request succeeded or the body is not a SCIM error).
    static func error(_ entry: RequestLogEntry) -> (scimType: String?, detail: String?) {
        guard entry.status >= 400 else { return (entry.scimType, nil) }
        let body = (try? JSONParser.parse(entry.responseBody))?.objectValue
        return (entry.scimType ?? body?["scimType"]?.stringValue, body?["detail"]?.stringValue)
    }

    private static func summary(_ entry: RequestLogEntry, options: ConsoleOptions, now: Date) -> [DocumentLine] {
        func clean(_ text: String) -> String { TerminalText.sanitized(text, notation: options.glyphs.notation) }
        var lines: [DocumentLine] = [
            .field("Time", "\(ClockTime.full(entry.time, in: options.timeZone)) (\(RelativeTime.text(entry.time, now: now)))",
                   width: labelWidth),
            .field("Duration", NumberText.latency(micros: entry.latencyMicros, ascii: options.glyphs.isASCII),
                   width: labelWidth),
            .field("Status", HTTPStatusText.line(entry.status), width: labelWidth,
                   style: StyleRole.httpStatus(entry.status)),
        ]
        // What went wrong comes first, in full: the detail is what the client was told to act on.
        let error = error(entry)
        if let scimType = error.scimType {
            lines.append(.field("scimType", clean(scimType), width: labelWidth, style: .statusClientError))
        }
        if let detail = error.detail {
            lines += TerminalText.sanitizedLines(detail, notation: options.glyphs.notation).enumerated().map {
                .field($0.offset == 0 ? "Detail" : "", $0.element, width: labelWidth)
            }
        }
        lines += [
            .labelled("Request", requestLine(entry, options: options).spans, width: labelWidth),
            .field("Summary", clean(entry.summary), width: labelWidth),
            .field("Client", clean(entry.clientAddress), width: labelWidth),
            .field("Agent", clean(entry.userAgent.isEmpty ? "-" : entry.userAgent), width: labelWidth),
            .field("Key", clean(entry.keyPrefix ?? "none recognised"), width: labelWidth),
        ]
        if let resourceID = entry.resourceID {
            let isTeam = entry.path.contains("/Groups")
            lines.append(.labelled(isTeam ? "Team" : "Member", [
                TextSpan(clean(resourceID)),
                TextSpan("  \(options.glyphs.enterKey) open \(isTeam ? "team" : "member")", .dim),
            ], width: labelWidth, link: isTeam ? .team(id: resourceID) : .member(id: resourceID)))
        }
        return lines
    }

    /// A body pretty-printed when it is JSON (unless `m` asked for raw), cut off after `bodyCutoff` lines unless
    /// `f` asked for all.
    private static func body(_ text: String, detail: RequestDetailState, options: ConsoleOptions) -> [DocumentLine] {
        guard !text.isEmpty else { return [.text("(no body)", .dim)] }
        var shown = text
        if !detail.raw, let value = try? JSONParser.parse(text) {
            shown = JSONWriter(pretty: true).string(value)
        }
        let lines = DocumentText.lines(shown, notation: options.glyphs.notation)
        guard !detail.showAll, lines.count > bodyCutoff else { return lines }
        let hidden = lines.count - bodyCutoff
        return Array(lines.prefix(bodyCutoff)) + [
            .text("\(options.glyphs.ellipsis) \(hidden) more line\(hidden == 1 ? "" : "s"). Press f to show all.", .dim),
        ]
    }
}
