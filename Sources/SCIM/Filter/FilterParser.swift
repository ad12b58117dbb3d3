/// Parses the SCIM filter language (RFC 7644 §3.4.2.2), PATCH paths (RFC 7644 §3.5.2) and plain
/// attribute paths (`sortBy`, `attributes`, `excludedAttributes`).
///
/// Grammar, with precedence `not` > `and` > `or` and `and`/`or` associating to the left:
///
///     filter    = or
///     or        = and *("or" and)
///     and       = unary *("and" unary)
///     unary     = "not" "(" filter ")" / "(" filter ")" / attrExp / valuePath / subExp
///     attrExp   = attrPath "pr" / attrPath compareOp compValue
///     valuePath = attrPath "[" filter "]"          ; no value path inside the brackets
///     subExp    = valuePath "." ATTRNAME ("pr" / compareOp compValue)  ; Entra's, read as
///                 attrPath "[" filter "and" ATTRNAME … "]"
///     attrPath  = [URN ":"] ATTRNAME ["." ATTRNAME] ; the URN ends at the last ':'
///     compareOp = eq / ne / co / sw / ew / gt / ge / lt / le
///     compValue = JSON string / JSON number / true / false / null / bareText
///     bareText  = ALPHA *(ALPHA / DIGIT / "@" / "." / "_" / "-" / "+")  ; Entra's unquoted text
///
/// Operators and keywords are read without regard to case; whitespace is any run of spaces, tabs or
/// line breaks. A path that is exactly a known schema URN
/// (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`) names the extension object itself:
/// it comes back as `AttributePath(attribute: <the URN>)`, the key it has in a representation.
///
/// Every error is a 400 whose `detail` gives the 1-based position (in Unicode scalars) where reading
/// failed and the offending token, so an administrator can fix the filter from the message alone.
public enum FilterParser {
    /// Deepest nesting of parentheses, `not` and brackets accepted. Real filters nest two or three
    /// levels; the limit keeps a hostile `((((…` from exhausting the stack.
    public static let maxNesting = 50

    /// Parses a `filter` query parameter or `/.search` body member.
    /// - Parameters:
    ///   - text: the filter, already percent-decoded.
    ///   - maxLength: the longest filter accepted, in Unicode scalars.
    /// - Throws: 400 `invalidFilter`, with the position and the offending token in `detail`.
    public static func parse(_ text: String, maxLength: Int = 4096) throws(SCIMError) -> Filter {
        do {
            var parser = try Parser(text, subject: "filter", maxLength: maxLength)
            let filter = try parser.parseOr(inValuePath: false)
            try parser.expectEnd()
            return filter
        } catch {
            throw SCIMError.invalidFilter("Invalid filter at position \(error.position): \(error.message)")
        }
    }

    /// Parses a PATCH operation's `path`: `attrPath` or `valuePath [ "." subAttr ]`, e.g.
    /// `members[value eq "2819c223"]` or `emails[type eq "work"].value`.
    /// - Throws: 400 `invalidPath`, with the position and the offending token in `detail`.
    public static func parsePath(_ text: String) throws(SCIMError) -> PatchPath {
        do {
            var parser = try Parser(text, subject: "path", maxLength: 4096)
            return try parser.parsePatchPath()
        } catch {
            throw SCIMError.invalidPath("Invalid path at position \(error.position): \(error.message)")
        }
    }

    /// Parses a single attribute path as `sortBy`, `attributes` and `excludedAttributes` carry it:
    /// `userName`, `name.givenName`, `urn:…:enterprise:2.0:User:manager.value`.
    ///
    /// These are query parameters, not bodies or PATCH paths, so a malformed one is reported as
    /// 400 `invalidValue` (the value given for the parameter is unusable); callers may prefix the
    /// parameter name to `detail`.
    /// - Throws: 400 `invalidValue`, naming the path and what was wrong with it.
    public static func parseAttributePath(_ text: String) throws(SCIMError) -> AttributePath {
        do {
            return try attributePath(text)
        } catch {
            throw SCIMError.invalidValue("Invalid attribute path '\(text)' at position \(error.position): \(error.message)")
        }
    }

    /// ``parseAttributePath(_:)`` with the bare syntax error, for callers that word `detail` themselves.
    static func attributePath(_ text: String) throws(FilterSyntaxError) -> AttributePath {
        var parser = try Parser(text, subject: "attribute path", maxLength: 4096)
        return try parser.parseAttributePathOnly()
    }
}

// MARK: - Recursive descent

/// The parser proper: a cursor over the tokens and the current nesting depth.
private struct Parser {
    private let tokens: [FilterToken]
    private let subject: String
    private var index = 0
    private var depth = 0

    init(_ text: String, subject: String, maxLength: Int) throws(FilterSyntaxError) {
        let length = text.unicodeScalars.count
        guard length <= maxLength else {
            throw FilterSyntaxError(
                position: maxLength + 1,
                message: "the \(subject) is \(length) characters long; the limit is \(maxLength)")
        }
        tokens = try FilterLexer.tokenize(text)
        self.subject = subject
        guard tokens[0].kind != .end else {
            throw FilterSyntaxError(position: 1, message: "the \(subject) is empty")
        }
    }

    private var current: FilterToken { tokens[index] }
    private var previous: FilterToken { tokens[max(index - 1, 0)] }

    private mutating func advance() { index = min(index + 1, tokens.count - 1) }

    private func error(_ message: String, at token: FilterToken? = nil) -> FilterSyntaxError {
        FilterSyntaxError(position: (token ?? current).position, message: message)
    }

    private mutating func enterNesting(_ opener: FilterToken) throws(FilterSyntaxError) {
        depth += 1
        guard depth <= FilterParser.maxNesting else {
            throw error("the \(subject) nests deeper than \(FilterParser.maxNesting) levels of parentheses and brackets", at: opener)
        }
    }

    // MARK: Logical expressions

    mutating func parseOr(inValuePath: Bool) throws(FilterSyntaxError) -> Filter {
        var left = try parseAnd(inValuePath: inValuePath)
        while current.isWord("or") {
            advance()
            left = .or(left, try parseAnd(inValuePath: inValuePath))
        }
        return left
    }

    private mutating func parseAnd(inValuePath: Bool) throws(FilterSyntaxError) -> Filter {
        var left = try parseUnary(inValuePath: inValuePath)
        while current.isWord("and") {
            advance()
            left = .and(left, try parseUnary(inValuePath: inValuePath))
        }
        return left
    }

    private mutating func parseUnary(inValuePath: Bool) throws(FilterSyntaxError) -> Filter {
        let token = current
        switch token.kind {
        case .openParen:
            advance()
            return try parseGroup(openedBy: token, inValuePath: inValuePath)
        case .word where token.isWord("not"):
            advance()
            guard current.kind == .openParen else {
                throw error("expected '(' after 'not' (write not (expression)), found \(current.quoted)")
            }
            let opener = current
            advance()
            return .not(try parseGroup(openedBy: opener, inValuePath: inValuePath))
        case .word where token.isWord("and") || token.isWord("or"):
            throw error("expected an attribute path, '(' or 'not', found \(token.quoted)")
        case .word(let word):
            advance()
            return try parseAttributeExpression(word, token, inValuePath: inValuePath)
        case .closeParen where previous.kind == .openParen:
            throw error("empty parentheses: expected an expression between '(' and ')'")
        case .closeBracket where previous.kind == .openBracket:
            throw error("empty brackets: expected a value filter between '[' and ']', e.g. emails[type eq \"work\"]")
        default:
            throw error("expected an attribute path, '(' or 'not', found \(token.quoted)")
        }
    }

    /// The rest of `( filter )` after its opening parenthesis.
    private mutating func parseGroup(openedBy opener: FilterToken, inValuePath: Bool) throws(FilterSyntaxError) -> Filter {
        try enterNesting(opener)
        let inner = try parseOr(inValuePath: inValuePath)
        guard current.kind == .closeParen else {
            throw error(
                "unbalanced parentheses: expected ')' to close the '(' at position \(opener.position), found \(current.quoted)")
        }
        advance()
        depth -= 1
        return inner
    }

    // MARK: Attribute expressions

    private mutating func parseAttributeExpression(
        _ word: String, _ pathToken: FilterToken, inValuePath: Bool
    ) throws(FilterSyntaxError) -> Filter {
        let path = try attributePath(word, at: pathToken)
        if current.kind == .openBracket {
            guard !inValuePath else {
                throw error("value paths cannot be nested: '\(word)[' appears inside another value path's brackets")
            }
            let filter = try parseValueFilter(for: path)
            if case .word(let tail) = current.kind, tail.hasPrefix(".") {
                return .valuePath(path, .and(filter, try parseSubAttributeComparison(tail, of: path)))
            }
            if current.isOperator {
                throw error(
                    "a value path cannot be compared: put the condition inside the brackets, e.g. "
                        + "\(path)[value \(current.text.lowercased()) …], found \(current.quoted)")
            }
            return .valuePath(path, filter)
        }
        guard current.isOperator else {
            throw error(
                "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after '\(word)', found \(current.quoted)")
        }
        return try parseComparison(of: path, named: word)
    }

    /// `compareOp compValue` or `pr` after `path`; the current token is an operator.
    private mutating func parseComparison(of path: AttributePath, named word: String) throws(FilterSyntaxError) -> Filter {
        guard case .word(let opWord) = current.kind else {
            throw error("expected a comparison operator after '\(word)', found \(current.quoted)")
        }
        let opToken = current
        advance()
        if opWord.caseInsensitiveEquals("pr") {
            let takesValue: Bool =
                switch current.kind {
                case .string: true
                case .word: !current.isWord("and") && !current.isWord("or")
                default: false
                }
            if takesValue {
                throw error("'pr' (present) takes no value: expected 'and', 'or', ')' or the end after it, found \(current.quoted)")
            }
            return .present(path)
        }
        // isOperator guarantees one of the nine comparison operators.
        let op = CompareOperator(rawValue: opWord.lowercased())!
        let value = try parseValue(after: opToken)
        switch (op, value) {
        case (.gt, .bool), (.ge, .bool), (.lt, .bool), (.le, .bool), (.gt, .null), (.ge, .null), (.lt, .null), (.le, .null):
            throw error("'\(opToken.text)' orders values and cannot compare with \(value): use a string, number or date", at: previous)
        case (.co, .bool), (.sw, .bool), (.ew, .bool), (.co, .null), (.sw, .null), (.ew, .null):
            throw error("'\(opToken.text)' matches text and cannot compare with \(value): use a string", at: previous)
        default:
            return .compare(path, op, value)
        }
    }

    /// `.subAttr compareOp compValue` (or `.subAttr pr`) after `attr[filter]`: Entra's matching query
    /// `emails[type eq "work"].value eq "x"`. RFC 7644's filter grammar has no such form (only PATCH
    /// paths end in `.subAttr`), but Entra sends it when the matching attribute is a filtered one.
    /// It means "some element matches the brackets and has this sub-attribute", so it is read as the
    /// comparison moved inside the brackets: `emails[type eq "work" and value eq "x"]`.
    private mutating func parseSubAttributeComparison(_ tail: String, of path: AttributePath) throws(FilterSyntaxError) -> Filter {
        let subToken = current
        let name = String(tail.dropFirst())
        guard Self.isAttributeName(name) else {
            throw error("expected a sub-attribute name after '].', found \(subToken.quoted)")
        }
        advance()
        let subPath = AttributePath(attribute: name)
        guard current.isOperator else {
            throw error(
                "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after '\(path)[…].\(name)', found \(current.quoted)")
        }
        return try parseComparison(of: subPath, named: "\(path)[…].\(name)")
    }

    /// `[ filter ]` after a multi-valued attribute's path.
    private mutating func parseValueFilter(for path: AttributePath) throws(FilterSyntaxError) -> Filter {
        let opener = current
        if let sub = path.subAttribute {
            // Only a PATCH path may name a sub-attribute after the brackets.
            let hint = subject == "path" ? ": write \(AttributePath(schema: path.schema, attribute: path.attribute))[…].\(sub)" : ""
            throw error(
                "a value filter applies to a multi-valued attribute, not to its sub-attribute '\(sub)'\(hint)", at: opener)
        }
        advance()
        try enterNesting(opener)
        let filter = try parseOr(inValuePath: true)
        guard current.kind == .closeBracket else {
            throw error(
                "unbalanced brackets: expected ']' to close the '[' at position \(opener.position), found \(current.quoted)")
        }
        advance()
        depth -= 1
        return filter
    }

    private mutating func parseValue(after opToken: FilterToken) throws(FilterSyntaxError) -> FilterValue {
        let token = current
        let expected = "expected a value after '\(opToken.text)': a string in double quotes, a number, true, false or null"
        switch token.kind {
        case .string(let s):
            advance()
            return .string(s)
        case .word(let word):
            let value: FilterValue? =
                if word.caseInsensitiveEquals("true") { .bool(true) }
                else if word.caseInsensitiveEquals("false") { .bool(false) }
                else if word.caseInsensitiveEquals("null") { .null }
                else if let number = Self.jsonNumber(word) { .number(number) }
                else if Self.isBareText(word) { .string(word) }
                else { nil }
            guard let value else {
                throw error("\(expected), found \(token.quoted) (text values need double quotes)")
            }
            advance()
            return value
        default:
            throw error("\(expected), found \(token.quoted)")
        }
    }

    /// Whether an unquoted word reads as text: a letter, then letters, digits and `@ . _ - +`.
    /// RFC 7644 requires quotes, but Microsoft's SCIM tutorial prints `externalId eq jyoung` as a
    /// request Entra sends. Anything else unquoted (`'x'`, `01`, `.5`) stays an error.
    private static func isBareText(_ word: String) -> Bool {
        guard let first = word.utf8.first, isASCIILetter(first) else { return false }
        return word.utf8.allSatisfy { isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) || "@._-+".utf8.contains($0) }
    }

    /// A JSON number (RFC 8259 §6): `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private static func jsonNumber(_ word: String) -> Double? {
        let b = Array(word.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        let intDigits = digits()
        guard intDigits > 0, intDigits == 1 || b[intStart] != UInt8(ascii: "0") else { return nil }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == b.count, let value = Double(word), value.isFinite else { return nil }
        return value
    }

    // MARK: Ends

    /// Checks that the filter used all the input, explaining what stands after it if not.
    func expectEnd() throws(FilterSyntaxError) {
        switch current.kind {
        case .end:
            return
        case .closeParen:
            throw error("unbalanced parentheses: this ')' has no matching '('")
        case .closeBracket:
            throw error("unbalanced brackets: this ']' has no matching '['")
        default:
            throw error("expected 'and', 'or' or the end of the \(subject) after '\(previous.text)', found \(current.quoted)")
        }
    }

    /// `PATH = attrPath / valuePath [subAttr]` (RFC 7644 §3.5.2).
    mutating func parsePatchPath() throws(FilterSyntaxError) -> PatchPath {
        let pathToken = current
        guard case .word(let word) = pathToken.kind else {
            throw error("expected an attribute path, found \(pathToken.quoted)")
        }
        advance()
        let path = try attributePath(word, at: pathToken)
        guard current.kind == .openBracket else {
            try expectPathEnd()
            return PatchPath(attribute: path)
        }
        let filter = try parseValueFilter(for: path)
        var subAttribute: String?
        if case .word(let tail) = current.kind, tail.hasPrefix(".") {
            let name = String(tail.dropFirst())
            guard Self.isAttributeName(name) else {
                throw error("expected a sub-attribute name after '].', found \(current.quoted)")
            }
            subAttribute = name
            advance()
        }
        try expectPathEnd()
        return PatchPath(attribute: path, valueFilter: filter, subAttribute: subAttribute)
    }

    private func expectPathEnd() throws(FilterSyntaxError) {
        switch current.kind {
        case .end: return
        case .closeBracket: throw error("unbalanced brackets: this ']' has no matching '['")
        default:
            throw error(
                "expected the end of the path after '\(previous.text)', found \(current.quoted) (a path is attribute, "
                    + "attribute.subAttribute or attribute[filter] optionally followed by .subAttribute)")
        }
    }

    /// A lone `attrPath`, for `sortBy` and attribute lists.
    mutating func parseAttributePathOnly() throws(FilterSyntaxError) -> AttributePath {
        guard case .word(let word) = current.kind else {
            throw error("expected an attribute path, found \(current.quoted)")
        }
        let path = try attributePath(word, at: current)
        advance()
        guard current.kind == .end else {
            throw error("expected the end of the attribute path after '\(word)', found \(current.quoted)")
        }
        return path
    }

    // MARK: Attribute paths

    /// Reads `[URN ":"] name ["." name]`, splitting the URN at the last ':' because URNs contain ':'
    /// and '.' themselves (`…:enterprise:2.0:User:manager.value`).
    private func attributePath(_ word: String, at token: FilterToken) throws(FilterSyntaxError) -> AttributePath {
        if CoreSchemas.schema(id: word) != nil { return AttributePath(attribute: word) }
        var schema: String?
        var rest = Substring(word)
        if let colon = word.lastIndex(of: ":") {
            let urn = String(word[..<colon])
            guard urn.lowercased().hasPrefix("urn:") else {
                throw error("'\(word)' is not an attribute path: only a schema URN (urn:…) may precede the attribute name", at: token)
            }
            schema = urn
            rest = word[word.index(after: colon)...]
            guard !rest.isEmpty else {
                throw error("expected an attribute name after the schema URN '\(urn):', found \(token.quoted)", at: token)
            }
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        if parts.contains(where: \.isEmpty) {
            throw error("'\(word)' has an empty attribute name: check the dots", at: token)
        }
        guard parts.count <= 2 else {
            throw error("'\(word)' has too many levels: a path is attribute or attribute.subAttribute", at: token)
        }
        for part in parts where !Self.isAttributeName(part) {
            let whereabouts = part == word ? "" : " in '\(word)'"
            let hint =
                part.contains(where: { "=<>!".contains($0) })
                ? "; comparison operators are words set apart by spaces, as in userName eq \"x\""
                : " (a letter, then letters, digits, '-' or '_'; or $ref)"
            throw error("'\(part)'\(whereabouts) is not a valid attribute name\(hint)", at: token)
        }
        return AttributePath(schema: schema, attribute: String(parts[0]), subAttribute: parts.count == 2 ? String(parts[1]) : nil)
    }

    /// `ATTRNAME = ALPHA *(nameChar)`, `nameChar = "-" / "_" / DIGIT / ALPHA` (RFC 7644 §3.10), or `$ref`.
    private static func isAttributeName(_ name: some StringProtocol) -> Bool {
        if name == "$ref" { return true }
        guard let first = name.utf8.first, isASCIILetter(first) else { return false }
        return name.utf8.allSatisfy { isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
}

extension FilterToken {
    /// Whether the token is `pr` or one of the nine comparison operators, in any case.
    fileprivate var isOperator: Bool {
        guard case .word(let word) = kind else { return false }
        return word.caseInsensitiveEquals("pr") || CompareOperator(rawValue: word.lowercased()) != nil
    }
}
