/// A team's `members` as PATCH targets: turned into ``MembershipChange`` steps, never into
/// attributes, so that a change costs O(changed members) and needs no member list in memory.
///
/// The forms (okta-requests.md R13, R14):
/// - `add members [..]` → `.add(members)` (a union: Okta's delta must merge, not replace; the
///   `display` each member carries is kept);
/// - `remove members[value eq "a"]`, also `… or value eq "b"` → `.remove([a, b])`;
/// - `remove members` with a value → `.remove(ids)` (Entra: remove these, not all);
/// - `remove members` without a value → `.removeAll`;
/// - `replace members [..]` → `.removeAll`, then `.add(members)`; `[]` (Okta's Push Now of an empty
///   group) clears the team;
/// - any other filter (`members[display co "x"]`) → `.removeMatching(filter)`.
extension PatchState {
    mutating func applyMembers(_ op: PatchOperation.Op, value: JSONValue?, filter: Filter?) throws(SCIMError) {
        if let filter { try Self.checkMemberFilter(filter) }
        switch op {
        case .add:
            guard filter == nil else {
                throw .invalidPath(
                    "add cannot take a filter on members; send \"path\": \"members\" and the members to add as the value"
                )
            }
            appendAdd(try value.flatMap { v throws(SCIMError) in try MemberValues.members(v) } ?? [])
        case .remove:
            if let filter {
                membership.append(Self.removal(matching: filter))
            } else if let value, !value.isNull {
                let ids = (try MemberValues.members(value) ?? []).map(\.value)
                if !ids.isEmpty { membership.append(.remove(ids)) }
            } else {
                membership.append(.removeAll)
            }
        case .replace:
            let members = try value.flatMap { v throws(SCIMError) in try MemberValues.members(v) } ?? []
            membership.append(filter.map(Self.removal(matching:)) ?? .removeAll)
            appendAdd(members)
        }
    }

    private mutating func appendAdd(_ members: [MemberRef]) {
        if !members.isEmpty { membership.append(.add(members)) }
    }

    /// `value eq "a" or value eq "b"` names members by id: a plain removal. Anything else is left to
    /// the store to match.
    private static func removal(matching filter: Filter) -> MembershipChange {
        idsNamed(by: filter).map(MembershipChange.remove) ?? .removeMatching(filter)
    }

    private static func idsNamed(by filter: Filter) -> [String]? {
        switch filter {
        case .compare(let path, .eq, .string(let id))
        where path.schema == nil && path.subAttribute == nil && path.attribute.caseInsensitiveEquals("value"):
            return [id]
        case .or(let left, let right):
            guard let a = idsNamed(by: left), let b = idsNamed(by: right) else { return nil }
            return a + b.filter { !a.contains($0) }
        default:
            return nil
        }
    }

    /// A member filter may only compare `value`, `display` and `type`: the store matches nothing else.
    private static func checkMemberFilter(_ filter: Filter) throws(SCIMError) {
        switch filter {
        case .compare(let path, _, _), .present(let path):
            guard path.schema == nil, path.subAttribute == nil,
                ["value", "display", "type"].contains(where: { $0.caseInsensitiveEquals(path.attribute) })
            else {
                throw .invalidPath(
                    "members[\(filter)]: a member filter can only use value, display and type, not \(path)"
                )
            }
        case .and(let left, let right), .or(let left, let right):
            try checkMemberFilter(left)
            try checkMemberFilter(right)
        case .not(let inner):
            try checkMemberFilter(inner)
        case .valuePath(let path, _):
            throw .invalidPath("members[\(filter)]: a member filter cannot contain another value filter (\(path)[…])")
        }
    }
}
