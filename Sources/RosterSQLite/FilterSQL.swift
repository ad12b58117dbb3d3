import GRDB
import SCIM

/// Translates a SCIM filter (RFC 7644 §3.4.2.2) into an SQL condition over `member AS m` (Users)
/// or `team AS t` (Groups), and a `sortBy` path into an `ORDER BY` key.
///
/// Pure: it produces SQL text and bound values, and never touches a database. Values are always
/// bound; the SQL text holds only names taken from the schema definitions, never client text.
///
/// Where the data lives decides the SQL:
/// - indexed columns: `id`, `userName` and `displayName` (through their case-folded key columns),
///   `externalId`, `active`, `meta.created`, `meta.lastModified`;
/// - `emails.value`/`type`/`primary`: the `memberEmail` table (indexed on the folded value);
/// - a team's `members` and a member's `groups`: the `teamMembership` table;
/// - everything else: `json_extract` on the stored attributes, and `json_each` for multi-valued
///   attributes and value paths (`phoneNumbers[type eq "work" and value co "555"]`).
///
/// Semantics follow ``FilterEvaluator``: strings compare without regard to case unless the
/// attribute is `caseExact`; `ne` is `not eq` (so an absent attribute is "not equal"); `eq null`
/// means absent; a complex attribute compared directly is compared through its `value`. Every
/// condition yields 0 or 1, never NULL, so `not (…)` is exact.
struct FilterSQL {
    let kind: ResourceKind
    /// The organization's rowid, for the subqueries over emails and memberships.
    let organizationRowid: Int64

    init(kind: ResourceKind, organizationRowid: Int64) {
        self.kind = kind
        self.organizationRowid = organizationRowid
    }

    /// The alias of the resource table in the surrounding query.
    var table: String { kind == .user ? "m" : "t" }

    /// The condition `filter` puts on the resource table.
    /// - Throws: 400 `invalidFilter` naming an unknown attribute or a comparison its type does not allow.
    func condition(_ filter: Filter) throws(SCIMError) -> SQLFragment {
        try condition(filter, in: .resource)
    }

    /// The condition over one member of a team (`member AS mm`) for a filter written inside
    /// `members[…]`, whose paths are `value`, `display` and `type`.
    func teamMemberCondition(_ filter: Filter) throws(SCIMError) -> SQLFragment {
        try condition(filter, in: .element(.teamMembers, Self.membersDefinition))
    }

    static let membersDefinition = CoreSchemas.group.attribute(named: "members")!

    // MARK: - Scopes and targets

    /// Where the paths of a (sub-)filter are resolved.
    enum Scope {
        case resource
        /// Inside `attribute[…]` of a multi-valued attribute: paths name sub-attributes of one element.
        case element(Collection, AttributeDefinition)
        /// Inside `attribute[…]` of a single-valued complex attribute stored at a JSON path.
        case object(String, AttributeDefinition)
    }

    /// Where the elements of a multi-valued attribute are stored.
    enum Collection: Equatable {
        /// A JSON array at this path of the stored attributes.
        case json(String)
        /// `memberEmail` rows (alias `e`).
        case emails
        /// A team's members: `teamMembership` joined with `member AS mm`.
        case teamMembers
        /// A member's teams: `teamMembership` joined with `team AS tt`.
        case memberTeams
    }

    /// What a path denotes once resolved.
    enum Target {
        case value(Operand)
        /// A sub-attribute of a multi-valued attribute: a condition on it holds when it holds for some element.
        case element(Collection, Operand)
        /// A whole multi-valued attribute.
        case multiValued(Collection, AttributeDefinition)
        /// A single-valued complex attribute at a JSON path.
        case object(String, AttributeDefinition)
    }

    /// A single value in SQL and how to compare it.
    struct Operand {
        var expression: SQLFragment
        var definition: AttributeDefinition
        /// The expression already holds ``CaseFolding/key(_:)`` text (a `*Key` column).
        var folded = false
        var nullable = true
        /// A plain indexed column: `sw` becomes an index range on it.
        var indexed = false
        /// How `pr` is tested, when the type's default rule does not fit.
        var presence: SQLFragment?
    }

    // MARK: - Conditions

    private func condition(_ filter: Filter, in scope: Scope) throws(SCIMError) -> SQLFragment {
        switch filter {
        case .and(let left, let right):
            return .format("(%@ AND %@)", try condition(left, in: scope), try condition(right, in: scope))
        case .or(let left, let right):
            return .format("(%@ OR %@)", try condition(left, in: scope), try condition(right, in: scope))
        case .not(let inner):
            return .format("NOT (%@)", try condition(inner, in: scope))
        case .present(let path):
            return try presence(target(path, in: scope), path: path)
        case .compare(let path, let op, let value):
            let target = try target(path, in: scope)
            if case .null = value {
                switch op {
                case .eq: return .format("NOT (%@)", try presence(target, path: path))
                case .ne: return try presence(target, path: path)
                default:
                    throw SCIMError.invalidFilter("'\(path) \(op.rawValue) null' is not a comparison: null can only be used with eq or ne")
                }
            }
            if op == .ne { return .format("NOT (%@)", try comparison(target, .eq, value, path: path)) }
            return try comparison(target, op, value, path: path)
        case .valuePath(let path, let inner):
            guard case .resource = scope else {
                throw SCIMError.invalidFilter("'\(filter)': a value filter cannot contain another value filter")
            }
            switch try target(path, in: scope, elementPaths: inner.paths) {
            case .multiValued(let collection, let definition):
                return try wrap(collection, try condition(inner, in: .element(collection, definition)))
            case .object(let jsonPath, let definition):
                return try condition(inner, in: .object(jsonPath, definition))
            case .value, .element:
                throw SCIMError.invalidFilter(
                    "'\(path)[…]': brackets filter the values of a multi-valued or complex attribute, and \(path) is neither")
            }
        }
    }

    private func comparison(_ target: Target, _ op: CompareOperator, _ value: FilterValue, path: AttributePath) throws(SCIMError) -> SQLFragment {
        switch target {
        case .value(let operand):
            return try leaf(operand, op, value, path: path)
        case .element(let collection, let operand):
            return try wrap(collection, try leaf(operand, op, value, path: path))
        case .multiValued(let collection, let definition):
            let operand = try elementOperand(collection, valueDefinition(of: definition, path: path), parent: definition)
            return try wrap(collection, try leaf(operand, op, value, path: path))
        case .object(let jsonPath, let definition):
            guard let sub = definition.subAttribute(named: "value") else {
                throw SCIMError.invalidFilter(
                    "\(path) is complex: compare one of its sub-attributes, e.g. \(path).\(definition.subAttributes.first?.name ?? "value")")
            }
            return try leaf(jsonOperand(jsonPath + Self.jsonKey(sub.name), sub), op, value, path: path)
        }
    }

    private func presence(_ target: Target, path: AttributePath) throws(SCIMError) -> SQLFragment {
        switch target {
        case .value(let operand):
            return presence(operand)
        case .element(let collection, let operand):
            return try wrap(collection, presence(operand))
        case .multiValued(let collection, let definition):
            switch collection {
            case .teamMembers:
                return SQLFragment("t.memberCount > 0")
            case .memberTeams:
                return SQLFragment("EXISTS (SELECT 1 FROM teamMembership AS tm WHERE tm.memberRowid = m.rowid)")
            case .json(let jsonPath):
                return .format("coalesce(json_array_length(\(table).attributes, %@), 0) > 0", .value(jsonPath))
            case .emails:
                return .format(
                    "coalesce(json_array_length(m.attributes, %@), 0) > 0", .value(Self.jsonKeyPath([definition.name])))
            }
        case .object(let jsonPath, _):
            return .format(
                "coalesce(json_type(\(table).attributes, %@) = 'object' AND json_extract(\(table).attributes, %@) <> '{}', 0)",
                .value(jsonPath), .value(jsonPath))
        }
    }

    private func presence(_ operand: Operand) -> SQLFragment {
        if let presence = operand.presence { return presence }
        switch operand.definition.type {
        case .string, .reference, .binary:
            return operand.nullable
                ? .format("coalesce(%@, '') <> ''", operand.expression) : .format("%@ <> ''", operand.expression)
        default:
            return operand.nullable ? .format("%@ IS NOT NULL", operand.expression) : .true
        }
    }

    /// `lhs op value` for one operand; `op` is never `ne` and `value` never null.
    private func leaf(_ operand: Operand, _ op: CompareOperator, _ value: FilterValue, path: AttributePath) throws(SCIMError) -> SQLFragment {
        let definition = operand.definition
        let expression = operand.expression
        switch definition.type {
        case .boolean:
            guard op == .eq else {
                throw SCIMError.invalidFilter("'\(path) \(op.rawValue) …': \(path) is a boolean, which can only be compared with eq or ne")
            }
            let flag: Bool
            switch value {
            case .bool(let b): flag = b
            case .string(let s) where s.caseInsensitiveEquals("true"): flag = true
            case .string(let s) where s.caseInsensitiveEquals("false"): flag = false
            default: throw SCIMError.invalidFilter("\(path) is a boolean: compare it with true or false, not \(value)")
            }
            return .format(operand.nullable ? "%@ IS %@" : "%@ = %@", expression, .value(flag))
        case .integer, .decimal:
            guard ![.co, .sw, .ew].contains(op) else {
                throw SCIMError.invalidFilter("'\(op.rawValue)' compares text, and \(path) is a number: use eq, ne, gt, ge, lt or le")
            }
            let number: Double
            switch value {
            case .number(let n): number = n
            case .string(let s) where Double(s) != nil: number = Double(s)!
            default: throw SCIMError.invalidFilter("\(path) is a number: compare it with a number, not \(value)")
            }
            return ordered(operand, op, .value(number))
        case .dateTime:
            guard ![.co, .sw, .ew].contains(op) else {
                throw SCIMError.invalidFilter("'\(op.rawValue)' compares text, and \(path) is a date-time: use eq, ne, gt, ge, lt or le")
            }
            guard case .string(let text) = value, let date = SCIMDateTime.parse(text) else {
                throw SCIMError.invalidFilter(
                    "\(path) is a date-time: compare it with a quoted xsd:dateTime such as \"2026-01-31T12:00:00Z\", not \(value)")
            }
            return ordered(operand, op, .value(SCIMDateTime.format(date)))
        case .complex:
            throw SCIMError.invalidFilter("\(path) is complex: compare one of its sub-attributes")
        case .string, .reference, .binary:
            let text: String
            switch value {
            case .string(let s): text = s
            // A text attribute (employeeNumber) filtered with an unquoted number: compare the digits.
            case .number(let n): text = JSONWriter.format(n)
            default: throw SCIMError.invalidFilter("\(path) is text: compare it with a quoted string, not \(value)")
            }
            let folds = !definition.caseExact
            let lhs = folds && !operand.folded ? SQLFragment.format("scim_fold(%@)", expression) : expression
            let rhs = folds ? CaseFolding.key(text) : text
            var folded = operand
            folded.expression = lhs
            switch op {
            case .eq, .gt, .ge, .lt, .le, .ne:
                return ordered(folded, op, .value(rhs))
            case .co:
                return nonNull(.format("instr(%@, %@) > 0", lhs, .value(rhs)), operand)
            case .sw:
                if operand.indexed && lhs == expression {
                    // Every string that starts with `rhs` sorts in [rhs, rhs + U+10FFFF): an index range.
                    let range = SQLFragment.format("%@ >= %@ AND %@ < %@", lhs, .value(rhs), lhs, .value(rhs + "\u{10FFFF}"))
                    return operand.nullable ? .format("(%@ IS NOT NULL AND %@)", lhs, range) : .format("(%@)", range)
                }
                return nonNull(.format("instr(%@, %@) = 1", lhs, .value(rhs)), operand)
            case .ew:
                let length = rhs.unicodeScalars.count
                if length == 0 { return operand.nullable ? .format("%@ IS NOT NULL", lhs) : .true }
                return nonNull(.format("substr(%@, %@) = %@", lhs, .value(-length), .value(rhs)), operand)
            }
        }
    }

    /// `eq`, `gt`, `ge`, `lt` or `le`, never NULL.
    private func ordered(_ operand: Operand, _ op: CompareOperator, _ rhs: SQLFragment) -> SQLFragment {
        let lhs = operand.expression
        let symbol = switch op {
        case .gt: ">"
        case .ge: ">="
        case .lt: "<"
        case .le: "<="
        default: "="
        }
        if symbol == "=" { return .format(operand.nullable ? "%@ IS %@" : "%@ = %@", lhs, rhs) }
        guard operand.nullable else { return .format("%@ \(symbol) %@", lhs, rhs) }
        // On an indexed column, a form the planner can still turn into an index range.
        if operand.indexed { return .format("(%@ IS NOT NULL AND %@ \(symbol) %@)", lhs, lhs, rhs) }
        return .format("coalesce(%@ \(symbol) %@, 0)", lhs, rhs)
    }

    /// `condition`, with NULL (from an absent value) read as false.
    private func nonNull(_ condition: SQLFragment, _ operand: Operand) -> SQLFragment {
        operand.nullable ? .format("coalesce(%@, 0)", condition) : condition
    }

    /// A condition on the elements of a collection, as a condition on the resource.
    private func wrap(_ collection: Collection, _ inner: SQLFragment) throws(SCIMError) -> SQLFragment {
        switch collection {
        case .json(let path):
            return .format("EXISTS (SELECT 1 FROM json_each(\(table).attributes, %@) AS je WHERE %@)", .value(path), inner)
        case .emails:
            return .format(
                "m.rowid IN (SELECT e.memberRowid FROM memberEmail AS e WHERE e.organizationRowid = %@ AND %@)",
                .value(organizationRowid), inner)
        case .teamMembers:
            return .format(
                """
                t.rowid IN (SELECT tm.teamRowid FROM member AS mm JOIN teamMembership AS tm ON tm.memberRowid = mm.rowid \
                WHERE mm.organizationRowid = %@ AND %@)
                """, .value(organizationRowid), inner)
        case .memberTeams:
            return .format(
                """
                m.rowid IN (SELECT tm.memberRowid FROM team AS tt JOIN teamMembership AS tm ON tm.teamRowid = tt.rowid \
                WHERE tt.organizationRowid = %@ AND %@)
                """, .value(organizationRowid), inner)
        }
    }
}

extension Filter {
    /// The attribute names used directly inside this filter (for a value filter's inner paths).
    var paths: Set<String> {
        switch self {
        case .compare(let path, _, _), .present(let path), .valuePath(let path, _): [path.attribute.lowercased()]
        case .and(let l, let r), .or(let l, let r): l.paths.union(r.paths)
        case .not(let f): f.paths
        }
    }
}
