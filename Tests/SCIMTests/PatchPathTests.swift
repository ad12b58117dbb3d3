import SCIM
import Testing

private let enterprise = SCIMURN.enterpriseUser

struct PatchPathTests {
    @Test func parsesAMembersValueFilter() throws {
        let path = try FilterParser.parsePath(#"members[value eq "2819c223-7f76-453a-919d-413861904646"]"#)
        #expect(path.attribute == AttributePath(attribute: "members"))
        #expect(path.valueFilter == .compare(AttributePath(attribute: "value"), .eq, .string("2819c223-7f76-453a-919d-413861904646")))
        #expect(path.subAttribute == nil)
    }

    @Test func parsesAValueFilterFollowedByASubAttribute() throws {
        let path = try FilterParser.parsePath(#"emails[type eq "work"].value"#)
        #expect(path.attribute == AttributePath(attribute: "emails"))
        #expect(path.valueFilter == .compare(AttributePath(attribute: "type"), .eq, .string("work")))
        #expect(path.subAttribute == "value")
        #expect(path.description == #"emails[type eq "work"].value"#)
    }

    @Test func parsesSubAttributePaths() throws {
        #expect(try FilterParser.parsePath("name.familyName") == PatchPath(attribute: AttributePath(attribute: "name", subAttribute: "familyName")))
        #expect(try FilterParser.parsePath("active") == PatchPath(attribute: AttributePath(attribute: "active")))
    }

    @Test func parsesEnterpriseExtensionPaths() throws {
        #expect(
            try FilterParser.parsePath("\(enterprise):manager.value")
                == PatchPath(attribute: AttributePath(schema: enterprise, attribute: "manager", subAttribute: "value")))
        #expect(
            try FilterParser.parsePath("\(enterprise):department")
                == PatchPath(attribute: AttributePath(schema: enterprise, attribute: "department")))
        // The URN alone names the extension object, the key it has in a representation.
        #expect(try FilterParser.parsePath(enterprise) == PatchPath(attribute: AttributePath(attribute: enterprise)))
    }

    @Test func parsesCoreURNPathsAndCompoundValueFilters() throws {
        let path = try FilterParser.parsePath(#"\#(SCIMURN.user):addresses[type eq "work" and primary eq true].streetAddress"#)
        #expect(path.attribute == AttributePath(schema: SCIMURN.user, attribute: "addresses"))
        #expect(
            path.valueFilter
                == .and(
                    .compare(AttributePath(attribute: "type"), .eq, .string("work")),
                    .compare(AttributePath(attribute: "primary"), .eq, .bool(true))))
        #expect(path.subAttribute == "streetAddress")
    }

    @Test func toleratesSurroundingWhitespaceAndOperatorCase() throws {
        let path = try FilterParser.parsePath(#"  members[value EQ "abc"]  "#)
        #expect(path.valueFilter == .compare(AttributePath(attribute: "value"), .eq, .string("abc")))
    }

    @Test func rejectsInvalidPathsAsInvalidPath() {
        let cases: [(path: String, position: Int, mentions: String)] = [
            ("", 1, "the path is empty"),
            ("name..familyName", 1, "has an empty attribute name"),
            ("a.b.c", 1, "too many levels"),
            (#"members[value eq "x""#, 21, "expected ']' to close the '[' at position 8"),
            (#"members[value eq "x"]]"#, 22, "']' has no matching '['"),
            (#"members[value eq "x"].display.x"#, 22, "expected a sub-attribute name after '].'"),
            (#"members[value eq "x"]display"#, 22, "expected the end of the path"),
            (#"members[value eq "x"].$ref extra"#, 28, "expected the end of the path"),
            (#"members value eq "x""#, 9, "expected the end of the path after 'members', found 'value'"),
            ("members[]", 9, "empty brackets"),
            (#"members[value[type eq "x"] pr]"#, 14, "cannot be nested"),
            (#"members[value eq "x"#, 18, "unterminated string"),
            (#"members[value equals "x"]"#, 15, "expected a comparison operator"),
            (#"name.familyName[value eq "x"]"#, 16, "not to its sub-attribute 'familyName'"),
            (#""members""#, 1, "expected an attribute path"),
            ("[value pr]", 1, "expected an attribute path"),
            ("foo:bar", 1, "only a schema URN"),
        ]
        for (text, position, mentions) in cases {
            do {
                let path = try FilterParser.parsePath(text)
                Issue.record("expected '\(text)' to be rejected, got \(path)")
            } catch {
                #expect(error.status == 400, "\(text)")
                #expect(error.scimType == .invalidPath, "\(text)")
                #expect(error.detail.hasPrefix("Invalid path at position \(position): "), "\(text): \(error.detail)")
                #expect(error.detail.contains(mentions), "\(text): \(error.detail)")
            }
        }
    }
}
