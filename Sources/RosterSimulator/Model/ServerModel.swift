import SCIM

/// What a correct server holds after the requests this simulator made, and therefore what it must
/// answer next: the members it created (with their active state), the teams it pushed (with their
/// member ids), and the seats in use against the known limit.
///
/// Members and teams that existed before are learnt from imports (R7, R10). Updates follow the
/// server's actual answers, so one wrong answer is reported once and does not cascade.
public struct ServerModel: Sendable {
    public struct Member: Sendable, Hashable {
        public var id: String
        public var userName: String
        public var active: Bool
    }

    public struct Team: Sendable, Hashable {
        public var id: String
        public var displayName: String
        public var memberIDs: Set<String>
    }

    public var rules: ProductRules
    public private(set) var members: [String: Member] = [:]
    public private(set) var teams: [String: Team] = [:]
    private var memberIDByLogin: [String: String] = [:]
    private var teamIDByName: [String: String] = [:]
    /// True once a full user import has shown every member, so counts can be checked exactly.
    public private(set) var knowsAllMembers = false

    public init(rules: ProductRules) {
        self.rules = rules
    }

    public var activeMembers: Int { members.values.reduce(0) { $0 + ($1.active ? 1 : 0) } }

    public func memberID(userName: String) -> String? { memberIDByLogin[CaseFolding.key(userName)] }

    public func teamID(displayName: String) -> String? { teamIDByName[CaseFolding.key(displayName)] }

    // MARK: Expectations

    /// R2: a list with exactly the member of that login, or none; either when the model cannot know.
    public func expectLookup(userName: String) -> (Expectation, totalResults: Int?) {
        if memberID(userName: userName) != nil { return (.status(200, because: "the member exists"), 1) }
        if knowsAllMembers { return (.status(200, because: "no such member yet"), 0) }
        return (.status(200, because: "a lookup"), nil)
    }

    /// R3: created, unless the phone breaks the strict rule (checked first) or no seat is left.
    public func expectCreate(phone: String, phoneFormat: PhoneFormat) -> Expectation {
        var refusals: [Expectation.Outcome] = []
        var reasons: [String] = []
        if let phoneRefusal = phoneRefusal(phone: phone, format: phoneFormat) {
            refusals.append(phoneRefusal)
            reasons.append("phone \(JSONValue.string(phone).jsonString) breaks the strict phone rule")
        }
        if let seatRefusal = seatRefusal() {
            refusals.append(seatRefusal)
            reasons.append(seatReason)
        }
        // With both problems a correct server may report either one.
        if refusals.isEmpty { return .status(201, because: "a new active member") }
        return Expectation(refusals, reasons.joined(separator: " and "))
    }

    /// R5: replaced, unless the phone breaks the rule or the PUT reactivates without a free seat.
    public func expectReplace(id: String, active: Bool, phone: String, phoneFormat: PhoneFormat) -> Expectation {
        var refusals: [Expectation.Outcome] = []
        var reasons: [String] = []
        if let phoneRefusal = phoneRefusal(phone: phone, format: phoneFormat) {
            refusals.append(phoneRefusal)
            reasons.append("phone \(JSONValue.string(phone).jsonString) breaks the strict phone rule")
        }
        if active, members[id]?.active == false, let seatRefusal = seatRefusal() {
            refusals.append(seatRefusal)
            reasons.append("reactivation: \(seatReason)")
        }
        if refusals.isEmpty { return .status(200, because: active ? "the profile update" : "deactivation by PUT") }
        return Expectation(refusals, reasons.joined(separator: " and "))
    }

    /// R6: deactivation always succeeds; reactivation needs a free seat.
    public func expectSetActive(id: String, active: Bool) -> Expectation {
        if active, members[id]?.active == false, let seatRefusal = seatRefusal() {
            return Expectation([seatRefusal], "reactivation: \(seatReason)")
        }
        return .status(200, 204, because: active ? "reactivation" : "deactivation keeps the member")
    }

    /// R8: a new team, or 409 `uniqueness` when one of that name exists.
    public func expectCreateTeam(displayName: String) -> Expectation {
        if teamID(displayName: displayName) != nil {
            return Expectation([.init(status: 409, scimType: "uniqueness")], "a team named \(displayName) exists")
        }
        return .status(201, because: "a new team")
    }

    /// R11–R16 on a team: success while the team exists, 404 after it was deleted.
    public func expectTeamWrite(id: String, success: Int...) -> Expectation {
        guard teams[id] != nil else { return Expectation([.init(status: 404)], "the team was deleted") }
        return Expectation(success.map { .init(status: $0) }, "the team exists")
    }

    private var seatReason: String {
        "seat limit reached (\(activeMembers) of \(rules.seatLimit ?? 0) active members)"
    }

    private func seatRefusal() -> Expectation.Outcome? {
        guard let limit = rules.seatLimit, !SeatLimit.hasFreeSeat(active: activeMembers, limit: limit) else { return nil }
        return .init(
            status: 403, detailPrefix: SeatLimit.refusal(active: activeMembers, limit: limit).detail, rule: "seat limit")
    }

    fileprivate func phoneRefusal(phone: String, format: PhoneFormat) -> Expectation.Outcome? {
        guard format == .raw, rules.phonePolicy == .strict else { return nil }
        return .init(status: 400, scimType: "invalidValue", detailMentions: phone, rule: "phone format")
    }

    // MARK: Changes

    public mutating func recordMember(id: String, userName: String, active: Bool) {
        if let old = members[id], CaseFolding.key(old.userName) != CaseFolding.key(userName) {
            memberIDByLogin[CaseFolding.key(old.userName)] = nil
        }
        members[id] = Member(id: id, userName: userName, active: active)
        memberIDByLogin[CaseFolding.key(userName)] = id
    }

    /// A hard delete: the member, and its place in every team, are gone.
    public mutating func removeMember(id: String) {
        guard let member = members.removeValue(forKey: id) else { return }
        memberIDByLogin[CaseFolding.key(member.userName)] = nil
        for teamID in teams.keys { teams[teamID]?.memberIDs.remove(id) }
    }

    public mutating func setActive(id: String, _ active: Bool) {
        members[id]?.active = active
    }

    public mutating func recordTeam(id: String, displayName: String, memberIDs: Set<String>) {
        if let old = teams[id] { teamIDByName[CaseFolding.key(old.displayName)] = nil }
        teams[id] = Team(id: id, displayName: displayName, memberIDs: memberIDs)
        teamIDByName[CaseFolding.key(displayName)] = id
    }

    public mutating func renameTeam(id: String, to displayName: String) {
        guard let team = teams[id] else { return }
        recordTeam(id: id, displayName: displayName, memberIDs: team.memberIDs)
    }

    /// Applies a delta as a correct server does: removals first, then a union of the additions.
    public mutating func changeMembers(of id: String, add: [String], remove: [String]) {
        teams[id]?.memberIDs.subtract(remove)
        teams[id]?.memberIDs.formUnion(add)
    }

    public mutating func replaceMembers(of id: String, with memberIDs: Set<String>) {
        teams[id]?.memberIDs = memberIDs
    }

    public mutating func deleteTeam(id: String) {
        guard let team = teams.removeValue(forKey: id) else { return }
        teamIDByName[CaseFolding.key(team.displayName)] = nil
    }

    /// A full import saw exactly these members: adopt them (the server is the truth from now on).
    public mutating func adoptMembers(_ imported: [Member]) {
        members = [:]
        memberIDByLogin = [:]
        for member in imported { recordMember(id: member.id, userName: member.userName, active: member.active) }
        knowsAllMembers = true
    }

    /// A full group import saw exactly these teams.
    public mutating func adoptTeams(_ imported: [Team]) {
        teams = [:]
        teamIDByName = [:]
        for team in imported { recordTeam(id: team.id, displayName: team.displayName, memberIDs: team.memberIDs) }
    }
}

extension ServerModel {
    /// A PATCH of profile attributes (Entra's E6): 200 unless a phone breaks the strict rule.
    public func expectPatch(phone: String, phoneFormat: PhoneFormat) -> Expectation {
        guard let refusal = phoneRefusal(phone: phone, format: phoneFormat) else {
            return .status(200, because: "the profile update")
        }
        return Expectation([refusal], "phone \(JSONValue.string(phone).jsonString) breaks the strict phone rule")
    }

    /// A hard delete (Entra's E12): 204 while the member exists, 404 once it is gone.
    public func expectDeleteMember(id: String) -> Expectation {
        members[id] == nil
            ? Expectation([.init(status: 404)], "the member was deleted")
            : .status(204, because: "a hard delete removes the member")
    }
}
