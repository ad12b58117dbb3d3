import Foundation
import SCIM

/// What a team's detail shows besides its member table: two header rows of attributes, or the raw SCIM JSON.
public enum TeamDocument {
    /// The team's SCIM representation without its member list (which is paged, not held), pretty-printed.
    public static func json(_ team: SCIMResource, options: ConsoleOptions) -> String {
        var object = team.json(baseURL: options.endpoint.baseURL ?? "")
        object.removeValue(forKey: "members")
        if let count = team.memberCount { object["memberCount"] = .number(Double(count)) }
        return JSONWriter(pretty: true).string(.object(object))
    }

    /// The JSON as document lines (`m`).
    public static func jsonLines(_ detail: TeamDetailState, options: ConsoleOptions) -> [DocumentLine] {
        guard let team = detail.team else { return [.text("Loading…", .dim)] }
        return DocumentText.lines(json(team, options: options), notation: options.glyphs.notation)
    }

    /// The rows above the member table: name and management, then id, size and last change (each wraps).
    public static func header(_ detail: TeamDetailState, options: ConsoleOptions, now: Date) -> [DocumentLine] {
        let glyphs = options.glyphs
        guard let team = detail.team else {
            return [.text(detail.notFound ? "This team no longer exists." : "Loading…", .dim), .text("")]
        }
        var first: [TextSpan] = [TextSpan(TerminalText.sanitized(team.displayName ?? "", notation: glyphs.notation), .title)]
        if let provisioning = team.provisioning {
            first.append(TextSpan("  \(provisioning.managedBy)", .badgeManaged))
            let evidence = TerminalText.sanitized(Provisioning.evidence(team), notation: glyphs.notation)
            first.append(TextSpan(" (\(evidence))", .dim))
        }
        let count = team.memberCount.map { NumberText.grouped($0) } ?? "?"
        let second = "\(count) members \(glyphs.separator) updated \(RelativeTime.text(team.meta.lastModified, now: now)) "
            + "\(glyphs.separator) id \(team.id)"
        return [DocumentLine(first, wrapIndent: 0), .text(second, .dim)]
    }
}
