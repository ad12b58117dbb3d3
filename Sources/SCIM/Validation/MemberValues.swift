/// Reads a Group's `members` value: the members with the `display` the client sent, for POST/PUT
/// bodies and PATCH values alike.
///
/// Okta sends `{"value": id, "display": <the user's login>}` without `type` (SCIM-SDK#419 shows
/// what requiring it breaks); Entra sends `{"value": id}`. `display` is kept as sent, so a team
/// reads back what was pushed; `type` and `$ref` are Roster's to derive and are ignored.
enum MemberValues {
    /// The members in `value`, in order and without duplicate ids; nil for `null`. A single member
    /// object is accepted as a one-element list. When an id repeats, its first position is kept and
    /// a later `display` replaces an earlier one (a later member without one keeps it), as the
    /// store does when a member is added again. `display` that is `null` or `""` means none.
    /// - Throws: 400 `invalidValue` when a member is not an object, has no string `value`, or has a
    ///   `display` that is not a string.
    static func members(_ value: JSONValue, at label: String = "members") throws(SCIMError) -> [MemberRef]? {
        let elements: [JSONValue]
        switch value {
        case .null: return nil
        case .array(let array): elements = array
        default: elements = [value]
        }
        var members: [MemberRef] = []
        var positions: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            guard case .object(let member) = element else {
                throw .invalidValue(
                    "\(label)[\(index)] must be an object such as {\"value\": \"<user id>\"}; got \(AttributeValue.preview(element))"
                )
            }
            guard case .string(let id)? = member["value"], !id.isEmpty else {
                let got = member["value"].map(AttributeValue.preview) ?? "nothing"
                throw .invalidValue("\(label)[\(index)].value must be the id of a member (a SCIM User id); got \(got)")
            }
            let display = try display(member["display"], at: "\(label)[\(index)].display")
            if let position = positions[id] {
                if let display { members[position].display = display }
            } else {
                positions[id] = members.count
                members.append(MemberRef(value: id, display: display))
            }
        }
        return members
    }

    private static func display(_ value: JSONValue?, at label: String) throws(SCIMError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        case let other?: throw AttributeValue.typeError(label, other, expected: "a string (the member's name to show)")
        }
    }
}
