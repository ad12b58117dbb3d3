import SCIM

/// A list or search request (RFC 7644 §3.4.2) as the store runs it: filter, sort and page.
public struct ListQuery: Sendable, Hashable {
    public var filter: Filter?
    public var sortBy: AttributePath?
    public var descending: Bool
    /// 1-based, as SCIM's `startIndex`.
    public var startIndex: Int
    /// Page size; 0 asks only for `totalResults`.
    public var count: Int
    /// For teams: whether to load `members` (false for `excludedAttributes=members`).
    public var includeMembers: Bool

    public init(
        filter: Filter? = nil, sortBy: AttributePath? = nil, descending: Bool = false, startIndex: Int = 1,
        count: Int = 100, includeMembers: Bool = true
    ) {
        self.filter = filter
        self.sortBy = sortBy
        self.descending = descending
        self.startIndex = startIndex
        self.count = count
        self.includeMembers = includeMembers
    }
}

/// One page of a list: the total that match and the resources of this page, in a stable order.
public struct Page<Resource: Sendable & Hashable>: Sendable, Hashable {
    /// How many match in all (RFC 7644 §3.4.2.4).
    public var totalResults: Int
    public var resources: [Resource]

    public init(totalResults: Int, resources: [Resource]) {
        self.totalResults = totalResults
        self.resources = resources
    }
}

/// A page of members or teams as resources.
public typealias ListPage = Page<SCIMResource>

/// The result of a write to a team: the team as stored and the member ids that were skipped
/// because no member of the organization has them (logged, never a failed push: Okta does not
/// retry a 400).
public struct TeamWriteResult: Sendable, Hashable {
    public var team: SCIMResource
    public var skippedMemberIDs: [String]

    public init(team: SCIMResource, skippedMemberIDs: [String]) {
        self.team = team
        self.skippedMemberIDs = skippedMemberIDs
    }
}
