import Foundation
import RosterStore
import SCIM

/// The lines of a member's detail: every attribute, the teams, the recent requests (both link somewhere), or the
/// raw SCIM JSON. The reducer uses the same lines as the view for moving, section jumps and links.
public enum MemberDocument {
    /// Label column width cap; longer labels (deep enterprise paths) are cut.
    static let labelWidth = 18

    public static func lines(_ detail: MemberDetailState, options: ConsoleOptions, now: Date) -> [DocumentLine] {
        let notation = options.glyphs.notation
        guard let member = detail.member else {
            return [.text(detail.notFound ? "This member no longer exists." : "Loading…", .dim)]
        }
        if detail.showJSON {
            let json = JSONWriter(pretty: true).string(.object(member.json(baseURL: options.endpoint.baseURL ?? "")))
            return DocumentText.lines(json, notation: notation)
        }
        var lines: [DocumentLine] = []
        let status = MemberStatus.of(member)
        lines.append(.field("status", status.rawValue, width: labelWidth, style: status.style))
        if let provisioning = member.provisioning {
            lines.append(.labelled("managed", [
                TextSpan(provisioning.by, .badgeManaged),
                TextSpan(" (\(TerminalText.sanitized(Provisioning.evidence(member), notation: notation)))", .dim),
            ], width: labelWidth))
            lines.append(.field(
                "", "\(provisioning.whose) next push may overwrite changes made here.", width: labelWidth, style: .dim))
        }
        let invalid = MemberStatus.invalidPhones(member)
        if !invalid.isEmpty {
            lines.append(.field(
                "phone", "not \(PhoneNumberFormat.expected)", width: labelWidth, style: .statusClientError))
        }
        lines.append(.text(""))
        lines.append(.heading("Attributes"))
        let enterpriseURN = CoreSchemas.enterpriseUser.id
        for entry in member.attributes where !entry.key.caseInsensitiveEquals(enterpriseURN) {
            lines += attributeLines(entry.key, entry.value, notation: notation)
        }
        if let enterprise = member.attributes[enterpriseURN]?.objectValue, !enterprise.isEmpty {
            lines.append(.text(""))
            lines.append(.heading("Enterprise"))
            for entry in enterprise { lines += attributeLines(entry.key, entry.value, notation: notation) }
        }
        lines.append(.text(""))
        lines.append(.heading("Meta"))
        lines.append(.field("id", member.id, width: labelWidth))
        lines.append(.field("created", dated(member.meta.created, options: options, now: now), width: labelWidth))
        lines.append(.field(
            "lastModified", dated(member.meta.lastModified, options: options, now: now), width: labelWidth))
        lines.append(.field("version", member.meta.etag, width: labelWidth))
        lines.append(.text(""))
        lines += teamLines(member, notation: notation)
        lines.append(.text(""))
        lines += requestLines(detail.requests, options: options, now: now)
        return lines
    }

    /// `2026-08-22 14:02:11.204Z (3m ago)`.
    static func dated(_ date: Date, options: ConsoleOptions, now: Date) -> String {
        "\(ClockTime.full(date, in: options.timeZone)) (\(RelativeTime.text(date, now: now)))"
    }

    private static func teamLines(_ member: SCIMResource, notation: TerminalText.Notation) -> [DocumentLine] {
        let groups = member.groups ?? []
        var lines: [DocumentLine] = [.heading("Teams (\(groups.count))")]
        if groups.isEmpty { lines.append(.text("Not in any team.", .dim)) }
        for group in groups {
            let name = TerminalText.sanitized(group.display ?? group.value, notation: notation)
            lines.append(DocumentLine([TextSpan(name)], link: .team(id: group.value), wrapIndent: 2))
        }
        return lines
    }

    private static func requestLines(
        _ requests: [RequestLogEntry]?, options: ConsoleOptions, now: Date
    ) -> [DocumentLine] {
        // The store keeps a resource's writes and failed requests under its id, not its reads.
        guard let requests else { return [.heading("Recent changes and errors"), .text("Loading…", .dim)] }
        var lines: [DocumentLine] = [.heading("Recent changes and errors (\(requests.count))")]
        if requests.isEmpty { lines.append(.text("No write or failed request in the log names this member.", .dim)) }
        for (index, entry) in requests.enumerated() {
            let summary = TerminalText.sanitized(entry.summary, notation: options.glyphs.notation)
            lines.append(DocumentLine([
                TextSpan(ClockTime.time(entry.time, in: options.timeZone) + "  ", .dim),
                TextSpan(DisplayWidth.pad(entry.method, toWidth: 6) + " ", StyleRole.httpMethod(entry.method)),
                TextSpan(String(entry.status), StyleRole.httpStatus(entry.status)),
                TextSpan("  " + summary),
            ], link: .request(index: index)))
        }
        return lines
    }

    /// One attribute as lines: scalars on one line, complex values by sub-attribute (`name.givenName`), and
    /// multi-valued ones one line per value with its type and primary flag (`emails  jane@x  work, primary`).
    static func attributeLines(_ key: String, _ value: JSONValue, notation: TerminalText.Notation) -> [DocumentLine] {
        func clean(_ text: String) -> String { TerminalText.sanitized(text, notation: notation) }
        let label = clean(key)
        switch value {
        case .object(let object):
            return object.flatMap { attributeLines("\(key).\($0.key)", $0.value, notation: notation) }
        case .array(let elements):
            if elements.isEmpty { return [.field(label, "[]", width: labelWidth, style: .dim)] }
            return elements.enumerated().map { offset, element in
                let shownLabel = offset == 0 ? label : ""
                guard let object = element.objectValue else {
                    return .field(shownLabel, clean(scalarText(element)), width: labelWidth)
                }
                var text = clean(object["value"].map(scalarText) ?? scalarText(element))
                var notes: [String] = []
                if let type = object["type"]?.stringValue { notes.append(clean(type)) }
                if object["primary"]?.boolValue == true { notes.append("primary") }
                if !notes.isEmpty { text += "  " + notes.joined(separator: ", ") }
                let phone = key.caseInsensitiveEquals("phoneNumbers")
                let valid = object["value"]?.stringValue.map { $0.isEmpty || PhoneNumberFormat.isValid($0) } ?? true
                return .field(shownLabel, text, width: labelWidth, style: phone && !valid ? .statusClientError : .normal)
            }
        default:
            return [.field(label, clean(scalarText(value)), width: labelWidth)]
        }
    }

    /// A scalar as text; complex values as compact JSON.
    static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return JSONWriter.format(number)
        case .null: return "null"
        case .array, .object: return value.jsonString
        }
    }
}
