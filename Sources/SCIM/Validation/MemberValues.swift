/// Reads a Group's `members` value: the member ids, for POST/PUT bodies and PATCH values alike.
///
/// Okta sends `{"value": id, "display": …}` without `type` (SCIM-SDK#419 shows what requiring it
/// breaks); Entra sends `{"value": id}`. Only `value` matters: `display`, `type` and `$ref` are
/// Roster's to derive.
enum MemberValues {
    /// The ids in `value`, in order and without duplicates; nil for `null`. A single member object
    /// is accepted as a one-element list.
    /// - Throws: 400 `invalidValue` when a member is not an object or has no string `value`.
    static func ids(_ value: JSONValue, at label: String = "members") throws(SCIMError) -> [String]? {
        let elements: [JSONValue]
        switch value {
        case .null: return nil
        case .array(let array): elements = array
        default: elements = [value]
        }
        var ids: [String] = []
        var seen: Set<String> = []
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
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }
}
