extension JSONWriter {
    /// `object` as compact JSON in two parts around the value of `key`: everything up to and including
    /// `"key":`, and everything after that value. Writing `head`, some value, then `tail` gives exactly
    /// the bytes ``bytes(_:)`` writes for `object` holding that value, so a caller can splice in a value
    /// it writes itself (a 100,000-element array, say) without building it as a tree. Nil when `object`
    /// has no `key` (compared without regard to case).
    public static func split(_ object: JSONObject, around key: String) -> (head: [UInt8], tail: [UInt8])? {
        guard let index = object.index(of: key) else { return nil }
        let writer = JSONWriter()
        func member(_ member: JSONObject.Member, into out: inout [UInt8]) {
            writeString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
        }
        var head: [UInt8] = [UInt8(ascii: "{")]
        for (position, element) in object.members.enumerated() where position < index {
            if position > 0 { head.append(UInt8(ascii: ",")) }
            member(element, into: &head)
            writer.write(element.value, into: &head)
        }
        if index > 0 { head.append(UInt8(ascii: ",")) }
        member(object.members[index], into: &head)
        var tail: [UInt8] = []
        for element in object.members[(index + 1)...] {
            tail.append(UInt8(ascii: ","))
            member(element, into: &tail)
            writer.write(element.value, into: &tail)
        }
        tail.append(UInt8(ascii: "}"))
        return (head, tail)
    }
}
