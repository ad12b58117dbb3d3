import GRDB
@testable import RosterSQLite
import SCIM
import Testing

/// The translator on its own: SQL text from schema names and operators only, values always bound.
@Suite struct FilterSQLTests {
    let users = FilterSQL(kind: .user, organizationRowid: 1)
    let groups = FilterSQL(kind: .group, organizationRowid: 1)

    @Test func indexedAttributesCompareTheirKeyColumns() throws {
        let userName = try users.condition(try filter("userName eq \"JOSÉ@Example.com\""))
        #expect(userName.sql == "m.userNameKey = ?")
        #expect(userName.arguments == ["josé@example.com".databaseValue])

        let external = try users.condition(try filter("externalId eq \"00uAbC\""))
        #expect(external.sql == "m.externalId IS ?")
        #expect(external.arguments == ["00uAbC".databaseValue])

        let prefix = try users.condition(try filter("userName sw \"Ab\""))
        #expect(prefix.sql == "(m.userNameKey >= ? AND m.userNameKey < ?)")
        #expect(prefix.arguments == ["ab".databaseValue, "ab\u{10FFFF}".databaseValue])
    }

    @Test func otherAttributesAreReadFromJSONWithBoundPaths() throws {
        let title = try users.condition(try filter("title co \"Guide\""))
        #expect(title.sql == "coalesce(instr(scim_fold(json_extract(m.attributes, ?)), ?) > 0, 0)")
        #expect(title.arguments == ["$.\"title\"".databaseValue, "guide".databaseValue])

        let department = try users.condition(try filter("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"X\""))
        #expect(department.arguments.first == "$.\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\".\"department\"".databaseValue)

        let phone = try users.condition(try filter("phoneNumbers[type eq \"work\"]"))
        #expect(phone.sql.hasPrefix("EXISTS (SELECT 1 FROM json_each(m.attributes, ?) AS je WHERE "))
        #expect(phone.arguments == ["$.\"phoneNumbers\"".databaseValue, "$.\"type\"".databaseValue, "work".databaseValue])
    }

    @Test func valuesThatLookLikeSQLStayArguments() throws {
        let hostile = "x' OR 1=1; DROP TABLE member; --"
        for (translator, path) in [(users, "userName"), (users, "title"), (users, "emails.value"), (groups, "members.value")] {
            let condition = try translator.condition(.compare(try FilterParser.parseAttributePath(path), .co, .string(hostile)))
            #expect(!condition.sql.contains("DROP") && !condition.sql.contains("1=1"), "\(condition)")
            #expect(
                condition.arguments.contains(hostile.databaseValue) || condition.arguments.contains(CaseFolding.key(hostile).databaseValue),
                "\(condition)")
        }
    }

    @Test func negationAndAbsenceStayTwoValued() throws {
        // `ne` is `not eq`, and nullable comparisons never yield NULL, so `not` is exact.
        #expect(try users.condition(try filter("title ne \"x\"")).sql == "NOT (scim_fold(json_extract(m.attributes, ?)) IS ?)")
        #expect(try users.condition(try filter("title eq null")).sql == "NOT (coalesce(json_extract(m.attributes, ?), '') <> '')")
        #expect(try users.condition(try filter("meta.lastModified gt \"2026-01-01T00:00:00+01:00\"")).arguments
            == ["2025-12-31T23:00:00.000Z".databaseValue])
    }

    @Test func unknownAttributesAndTypeMismatchesAre400() throws {
        for text in ["nope eq \"x\"", "name.nope eq \"x\"", "active co \"t\"", "meta.created sw \"2026\"", "password pr",
            "meta.location eq \"x\"", "emails[value eq \"x\" and nope eq \"y\"]"]
        {
            #expect(throws: SCIMError.self, "\(text)") { try users.condition(try filter(text)) }
        }
        #expect(throws: SCIMError.self) { try groups.condition(try filter("userName eq \"x\"")) }
        #expect(throws: SCIMError.self) { try users.sortKey(AttributePath(attribute: "groups")) }
    }

    @Test func teamMemberFiltersReadTheMemberIdAndTheMembershipDisplay() throws {
        let inner = try groups.teamMemberCondition(try filter("value eq \"m-1\" or display co \"Ann\""))
        #expect(inner.sql == "(mm.id = ? OR coalesce(instr(scim_fold(tm.display), ?) > 0, 0))")
        #expect(inner.arguments == ["m-1".databaseValue, "ann".databaseValue])
    }
}
