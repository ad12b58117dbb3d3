import RosterStore
import SCIM

/// A page pushed on top of a screen by Enter; Esc and `q` pop it.
public enum DetailPage: Hashable, Sendable {
    case member(MemberDetailState)
    case team(TeamDetailState)
    case request(RequestDetailState)

    /// Where the page's keys are looked up.
    public var keyContext: KeyContext {
        switch self {
        case .member: return .memberDetail
        case .team: return .teamDetail
        case .request: return .requestDetail
        }
    }
}

/// One member with everything about it: attributes, teams, the requests that touched it, raw JSON.
public struct MemberDetailState: Hashable, Sendable {
    public let id: String
    /// Nil until loaded.
    public internal(set) var member: SCIMResource?
    /// The newest requests about this member; nil until loaded.
    public internal(set) var requests: [RequestLogEntry]?
    /// The member no longer exists (deleted meanwhile).
    public internal(set) var notFound: Bool
    /// `m`: the raw SCIM JSON instead of the attribute list.
    public internal(set) var showJSON: Bool
    public internal(set) var cursor: DocumentCursor

    public init(id: String, member: SCIMResource? = nil) {
        self.id = id
        self.member = member
        requests = nil
        notFound = false
        showJSON = false
        cursor = DocumentCursor()
    }
}

/// One team: its attributes and a paged list of its members (a team can have 100,000).
public struct TeamDetailState: Hashable, Sendable {
    public let id: String
    public internal(set) var team: SCIMResource?
    public internal(set) var members: PagedList<MemberRef>
    public internal(set) var notFound: Bool
    /// `m`: the raw SCIM JSON (without the member list) instead of the members.
    public internal(set) var showJSON: Bool
    public internal(set) var cursor: DocumentCursor

    public init(id: String, team: SCIMResource? = nil, viewportHeight: Int = 1) {
        self.id = id
        self.team = team
        members = PagedList(viewportHeight: viewportHeight)
        notFound = false
        showJSON = false
        cursor = DocumentCursor()
    }
}

/// The tabs of a request's detail.
public enum RequestDetailTab: Int, CaseIterable, Hashable, Sendable {
    case summary, request, response, scim

    public var title: String {
        switch self {
        case .summary: return "Summary"
        case .request: return "Request"
        case .response: return "Response"
        case .scim: return "SCIM"
        }
    }
}

/// One request of a list, with `n`/`N` moving through that list without leaving the detail.
public struct RequestDetailState: Hashable, Sendable {
    /// The list the request was opened from (the Requests screen's rows, or a member's recent requests).
    public let entries: [RequestLogEntry]
    public internal(set) var index: Int
    public internal(set) var tab: RequestDetailTab
    /// `m`: bodies as received instead of pretty-printed.
    public internal(set) var raw: Bool
    /// `f`: bodies in full instead of cut off.
    public internal(set) var showAll: Bool
    public internal(set) var cursor: DocumentCursor

    public init(entries: [RequestLogEntry], index: Int) {
        self.entries = entries
        self.index = min(max(0, index), max(0, entries.count - 1))
        tab = .summary
        raw = false
        showAll = false
        cursor = DocumentCursor()
    }

    public var entry: RequestLogEntry { entries[index] }
}
