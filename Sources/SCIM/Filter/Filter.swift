/// A parsed SCIM filter expression (RFC 7644 §3.4.2.2).
///
/// The store translates this tree into SQL with bound parameters; ``FilterEvaluator`` runs it in
/// memory (for PATCH value paths such as `members[value eq "…"]`). Paths inside a `valuePath` are
/// relative to the multi-valued attribute: in `emails[type eq "work"]` the inner path is `type`.
public indirect enum Filter: Sendable, Hashable, CustomStringConvertible {
    /// `attrPath compareOp compValue`
    case compare(AttributePath, CompareOperator, FilterValue)
    /// `attrPath pr`
    case present(AttributePath)
    case and(Filter, Filter)
    case or(Filter, Filter)
    case not(Filter)
    /// `attrPath "[" valFilter "]"`: some value of the multi-valued attribute matches the inner filter.
    case valuePath(AttributePath, Filter)

    public var description: String {
        switch self {
        case .compare(let path, let op, let value): "\(path) \(op.rawValue) \(value)"
        case .present(let path): "\(path) pr"
        case .and(let l, let r): "(\(l) and \(r))"
        case .or(let l, let r): "(\(l) or \(r))"
        case .not(let f): "not (\(f))"
        case .valuePath(let path, let f): "\(path)[\(f)]"
        }
    }
}

/// The comparison operators of RFC 7644 Table 3.
public enum CompareOperator: String, Sendable, Hashable, CaseIterable {
    case eq, ne, co, sw, ew, gt, ge, lt, le
}

/// A `compValue`: a JSON literal.
public enum FilterValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public var description: String {
        switch self {
        case .string(let s): JSONValue.string(s).jsonString
        case .number(let n): JSONWriter.format(n)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        }
    }
}
