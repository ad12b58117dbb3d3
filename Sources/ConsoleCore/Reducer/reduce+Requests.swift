import Foundation
import RosterStore
import SCIM

/// The live Requests screen and a request's detail.
extension ConsoleState {
    mutating func performOnRequests(_ action: ConsoleAction) -> [ConsoleEffect] {
        if Movement.isMovement(action) {
            Movement.apply(action, to: &requests.selection)
            return []
        }
        switch action {
        case .open:
            guard let index = requests.selection.selectedIndex else { return [] }
            stack.append(.request(RequestDetailState(entries: requests.visible, index: index)))
        case .filter:
            openFilterPrompt(.requests)
        case .togglePause:
            requests.paused.toggle()
            if requests.paused {
                showFlash("Paused: new requests are held and counted; p resumes.")
            } else {
                resumeRequests()
                showFlash("Resumed.")
            }
        case .follow:
            if requests.paused { resumeRequests() }
            requests.selection.follow()
        case .toggleErrorsOnly:
            requests.errorsOnly.toggle()
            requests.refilter()
            showFlash(requests.errorsOnly ? "Showing failed requests only (4xx, 5xx); e shows all." : "Showing all requests.")
            if requests.errorsOnly {
                let query = RequestLogQuery(
                    organizationID: organization.id, errorsOnly: true, limit: RequestsState.pageSize)
                requests.pendingLoad = query
                return [.loadRequestLog(query)]
            }
        case .clearRequests:
            modals.append(.confirm(ConfirmState(
                title: "Clear requests",
                lines: ["Clear the list? The request log keeps every entry; new requests appear as they come.",
                        "Clear? [y/N]"],
                action: .clearRequests)))
        case .copy:
            guard let entry = requests.selectedEntry else { return [] }
            showDone("Copied \(entry.method) \(entry.path).")
            return [.copy(entry.method + " " + entry.path + (entry.query.isEmpty ? "" : "?" + entry.query))]
        case .cycleSort, .reverseSort:
            showFlash("Requests are always listed newest first.")
        default:
            break
        }
        return []
    }

    /// Merges what arrived while paused.
    mutating func resumeRequests() {
        requests.paused = false
        let held = requests.held
        requests.held = []
        requests.merge(held)
    }

    mutating func performOnRequestDetail(_ action: ConsoleAction) -> [ConsoleEffect] {
        guard var detail = requestDetail else { return [] }
        let lines = requestDocument(detail)
        if Movement.isMovement(action) {
            Movement.apply(action, to: &detail.cursor, lineCount: lines.count, viewport: requestViewport)
            requestDetail = detail
            return []
        }
        switch action {
        case .nextTab, .previousTab:
            let all = RequestDetailTab.allCases
            let step = action == .nextTab ? 1 : all.count - 1
            detail.tab = all[(detail.tab.rawValue + step) % all.count]
            detail.cursor = DocumentCursor()
        case .nextItem, .previousItem:
            let target = detail.index + (action == .nextItem ? 1 : -1)
            guard detail.entries.indices.contains(target) else {
                showFlash(action == .nextItem ? "This is the oldest request of the list." : "This is the newest request of the list.")
                return []
            }
            detail.index = target
            detail.cursor = DocumentCursor()
            detail.showAll = false
        case .toggleBodyView:
            detail.raw.toggle()
        case .showAll:
            detail.showAll = true
        case .open:
            guard lines.indices.contains(detail.cursor.line), let link = lines[detail.cursor.line].link else {
                return []
            }
            switch link {
            case .member(let id): return openMember(id: id, member: nil)
            case .team(let id): return openTeam(id: id, team: nil)
            case .request: return []
            }
        case .copy:
            showDone("Copied the request as a curl command.")
            return [.copy(CurlCommand.text(for: detail.entry, baseURL: options.endpoint.baseURL))]
        default:
            return []
        }
        requestDetail = detail
        return []
    }
}

/// A request as a `curl` command that replays it, with the key left as a variable (the log never has it).
public enum CurlCommand {
    public static func text(for entry: RequestLogEntry, baseURL: String?) -> String {
        let origin = baseURL.flatMap(Self.origin) ?? "$ROSTER_URL"
        let target = entry.path + (entry.query.isEmpty ? "" : "?" + entry.query)
        var parts = ["curl", "-X", entry.method, quote(origin + target), "-H", quote("Authorization: Bearer $ROSTER_KEY")]
        if !entry.requestBody.isEmpty {
            parts += ["-H", quote("Content-Type: application/scim+json"), "--data-raw", quote(entry.requestBody)]
        }
        return parts.joined(separator: " ")
    }

    /// `https://host:port` of a base URL.
    static func origin(_ baseURL: String) -> String? {
        guard let scheme = baseURL.range(of: "://") else { return nil }
        let rest = baseURL[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" }
        return String(baseURL[..<scheme.upperBound]) + host
    }

    /// Single-quoted for a POSIX shell.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
