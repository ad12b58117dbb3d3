/// Operations on multi-valued complex attributes (`emails`, `phoneNumbers`, `addresses`, …),
/// RFC 7644 §3.5.2.1–§3.5.2.3.
extension PatchState {
    mutating func applyMultiValued(
        _ op: PatchOperation.Op,
        value: JSONValue?,
        slot: AttributeSlot,
        sub: AttributeDefinition?,
        filter: Filter?
    ) throws(SCIMError) {
        let definition = slot.definition
        var elements = slot.value(in: attributes)?.arrayValue ?? []
        var changed: Set<Int> = []
        var removed: Set<Int> = []

        switch (op, filter, sub) {
        case (.add, nil, nil):
            // Add appends the new values; values already present are not repeated.
            let new = try value.flatMap { v throws(SCIMError) in
                try AttributeValue.canonical(v, for: definition, at: slot.label)
            }
            for element in new?.arrayValue ?? []
            where !elements.contains(where: { AttributeValue.equivalent($0, element) }) {
                elements.append(element)
                changed.insert(elements.count - 1)
            }
        case (.replace, nil, nil):
            // Without a filter, replace swaps the whole set.
            let new = try AttributeValue.canonical(value ?? .null, for: definition, at: slot.label)
            elements = new?.arrayValue ?? []
        case (.remove, nil, nil):
            if let value, !value.isNull {
                // A value names the elements to remove (Entra's form); each element it describes goes.
                let given = try AttributeValue.canonical(value, for: definition, at: slot.label)?.arrayValue ?? []
                for (index, element) in elements.enumerated() where given.contains(where: { describes($0, element) }) {
                    removed.insert(index)
                }
            } else {
                elements = []
            }
        default:
            let matching = elements.indices.filter { index in
                guard let filter else { return true }
                guard let object = elements[index].objectValue else { return false }
                return FilterEvaluator.matches(filter, object, attributes: definition.subAttributes)
            }
            if matching.isEmpty {
                // Nothing to remove is not an error (removing twice is idempotent). Add creates, and so
                // does replace: RFC 7644 answers 400 noTarget there, but Entra replaces
                // `emails[type eq "work"].value` whether or not a work address exists yet, and a
                // server that refuses fails every such change (entra-requests.md trap 5).
                if op != .remove {
                    let created = try newElement(
                        op: op,
                        value: value ?? .null,
                        definition: definition,
                        sub: sub,
                        filter: filter,
                        label: slot.label
                    )
                    if let created {
                        elements.append(.object(created))
                        changed.insert(elements.count - 1)
                    }
                }
            }
            for index in matching {
                let element = elements[index].objectValue
                let updated: JSONObject?
                switch (op, sub) {
                case (.remove, nil):
                    updated = nil
                case (.remove, let sub?):
                    var object = element
                    object?[sub.name] = nil
                    updated = object
                case (.add, _), (.replace, .some):
                    updated = try write(
                        value ?? .null,
                        into: element,
                        definition: definition,
                        sub: sub,
                        label: slot.label
                    )
                case (.replace, nil):
                    // A filtered replace swaps each matching value for the one given (RFC 7644 §3.5.2.3).
                    updated = try AttributeValue.canonicalSingle(value ?? .null, for: definition, at: slot.label)?
                        .objectValue
                }
                if let updated, !updated.isEmpty, !AttributeValue.isEmptyElement(.object(updated)) {
                    elements[index] = .object(updated)
                    changed.insert(index)
                } else {
                    removed.insert(index)
                }
            }
        }

        if definition.subAttribute(named: "primary") != nil {
            demoteOtherPrimaries(in: &elements, keeping: changed.subtracting(removed))
        }
        let kept = elements.indices.filter { !removed.contains($0) }.map { elements[$0] }
        slot.set(kept.isEmpty ? JSONValue?.none : .array(kept), in: &attributes)
    }

    /// Writes `value` into one element: as the sub-attribute `sub`, or, without one, merged into it
    /// sub-attribute by sub-attribute.
    private func write(
        _ value: JSONValue,
        into element: JSONObject?,
        definition: AttributeDefinition,
        sub: AttributeDefinition?,
        label: String
    ) throws(SCIMError) -> JSONObject? {
        if let sub {
            return try AttributeValue.merge(JSONObject([(sub.name, value)]), into: element, for: definition, at: label)
        }
        if case .object(let raw) = value {
            return try AttributeValue.merge(raw, into: element, for: definition, at: label)
        }
        guard let canonical = try AttributeValue.canonicalSingle(value, for: definition, at: label)?.objectValue else {
            return element
        }
        return try AttributeValue.merge(canonical, into: element, for: definition, at: label)
    }

    /// The element an `add` or `replace` creates when no element matches: what the filter's `eq` comparisons say
    /// (`type eq "work"`), plus the value. A filter that does not describe one value (`or`, `co`, …)
    /// cannot be turned into a new element: 400 `noTarget`.
    private func newElement(
        op: PatchOperation.Op,
        value: JSONValue,
        definition: AttributeDefinition,
        sub: AttributeDefinition?,
        filter: Filter?,
        label: String
    ) throws(SCIMError) -> JSONObject? {
        var base = JSONObject()
        if let filter {
            guard let described = try Self.element(describedBy: filter, definition: definition, label: label) else {
                throw .noTarget(
                    "no value of \(label) matches [\(filter)], and the filter does not describe a new value to \(op.rawValue) "
                        + "(only eq comparisons joined by and do, e.g. [type eq \"work\"])"
                )
            }
            base = described
        }
        guard let created = try write(value, into: base, definition: definition, sub: sub, label: label),
            !AttributeValue.isEmptyElement(.object(created))
        else { return nil }
        return created
    }

    /// The sub-attribute values a filter of `eq` comparisons joined by `and` pins down.
    private static func element(
        describedBy filter: Filter,
        definition: AttributeDefinition,
        label: String
    ) throws(SCIMError) -> JSONObject? {
        switch filter {
        case .compare(let path, .eq, let filterValue) where path.schema == nil && path.subAttribute == nil:
            guard let sub = definition.subAttribute(named: path.attribute), sub.type != .complex else { return nil }
            let value: JSONValue =
                switch filterValue {
                case .string(let s): .string(s)
                case .number(let n): .number(n)
                case .bool(let b): .bool(b)
                case .null: .null
                }
            guard let canonical = try AttributeValue.canonicalSingle(value, for: sub, at: "\(label).\(sub.name)") else {
                return nil
            }
            return JSONObject([(sub.name, canonical)])
        case .and(let left, let right):
            guard var combined = try element(describedBy: left, definition: definition, label: label),
                let other = try element(describedBy: right, definition: definition, label: label)
            else { return nil }
            for member in other { combined[member.key] = member.value }
            return combined
        default:
            return nil
        }
    }

    /// Whether `given` (a value of a remove request) describes `element`: every sub-attribute it
    /// names has the same value in the element.
    private func describes(_ given: JSONValue, _ element: JSONValue) -> Bool {
        guard case .object(let pattern) = given, case .object(let object) = element else {
            return AttributeValue.equivalent(given, element)
        }
        return pattern.allSatisfy { member in
            object[member.key].map { AttributeValue.equivalent($0, member.value) } ?? false
        }
    }

    /// Setting `primary` on a value takes it away from the others (RFC 7644 §3.5.2: "the server SHALL
    /// automatically set 'primary' to 'false' for any other values").
    private func demoteOtherPrimaries(in elements: inout [JSONValue], keeping changed: Set<Int>) {
        guard changed.contains(where: { elements[$0].objectValue?["primary"]?.boolValue == true }) else { return }
        for index in elements.indices where !changed.contains(index) {
            guard case .object(var object) = elements[index], object["primary"]?.boolValue == true else { continue }
            object["primary"] = false
            elements[index] = .object(object)
        }
    }
}
