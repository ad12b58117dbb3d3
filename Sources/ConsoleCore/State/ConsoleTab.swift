/// The four top-level screens, numbered as their tabs and the keys `1`-`4` that show them.
public enum ConsoleTab: Int, CaseIterable, Hashable, Sendable {
    case members = 1
    case teams
    case requests
    case keys

    /// The tab's label in the top row.
    public var title: String {
        switch self {
        case .members: return "Members"
        case .teams: return "Teams"
        case .requests: return "Requests"
        case .keys: return "Keys"
        }
    }

    /// Where the screen's keys are looked up.
    public var keyContext: KeyContext {
        switch self {
        case .members: return .members
        case .teams: return .teams
        case .requests: return .requests
        case .keys: return .keys
        }
    }

    /// The tab `offset` places to the right (negative: left), wrapping around (`[` and `]`).
    public func shifted(by offset: Int) -> ConsoleTab {
        let all = Self.allCases
        let index = (all.firstIndex(of: self)! + offset % all.count + all.count) % all.count
        return all[index]
    }
}
