import SCIM
import Testing

private let enterprise = SCIMURN.enterpriseUser

private func path(_ attribute: String, _ sub: String? = nil, schema: String? = nil) -> AttributePath {
    AttributePath(schema: schema, attribute: attribute, subAttribute: sub)
}

private func eq(_ attribute: String, _ value: String) -> Filter {
    .compare(path(attribute), .eq, .string(value))
}

/// Parses `text`, expecting it to fail, and returns the error.
private func filterError(_ text: String, maxLength: Int = 4096) -> SCIMError? {
    do {
        let filter = try FilterParser.parse(text, maxLength: maxLength)
        Issue.record("expected \(text) to be rejected, got \(filter)")
        return nil
    } catch {
        return error
    }
}

struct FilterParserTests {
    // MARK: - RFC 7644 §3.4.2.2 examples

    @Test func parsesTheRFCExamples() throws {
        let cases: [(String, Filter)] = [
            (#"userName eq "bjensen""#, eq("userName", "bjensen")),
            (#"name.familyName co "O'Malley""#, .compare(path("name", "familyName"), .co, .string("O'Malley"))),
            (#"userName sw "J""#, .compare(path("userName"), .sw, .string("J"))),
            (
                #"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#,
                .compare(path("userName", schema: SCIMURN.user), .sw, .string("J"))
            ),
            ("title pr", .present(path("title"))),
            (
                #"meta.lastModified gt "2011-05-13T04:42:34Z""#,
                .compare(path("meta", "lastModified"), .gt, .string("2011-05-13T04:42:34Z"))
            ),
            (
                #"meta.lastModified ge "2011-05-13T04:42:34Z""#,
                .compare(path("meta", "lastModified"), .ge, .string("2011-05-13T04:42:34Z"))
            ),
            (
                #"meta.lastModified lt "2011-05-13T04:42:34Z""#,
                .compare(path("meta", "lastModified"), .lt, .string("2011-05-13T04:42:34Z"))
            ),
            (
                #"meta.lastModified le "2011-05-13T04:42:34Z""#,
                .compare(path("meta", "lastModified"), .le, .string("2011-05-13T04:42:34Z"))
            ),
            (#"title pr and userType eq "Employee""#, .and(.present(path("title")), eq("userType", "Employee"))),
            (#"title pr or userType eq "Intern""#, .or(.present(path("title")), eq("userType", "Intern"))),
            (#"schemas eq "\#(enterprise)""#, eq("schemas", enterprise)),
            (
                #"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
                .and(
                    eq("userType", "Employee"),
                    .or(
                        .compare(path("emails"), .co, .string("example.com")),
                        .compare(path("emails", "value"), .co, .string("example.org"))))
            ),
            (
                #"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
                .and(
                    .compare(path("userType"), .ne, .string("Employee")),
                    .not(
                        .or(
                            .compare(path("emails"), .co, .string("example.com")),
                            .compare(path("emails", "value"), .co, .string("example.org")))))
            ),
            (
                #"userType eq "Employee" and (emails.type eq "work")"#,
                .and(eq("userType", "Employee"), .compare(path("emails", "type"), .eq, .string("work")))
            ),
            (
                #"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
                .and(
                    eq("userType", "Employee"),
                    .valuePath(path("emails"), .and(eq("type", "work"), .compare(path("value"), .co, .string("@example.com")))))
            ),
            (
                #"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
                .or(
                    .valuePath(path("emails"), .and(eq("type", "work"), .compare(path("value"), .co, .string("@example.com")))),
                    .valuePath(path("ims"), .and(eq("type", "xmpp"), .compare(path("value"), .co, .string("@foo.com")))))
            ),
        ]
        for (text, expected) in cases {
            #expect(try FilterParser.parse(text) == expected, "\(text)")
        }
    }

    @Test func parsesTheFiltersOktaSends() throws {
        #expect(try FilterParser.parse(#"userName eq "test.user@okta.local""#) == eq("userName", "test.user@okta.local"))
        #expect(try FilterParser.parse(#"displayName eq "Test SCIMv2""#) == eq("displayName", "Test SCIMv2"))
        #expect(try FilterParser.parse(#"externalId eq "00u1""#) == eq("externalId", "00u1"))
    }

    /// Entra's forms (entra-requests.md E3): a sub-attribute after a value filter reads as the
    /// comparison moved inside the brackets, and unquoted text as a string.
    @Test func parsesTheFiltersEntraSends() throws {
        #expect(
            try FilterParser.parse(#"emails[type eq "work"].value eq "kim@contoso.com""#)
                == .valuePath(path("emails"), .and(eq("type", "work"), eq("value", "kim@contoso.com"))))
        #expect(
            try FilterParser.parse(#"phoneNumbers[type eq "mobile"].value pr and userName sw "k""#)
                == .and(
                    .valuePath(path("phoneNumbers"), .and(eq("type", "mobile"), .present(path("value")))),
                    .compare(path("userName"), .sw, .string("k"))))
        #expect(
            try FilterParser.parse(#"not (addresses[type eq "work"].postalCode eq "98052")"#)
                == .not(.valuePath(path("addresses"), .and(eq("type", "work"), eq("postalCode", "98052")))))
        #expect(try FilterParser.parse("externalId eq jyoung") == eq("externalId", "jyoung"))
        #expect(try FilterParser.parse("userName eq j.young@contoso.com") == eq("userName", "j.young@contoso.com"))
    }

    @Test func rejectsMalformedSubAttributesAfterAValueFilter() {
        let cases: [(filter: String, mentions: String)] = [
            (#"emails[type eq "work"].value"#, "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after 'emails[…].value', found the end of the input"),
            (#"emails[type eq "work"].9x eq "a""#, "expected a sub-attribute name after '].', found '.9x'"),
            (#"emails[type eq "work"].value eq"#, "expected a value after 'eq'"),
            (#"emails[type eq "work"].value eq "a" "b""#, "expected 'and', 'or' or the end of the filter"),
        ]
        for (text, mentions) in cases {
            let detail = filterError(text)?.detail ?? ""
            #expect(detail.contains(mentions), "\(text): \(detail)")
        }
    }

    @Test func readsEveryComparisonOperator() throws {
        for op in CompareOperator.allCases {
            #expect(try FilterParser.parse("age \(op.rawValue) 30") == .compare(path("age"), op, .number(30)))
        }
    }

    // MARK: - Precedence and grouping

    @Test func andBindsTighterThanOr() throws {
        let filter = try FilterParser.parse("a pr or b pr and c pr")
        #expect(filter == .or(.present(path("a")), .and(.present(path("b")), .present(path("c")))))
        let other = try FilterParser.parse("a pr and b pr or c pr")
        #expect(other == .or(.and(.present(path("a")), .present(path("b"))), .present(path("c"))))
    }

    @Test func notBindsTighterThanAnd() throws {
        let filter = try FilterParser.parse("not (a pr) and b pr")
        #expect(filter == .and(.not(.present(path("a"))), .present(path("b"))))
    }

    @Test func andAndOrAssociateToTheLeft() throws {
        #expect(
            try FilterParser.parse("a pr and b pr and c pr")
                == .and(.and(.present(path("a")), .present(path("b"))), .present(path("c"))))
        #expect(
            try FilterParser.parse("a pr or b pr or c pr")
                == .or(.or(.present(path("a")), .present(path("b"))), .present(path("c"))))
    }

    @Test func parenthesesOverridePrecedence() throws {
        let filter = try FilterParser.parse("(a pr or b pr) and c pr")
        #expect(filter == .and(.or(.present(path("a")), .present(path("b"))), .present(path("c"))))
        #expect(try FilterParser.parse("((((a pr))))") == .present(path("a")))
    }

    @Test func valueFiltersUseTheWholeGrammar() throws {
        let filter = try FilterParser.parse(#"emails[not (type eq "home") and (value ew ".com" or value ew ".org")]"#)
        #expect(
            filter
                == .valuePath(
                    path("emails"),
                    .and(
                        .not(eq("type", "home")),
                        .or(.compare(path("value"), .ew, .string(".com")), .compare(path("value"), .ew, .string(".org"))))))
    }

    // MARK: - Case, whitespace and paths

    @Test func readsOperatorsAndKeywordsWithoutRegardToCase() throws {
        #expect(try FilterParser.parse(#"userName EQ "x""#) == eq("userName", "x"))
        #expect(try FilterParser.parse("a Pr") == .present(path("a")))
        #expect(try FilterParser.parse("A pr AND b pr") == .and(.present(path("A")), .present(path("b"))))
        #expect(try FilterParser.parse("a pr Or b pr") == .or(.present(path("a")), .present(path("b"))))
        #expect(try FilterParser.parse("NOT (a pr)") == .not(.present(path("a"))))
        #expect(try FilterParser.parse("active eq TRUE") == .compare(path("active"), .eq, .bool(true)))
        #expect(try FilterParser.parse("active eq False") == .compare(path("active"), .eq, .bool(false)))
        #expect(try FilterParser.parse("title eq NULL") == .compare(path("title"), .eq, .null))
    }

    @Test func acceptsAnyRunOfWhitespace() throws {
        #expect(try FilterParser.parse("  userName \t eq   \"x\"  ") == eq("userName", "x"))
        #expect(try FilterParser.parse("a pr\nand\tb pr") == .and(.present(path("a")), .present(path("b"))))
        #expect(try FilterParser.parse("not(a pr)") == .not(.present(path("a"))))
    }

    @Test func splitsSchemaURNsAtTheLastColon() throws {
        #expect(
            try FilterParser.parse(#"\#(enterprise):department eq "Sales""#)
                == .compare(path("department", schema: enterprise), .eq, .string("Sales")))
        #expect(
            try FilterParser.parse(#"\#(enterprise):manager.value eq "26118915""#)
                == .compare(path("manager", "value", schema: enterprise), .eq, .string("26118915")))
        #expect(
            try FilterParser.parse(#"\#(SCIMURN.user):name.givenName sw "B""#)
                == .compare(path("name", "givenName", schema: SCIMURN.user), .sw, .string("B")))
    }

    @Test func readsRefAndNameCharacters() throws {
        #expect(try FilterParser.parse(#"members.$ref pr"#) == .present(path("members", "$ref")))
        #expect(try FilterParser.parse(#"x-custom_attr2 eq "y""#) == eq("x-custom_attr2", "y"))
    }

    @Test func keepsAPathThatIsAKnownSchemaURNWhole() throws {
        #expect(try FilterParser.parse("\(enterprise) pr") == .present(path(enterprise)))
    }

    // MARK: - Values

    @Test func decodesEveryJSONEscape() throws {
        let filter = try FilterParser.parse(#"x eq "q\" b\\ s\/ \b\f\n\r\t \u00e9 \uD83D\uDE00""#)
        #expect(filter == eq("x", "q\" b\\ s/ \u{08}\u{0C}\n\r\t é 😀"))
    }

    @Test func keepsNonASCIIText() throws {
        #expect(try FilterParser.parse(#"displayName eq "Zoë Ölçer 王小明""#) == eq("displayName", "Zoë Ölçer 王小明"))
    }

    @Test func readsJSONNumbers() throws {
        let cases: [(String, Double)] = [("0", 0), ("-1", -1), ("42", 42), ("3.25", 3.25), ("1e3", 1000), ("-2.5E-1", -0.25)]
        for (text, value) in cases {
            #expect(try FilterParser.parse("n eq \(text)") == .compare(path("n"), .eq, .number(value)), "\(text)")
        }
    }

    @Test func descriptionWritesAFilterBackThatParsesToTheSameTree() throws {
        let text = #"userType eq "Employee" and not (emails[type eq "work" and value co "@x"] or title pr)"#
        let filter = try FilterParser.parse(text)
        #expect(try FilterParser.parse(filter.description) == filter)
    }

    // MARK: - Errors

    @Test func rejectsInvalidFiltersWithAPositionedDetail() {
        let cases: [(filter: String, position: Int, mentions: String)] = [
            (#"userName equals "x""#, 10, "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after 'userName', found 'equals'"),
            (#"userName eq 'bjensen'"#, 13, "double quotes"),
            (#"userName eq"#, 12, "found the end of the input"),
            (#"title pr "x""#, 10, "'pr' (present) takes no value"),
            (#"title pr true"#, 10, "'pr' (present) takes no value"),
            (#"(title pr"#, 10, "expected ')' to close the '(' at position 1"),
            (#"title pr)"#, 9, "')' has no matching '('"),
            (#"emails[type eq "work""#, 22, "expected ']' to close the '[' at position 7"),
            (#"title pr]"#, 9, "']' has no matching '['"),
            (#"userName eq "bjensen"#, 13, "unterminated string"),
            (#"userName eq "a\"#, 13, "unterminated string"),
            (#"x eq "\q""#, 7, "invalid escape '\\q'"),
            (#"x eq "\u12G4""#, 7, "four hexadecimal digits"),
            (#"x eq "\uD83D""#, 7, "unpaired UTF-16 surrogate"),
            (#"x eq "\uDE00""#, 7, "unpaired UTF-16 surrogate"),
            ("", 1, "empty"),
            ("   ", 1, "empty"),
            ("()", 2, "empty parentheses"),
            ("emails[]", 8, "empty brackets"),
            (#"emails[type eq "work"] eq "x""#, 24, "a value path cannot be compared"),
            (#"emails[value[type eq "a"] pr]"#, 13, "cannot be nested"),
            (#"emails.value[type eq "a"]"#, 13, "not to its sub-attribute 'value'"),
            ("meta.created gt true", 17, "'gt' orders values"),
            ("meta.created le null", 17, "'le' orders values"),
            ("title co false", 10, "'co' matches text"),
            ("title sw null", 10, "'sw' matches text"),
            ("not a pr", 5, "expected '(' after 'not'"),
            ("and pr", 1, "expected an attribute path"),
            ("a pr and", 9, "expected an attribute path"),
            ("a pr or or b pr", 9, "expected an attribute path"),
            ("A AND b pr", 3, "after 'A', found 'AND'"),
            (#""x" eq "y""#, 1, "expected an attribute path"),
            (#"9lives eq "y""#, 1, "'9lives' is not a valid attribute name"),
            (#"name..givenName eq "y""#, 1, "has an empty attribute name"),
            (#"name.givenName.x eq "y""#, 1, "too many levels"),
            (#"foo:bar eq "y""#, 1, "only a schema URN"),
            (#"urn:ietf:params:scim:schemas:core:2.0:User: eq "y""#, 1, "expected an attribute name after the schema URN"),
            ("n eq 01", 6, "expected a value"),
            ("n eq 1.", 6, "expected a value"),
            ("n eq .5", 6, "expected a value"),
            ("n eq 1e", 6, "expected a value"),
            (#"userName eq 'x'"#, 13, "expected a value"),
            (#"a pr b pr"#, 6, "'pr' (present) takes no value"),
            (#"a eq "x" b pr"#, 10, "expected 'and', 'or' or the end of the filter after '\"x\"', found 'b'"),
            ("x eq \"a\u{01}b\"", 8, "control character U+0001"),
            (#"userName="x""#, 1, "comparison operators are words set apart by spaces"),
        ]
        for (text, position, mentions) in cases {
            guard let error = filterError(text) else { continue }
            #expect(error.status == 400, "\(text)")
            #expect(error.scimType == .invalidFilter, "\(text)")
            #expect(error.detail.hasPrefix("Invalid filter at position \(position): "), "\(text): \(error.detail)")
            #expect(error.detail.contains(mentions), "\(text): \(error.detail)")
        }
    }

    @Test func rejectsAFilterLongerThanTheLimit() throws {
        let text = #"userName eq ""# + String(repeating: "a", count: 100) + #"""#
        let error = try #require(filterError(text, maxLength: 50))
        #expect(error.scimType == .invalidFilter)
        #expect(error.detail == "Invalid filter at position 51: the filter is 114 characters long; the limit is 50")
        #expect(try FilterParser.parse(text, maxLength: 114) == eq("userName", String(repeating: "a", count: 100)))
    }

    @Test func boundsNestingInsteadOfOverflowingTheStack() throws {
        let parens = String(repeating: "(", count: 10_000)
        let error = try #require(filterError(parens, maxLength: 20_000))
        #expect(error.scimType == .invalidFilter)
        #expect(error.detail == "Invalid filter at position 51: the filter nests deeper than 50 levels of parentheses and brackets")
        let nots = String(repeating: "not (", count: 5_000) + "a pr" + String(repeating: ")", count: 5_000)
        #expect(filterError(nots, maxLength: 100_000)?.detail.contains("nests deeper than 50") == true)
        // The default limit on length already stops the ten thousand parentheses.
        #expect(filterError(parens)?.detail.contains("limit is 4096") == true)
        // Fifty levels are fine.
        let fifty = String(repeating: "(", count: 50) + "a pr" + String(repeating: ")", count: 50)
        #expect(try FilterParser.parse(fifty) == .present(path("a")))
    }

    @Test func longFlatChainsParseWithoutDeepRecursion() throws {
        let text = Array(repeating: "a pr", count: 800).joined(separator: " or ")
        let filter = try FilterParser.parse(text, maxLength: 10_000)
        guard case .or(_, .present) = filter else {
            Issue.record("expected a left-leaning or chain, got \(filter)")
            return
        }
    }

    // MARK: - Attribute paths (sortBy, attributes)

    @Test func parsesPlainAttributePaths() throws {
        #expect(try FilterParser.parseAttributePath("userName") == path("userName"))
        #expect(try FilterParser.parseAttributePath("name.givenName") == path("name", "givenName"))
        #expect(try FilterParser.parseAttributePath("meta.lastModified") == path("meta", "lastModified"))
        #expect(try FilterParser.parseAttributePath("\(enterprise):manager.value") == path("manager", "value", schema: enterprise))
        #expect(try FilterParser.parseAttributePath(enterprise) == path(enterprise))
        #expect(try FilterParser.parseAttributePath(" emails.value ") == path("emails", "value"))
    }

    @Test func rejectsMalformedAttributePathsAsInvalidValue() {
        let cases: [(String, String)] = [
            ("", "is empty"),
            ("name..givenName", "has an empty attribute name"),
            ("a.b.c", "too many levels"),
            (#"emails[type eq "work"]"#, "expected the end of the attribute path after 'emails', found '['"),
            ("userName desc", "found 'desc'"),
            ("1st", "not a valid attribute name"),
        ]
        for (text, mentions) in cases {
            do {
                let parsed = try FilterParser.parseAttributePath(text)
                Issue.record("expected '\(text)' to be rejected, got \(parsed)")
            } catch {
                #expect(error.status == 400)
                #expect(error.scimType == .invalidValue)
                #expect(error.detail.hasPrefix("Invalid attribute path '\(text)' at position "), "\(error.detail)")
                #expect(error.detail.contains(mentions), "\(text): \(error.detail)")
            }
        }
    }
}
