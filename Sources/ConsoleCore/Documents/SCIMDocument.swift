import Foundation
import RosterStore
import SCIM

/// The SCIM tab of a request's detail: what Roster understood of it. The filter from the query as a tree, the
/// PATCH operations from the body, and the error's `scimType` and `detail`, each parsed by the same code the
/// server runs, so a parse error here is the one the client got.
enum SCIMDocument {
    static func lines(_ entry: RequestLogEntry, options: ConsoleOptions) -> [DocumentLine] {
        let notation = options.glyphs.notation
        func clean(_ text: String) -> String { TerminalText.sanitized(text, notation: notation) }
        var lines: [DocumentLine] = [.heading("Filter")]
        if let text = queryParameter("filter", in: entry.query) {
            lines.append(.field("as sent", clean(text), width: 8))
            do {
                let nodes = tree(try FilterParser.parse(text), depth: 0)
                lines += nodes.enumerated().map { offset, node in
                    .field(offset == 0 ? "parsed" : "", clean(node), width: 8)
                }
            } catch {
                lines.append(.text("\(options.glyphs.cross) \(clean(error.detail))", .statusClientError))
            }
        } else {
            lines.append(.text("No filter in this request.", .dim))
        }
        if entry.method.uppercased() == "PATCH" {
            lines.append(.text(""))
            lines.append(.heading("PATCH operations"))
            lines += patchLines(entry.requestBody, options: options)
        }
        if entry.status >= 400 {
            lines.append(.text(""))
            lines.append(.heading("Error"))
            let error = RequestDocument.error(entry)
            lines.append(.field("status", HTTPStatusText.line(entry.status), width: 8,
                                style: StyleRole.httpStatus(entry.status)))
            lines.append(.field("scimType", clean(error.scimType ?? "none"), width: 8))
            if let detail = error.detail {
                lines += TerminalText.sanitizedLines(detail, notation: notation).enumerated().map { offset, line in
                    .field(offset == 0 ? "detail" : "", line, width: 8)
                }
            }
        }
        return lines
    }

    /// The operations of a PATCH body: `replace  name.familyName  "Doe-Smith"`.
    private static func patchLines(_ body: String, options: ConsoleOptions) -> [DocumentLine] {
        let notation = options.glyphs.notation
        let request: PatchRequest
        do {
            guard let value = try? JSONParser.parse(body) else {
                return [.text("The body is not JSON.", .statusClientError)]
            }
            request = try PatchRequest.parse(value)
        } catch {
            return [.text("\(options.glyphs.cross) \(TerminalText.sanitized(error.detail, notation: notation))",
                          .statusClientError)]
        }
        let count = request.operations.count
        var lines: [DocumentLine] = [.text("\(count) operation\(count == 1 ? "" : "s")", .dim)]
        for operation in request.operations {
            let path = operation.path?.description ?? "(no path)"
            let value = operation.value.map { $0.jsonString } ?? ""
            lines.append(DocumentLine([
                TextSpan(DisplayWidth.pad(operation.op.rawValue, toWidth: 8), .methodWrite),
                TextSpan(TerminalText.sanitized(path, notation: notation) + "  "),
                TextSpan(TerminalText.sanitized(value, notation: notation), .dim),
            ], wrapIndent: 8))
        }
        return lines
    }

    /// A filter as an indented tree, one node per line.
    static func tree(_ filter: Filter, depth: Int) -> [String] {
        let indent = String(repeating: "  ", count: depth)
        switch filter {
        case .compare, .present:
            return [indent + filter.description]
        case .and(let left, let right):
            return [indent + "and"] + tree(left, depth: depth + 1) + tree(right, depth: depth + 1)
        case .or(let left, let right):
            return [indent + "or"] + tree(left, depth: depth + 1) + tree(right, depth: depth + 1)
        case .not(let inner):
            return [indent + "not"] + tree(inner, depth: depth + 1)
        case .valuePath(let path, let inner):
            return [indent + "\(path)[…]"] + tree(inner, depth: depth + 1)
        }
    }

    /// The percent-decoded value of `name` in a query string (`+` is a space, as forms encode it).
    static func queryParameter(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard let key = parts.first, key.lowercased() == name.lowercased() else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            return raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
        }
        return nil
    }
}
