import Foundation
import RosterStore
import SCIM

/// Keys while a dialog or overlay is open: it gets every key, so nothing reaches the screen underneath.
extension ConsoleState {
    mutating func handleModalKey(_ key: Key, _ modal: Modal) -> [ConsoleEffect] {
        switch modal {
        case .help(var help):
            switch registry.action(for: key, in: .help) {
            case .dismiss?:
                modals.removeLast()
            case let action? where Movement.isMovement(action):
                help.scroll = scrolled(help.scroll, by: action, rows: helpDocument(help).count)
                replaceTopModal(.help(help))
            default:
                break
            }
            return []
        case .messages(var messages):
            switch registry.action(for: key, in: .messages) {
            case .dismiss?:
                modals.removeLast()
            case .copy?:
                guard !messageLog.entries.isEmpty else { return [] }
                return [.copy(MessageDocument.text(messageLog, options: options))]
            case let action? where Movement.isMovement(action):
                messages.scroll = scrolled(messages.scroll, by: action, rows: messagesDocument().count)
                replaceTopModal(.messages(messages))
            default:
                break
            }
            return []
        case .prompt(var prompt):
            guard let action = registry.action(for: key, in: .prompt) else {
                if case .character(let character) = key {
                    prompt.input.insert(character)
                    replaceTopModal(.prompt(prompt))
                }
                return []
            }
            switch action {
            case .promptSubmit: return submitPrompt(prompt)
            case .promptCancel:
                modals.removeLast()
                return []
            case .promptComplete:
                if case .command = prompt.purpose { prompt.input.replace(with: CommandLine.complete(prompt.input.text)) }
            default:
                edit(&prompt.input, action)
            }
            replaceTopModal(.prompt(prompt))
            return []
        case .typedConfirm(var dialog):
            guard let action = registry.action(for: key, in: .prompt) else {
                if case .character(let character) = key {
                    dialog.input.insert(character)
                    replaceTopModal(.typedConfirm(dialog))
                }
                return []
            }
            switch action {
            case .promptSubmit:
                modals.removeLast()
                guard dialog.focus == .confirm else {
                    showFlash("Cancelled: nothing was changed.")
                    return []
                }
                return [write(dialog.write)]
            case .promptCancel:
                modals.removeLast()
                return []
            case .promptComplete:
                return []
            default:
                edit(&dialog.input, action)
                replaceTopModal(.typedConfirm(dialog))
                return []
            }
        case .confirm(let question):
            switch registry.action(for: key, in: .confirm) {
            case .confirmAccept?:
                modals.removeLast()
                return confirmed(question.action)
            case .confirmDecline?:
                modals.removeLast()
            default:
                break
            }
            return []
        case .choice(var choice):
            switch registry.action(for: key, in: .choice) {
            case .choose?:
                modals.removeLast()
                return chosen(choice)
            case .dismiss?:
                modals.removeLast()
            case .moveUp?:
                choice.selected = max(0, choice.selected - 1)
                replaceTopModal(.choice(choice))
            case .moveDown?:
                choice.selected = min(choice.options.count - 1, choice.selected + 1)
                replaceTopModal(.choice(choice))
            case .moveToTop?:
                choice.selected = 0
                replaceTopModal(.choice(choice))
            case .moveToBottom?:
                choice.selected = choice.options.count - 1
                replaceTopModal(.choice(choice))
            default:
                break
            }
            return []
        case .secret(var secret):
            switch registry.action(for: key, in: .secret) {
            case .copy?:
                secret.copied = true
                replaceTopModal(.secret(secret))
                return [.copy(secret.secret)]
            case .dismiss?:
                modals.removeLast()
            default:
                break
            }
            return []
        }
    }

    /// An overlay's new first row after a movement key: by a row, half a body, or to an end (where the last row is
    /// at the bottom of the box).
    func scrolled(_ scroll: Int, by action: ConsoleAction, rows: Int) -> Int {
        let height = BodyLayout.bodyHeight(size)
        let half = max(1, height / 2)
        let target: Int
        switch action {
        case .moveUp: target = scroll - 1
        case .moveDown: target = scroll + 1
        case .pageUp, .halfPageUp: target = scroll - half
        case .pageDown, .halfPageDown: target = scroll + half
        case .moveToTop: target = 0
        default: target = rows
        }
        return min(max(0, target), max(0, rows - (height - 2)))
    }

    /// The editing actions of a text input.
    func edit(_ input: inout TextInput, _ action: ConsoleAction) {
        switch action {
        case .promptDeleteBackward: input.deleteBackward()
        case .promptDeleteForward: input.deleteForward()
        case .promptDeleteWord: input.deleteWord()
        case .promptDeleteToStart: input.deleteToStart()
        case .promptCursorLeft: input.moveLeft()
        case .promptCursorRight: input.moveRight()
        case .promptCursorStart: input.moveToStart()
        case .promptCursorEnd: input.moveToEnd()
        default: break
        }
    }

    /// Yes to a question.
    mutating func confirmed(_ action: PendingAction) -> [ConsoleEffect] {
        switch action {
        case .quit:
            return [.quit]
        case .write(let change):
            return [write(change)]
        case .editMember(let member):
            startMemberForm(.edit(member))
            return []
        case .clearRequests:
            requests.clear()
            showDone("Cleared the request list (the log keeps every entry).")
            return []
        }
    }

    /// Enter on a choice.
    mutating func chosen(_ choice: ChoiceState) -> [ConsoleEffect] {
        switch choice.purpose {
        case .rotateKey(let id, let graces):
            return [write(.rotateKey(id: id, grace: graces[choice.selected]))]
        case .keyExpiry(let label, let lifetimes):
            let expiresAt = lifetimes[choice.selected].map { now.addingTimeInterval($0) }
            return [write(.createKey(label: label, expiresAt: expiresAt))]
        case .organization(let ids):
            return switchOrganization(to: ids[choice.selected])
        }
    }
}
