import Foundation
import RosterStore
import SCIM

/// Enter in a text input: what happens depends on what the input was for.
extension ConsoleState {
    mutating func submitPrompt(_ prompt: PromptState) -> [ConsoleEffect] {
        let text = prompt.input.text
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .filter(let target):
            // A filter that does not parse keeps the prompt open, so the typo can be fixed.
            guard applyFilter(text, on: target) else { return [] }
            modals.removeLast()
            return []
        case .command:
            modals.removeLast()
            return runCommand(text)
        case .memberForm(var form):
            form.values[form.field] = text
            guard form.isLastStep else {
                form.step += 1
                replaceTopModal(.prompt(formPrompt(form)))
                return []
            }
            modals.removeLast()
            switch form.mode {
            case .create:
                return [write(.createMember(attributes: form.attributes()))]
            case .edit(let member):
                return [write(.replaceMember(
                    id: member.id, attributes: form.attributes(), expectedVersion: member.meta.version))]
            }
        case .keyLabel:
            guard !trimmed.isEmpty else {
                showFlash("\(options.glyphs.cross) A key needs a label, e.g. okta-prod.", level: .error)
                return []
            }
            modals.removeLast()
            modals.append(.choice(ChoiceState(
                title: "New API key \"\(trimmed)\"", lines: ["When should the key stop working?"],
                options: ["Never", "In 30 days", "In 90 days", "In a year"], selected: 0,
                purpose: .keyExpiry(label: trimmed, lifetimes: [nil, 30 * 86_400, 90 * 86_400, 365 * 86_400]))))
            return []
        case .newTeamName:
            guard !trimmed.isEmpty else {
                showFlash("\(options.glyphs.cross) A team needs a name.", level: .error)
                return []
            }
            modals.removeLast()
            return [write(.createTeam(name: trimmed))]
        case .renameTeam(let id, let version):
            guard !trimmed.isEmpty else {
                showFlash("\(options.glyphs.cross) A team needs a name.", level: .error)
                return []
            }
            modals.removeLast()
            return [write(.renameTeam(id: id, name: trimmed, expectedVersion: version))]
        case .addTeamMember(let teamID):
            guard !trimmed.isEmpty else {
                showFlash("\(options.glyphs.cross) Type a member's userName or id.", level: .error)
                return []
            }
            modals.removeLast()
            return [write(.addTeamMember(teamID: teamID, member: trimmed))]
        }
    }

    /// Opens the filter prompt of a list screen, prefilled with its current filter.
    mutating func openFilterPrompt(_ target: ConsoleTab) {
        let current = Self.listPath(target).map { self[keyPath: $0].filterText } ?? requests.filterText
        modals.append(.prompt(PromptState(title: "/", text: current, purpose: .filter(target))))
    }

    /// Applies typed filter text to a screen; false (with the parser's detail in the flash) when it is invalid.
    mutating func applyFilter(_ text: String, on target: ConsoleTab) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        do {
            if let path = Self.listPath(target) {
                let filter = try ListFilterInput.filter(for: trimmed, kind: self[keyPath: path].kind)
                self[keyPath: path].filterText = filter == nil ? "" : trimmed
                self[keyPath: path].filter = filter
                self[keyPath: path].list.reset()
            } else {
                requests.filter = try RequestFilter.parse(trimmed)
                requests.filterText = trimmed
                requests.refilter()
            }
            return true
        } catch {
            showFlash("\(options.glyphs.cross) \(error.detail)", level: .error)
            return false
        }
    }

    /// The prompt for the form's current field, prefilled with its value.
    func formPrompt(_ form: MemberForm) -> PromptState {
        PromptState(
            title: "\(form.title): \(form.field.label)", text: form.values[form.field] ?? "",
            purpose: .memberForm(form))
    }

    mutating func startMemberForm(_ form: MemberForm) {
        modals.append(.prompt(formPrompt(form)))
    }

    /// Runs a command line (`:requests status:5xx`, `:org Acme`, `:q`).
    mutating func runCommand(_ text: String) -> [ConsoleEffect] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let name = trimmed.prefix { $0 != " " }.lowercased()
        let argument = trimmed.drop { $0 != " " }.trimmingCharacters(in: .whitespaces)
        guard let command = CommandLine.Command.named(name) else {
            showFlash(
                "\(options.glyphs.cross) Unknown command :\(name). Try \(CommandLine.Command.summary).", level: .error)
            return []
        }
        switch command {
        case .members, .teams, .requests:
            let target: ConsoleTab = command == .members ? .members : command == .teams ? .teams : .requests
            let effects = show(target)
            if !argument.isEmpty { _ = applyFilter(argument, on: target) }
            return effects
        case .keys:
            return show(.keys)
        case .help:
            modals.append(.help(HelpState(context: screenContext)))
            return []
        case .log:
            modals.append(.messages(MessagesState()))
            return []
        case .quit:
            return requestQuit()
        case .org:
            guard !argument.isEmpty else { return openOrganizationSwitcher() }
            let wanted = CaseFolding.key(argument)
            guard let match = organizations.first(where: { CaseFolding.key($0.name) == wanted || $0.id == argument })
            else {
                let names = organizations.map(\.name).joined(separator: ", ")
                showFlash("\(options.glyphs.cross) No organization named \(argument) (there are: \(names)).",
                          level: .error)
                return []
            }
            return switchOrganization(to: match.id)
        }
    }
}

/// The `:` command line's commands and completion.
public enum CommandLine {
    public enum Command: String, CaseIterable, Sendable {
        case members, teams, requests, keys, org, help, log, quit

        /// The command for a typed name: its full name, a unique prefix, or `q`.
        static func named(_ name: String) -> Command? {
            if name == "q" { return .quit }
            if let exact = Command(rawValue: name) { return exact }
            let matches = allCases.filter { $0.rawValue.hasPrefix(name) }
            return !name.isEmpty && matches.count == 1 ? matches[0] : nil
        }

        static let summary =
            ":members [filter], :teams [filter], :requests [filter], :keys, :org NAME, :help, :log (messages), :q"
    }

    /// Tab: completes the command name when the typed prefix names exactly one command.
    public static func complete(_ text: String) -> String {
        guard !text.contains(" ") else { return text }
        let matches = Command.allCases.filter { $0.rawValue.hasPrefix(text.lowercased()) }
        return matches.count == 1 ? matches[0].rawValue + " " : text
    }
}
