/// The simulated Okta tenant: its people (profiles change as the story goes), their assignment to
/// the app, its groups, and the ``ServerModel`` of what was pushed.
public struct SimulationState: Sendable {
    /// One person's assignment to the SCIM app, as Okta tracks it.
    public struct AppUser: Sendable, Hashable {
        /// The SCIM id Okta linked (from the create answer or a lookup).
        public var memberID: String?
        /// Assigned in Okta, so Okta wants the member active.
        public var assigned = false
        /// The error of the last failed task (Dashboard › Tasks), until a retry succeeds.
        public var failure: String?
    }

    /// A group in Okta and its Push Groups link.
    public struct OktaGroup: Sendable, Hashable {
        /// Stable key for scenarios: the group's first name.
        public var key: String
        /// The name in Okta now (renames change it).
        public var name: String
        /// Its people, by index, in the order they joined.
        public var memberIndexes: [Int]
        /// The team Okta pushed it to; nil when not pushed or unlinked.
        public var teamID: String?
        /// The team deleted at the last unlink, to check that it is gone (R11 → 404).
        public var deletedTeamID: String?
    }

    public var people: [Person]
    public var appUsers: [AppUser]
    public var groups: [OktaGroup]
    public var server: ServerModel

    /// Every person unassigned, one Okta group per department holding its people.
    public init(people: [Person], rules: ProductRules) {
        self.people = people
        appUsers = Array(repeating: AppUser(), count: people.count)
        groups = Workplace.departments.compactMap { department in
            let members = people.filter { $0.department == department.name }.map(\.index)
            return members.isEmpty
                ? nil : OktaGroup(key: department.name, name: department.name, memberIndexes: members)
        }
        server = ServerModel(rules: rules)
    }

    public func groupIndex(_ key: String) -> Int? { groups.firstIndex { $0.key == key } }

    /// Assigned and linked people: the members Okta pushes in a group.
    public func isPushable(_ person: Int) -> Bool {
        appUsers[person].assigned && appUsers[person].memberID != nil
    }

    /// Okta's member values for `indexes`, pushable ones only.
    func memberValues(_ indexes: [Int]) -> [OktaRequests.MemberValue] {
        indexes.filter(isPushable).compactMap { index in
            appUsers[index].memberID.map { OktaRequests.MemberValue(value: $0, display: people[index].userName) }
        }
    }

    /// People whose member is active on the server.
    public var activePeople: [Int] {
        people.indices.filter { index in
            appUsers[index].assigned && appUsers[index].memberID.flatMap { server.members[$0]?.active } == true
        }
    }

    /// People Okta unassigned (deactivated members).
    public var deactivatedPeople: [Int] {
        people.indices.filter { !appUsers[$0].assigned && appUsers[$0].memberID != nil }
    }

    /// People with a failed task waiting for a retry.
    public var failedPeople: [Int] {
        people.indices.filter { appUsers[$0].assigned && appUsers[$0].failure != nil }
    }

    /// People never assigned to the app.
    public var unassignedPeople: [Int] {
        people.indices.filter { !appUsers[$0].assigned && appUsers[$0].memberID == nil }
    }

    /// Groups linked to a team.
    public var pushedGroups: [OktaGroup] { groups.filter { $0.teamID != nil } }
}
