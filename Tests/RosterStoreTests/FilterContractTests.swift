import Foundation
import RosterStore
import SCIM
import Testing

/// Filters run by the store (RFC 7644 §3.4.2.2), against three members that cover the cases.
@Suite struct FilterContractTests {
    static let enterprise = SCIMURN.enterpriseUser

    /// Barbara (active, full profile), José (inactive, Unicode), Zoë (no display name, active absent).
    struct Fixture {
        let store: any Store
        let org: Organization
        let babs: SCIMResource
        let jose: SCIMResource
        let zoe: SCIMResource
        let team: SCIMResource
        /// Between the creations and Barbara's later change.
        let midpoint: Date

        init(_ factory: StoreFactory) async throws {
            store = try factory.make()
            org = try await makeOrganization(store)
            babs = try await store.createMember(
                organizationID: org.id,
                attributes: userAttributes(
                    "bjensen@example.com", displayName: "Babs Jensen", externalId: "00u1",
                    emails: [("bjensen@example.com", "work"), ("babs@jensen.org", "home")],
                    extra: [
                        ("name", ["givenName": "Barbara", "familyName": "Jensen"]),
                        ("title", "Tour Guide"),
                        ("phoneNumbers", [["value": "+1 5555551234", "type": "work"]]),
                        (enterprise, ["department": "Tour Operations", "employeeNumber": "701984", "manager": ["value": "boss-id"]]),
                    ]),
                actor: okta)
            jose = try await store.createMember(
                organizationID: org.id,
                attributes: userAttributes(
                    "José.Ñúñez@example.com", displayName: "José Ñúñez", active: false, externalId: "00u2",
                    emails: [("jose@example.org", "work")],
                    extra: [("name", ["givenName": "José", "familyName": "Ñúñez"]), (enterprise, ["department": "Sales"])]),
                actor: okta)
            zoe = try await store.createMember(
                organizationID: org.id,
                attributes: userAttributes(
                    "zoe@example.com", active: nil,
                    extra: [("title", ""), ("phoneNumbers", [["value": "555-1234", "type": "mobile"]])]),
                actor: okta)
            team = try await store.createTeam(
                organizationID: org.id, attributes: teamAttributes("Tour Guides", externalId: "00g1"),
                members: [MemberRef(value: babs.id, display: "bjensen@example.com"), MemberRef(value: zoe.id, display: "zoe@example.com")],
                actor: okta
            ).team
            try await Task.sleep(for: .milliseconds(5))
            midpoint = Date()
            try await Task.sleep(for: .milliseconds(5))
            _ = try await store.modifyMember(organizationID: org.id, id: babs.id, expectedVersion: nil, actor: okta) { current in
                var attributes = current.attributes
                attributes["nickName"] = "Babs"
                return attributes
            }
        }

        /// The userNames a filter selects, in creation order.
        func userNames(_ text: String) async throws -> [String] {
            try await store.members(organizationID: org.id, query: ListQuery(filter: try filter(text))).resources.compactMap(\.userName)
        }
    }

    static let cases: [(String, [String])] = [
        // userName: case-insensitive, Unicode too
        ("userName eq \"BJENSEN@example.com\"", ["bjensen@example.com"]),
        ("userName eq \"josé.ñúñez@EXAMPLE.COM\"", ["José.Ñúñez@example.com"]),
        ("userName ne \"bjensen@example.com\"", ["José.Ñúñez@example.com", "zoe@example.com"]),
        ("userName co \"EXAMPLE\"", ["bjensen@example.com", "José.Ñúñez@example.com", "zoe@example.com"]),
        ("userName sw \"JOS\"", ["José.Ñúñez@example.com"]),
        ("userName ew \"@Example.com\"", ["bjensen@example.com", "José.Ñúñez@example.com", "zoe@example.com"]),
        ("userName gt \"m\"", ["zoe@example.com"]),
        ("userName le \"JOSÉ\"", ["bjensen@example.com"]),
        ("userName pr", ["bjensen@example.com", "José.Ñúñez@example.com", "zoe@example.com"]),
        // displayName (indexed) and plain attributes (JSON)
        ("displayName eq \"babs jensen\"", ["bjensen@example.com"]),
        ("displayName sw \"JOSÉ\"", ["José.Ñúñez@example.com"]),
        ("displayName pr", ["bjensen@example.com", "José.Ñúñez@example.com"]),
        ("title pr", ["bjensen@example.com"]),
        ("not (title pr)", ["José.Ñúñez@example.com", "zoe@example.com"]),
        ("title eq \"tour guide\"", ["bjensen@example.com"]),
        ("title ne \"tour guide\"", ["José.Ñúñez@example.com", "zoe@example.com"]),
        ("title eq null", ["José.Ñúñez@example.com", "zoe@example.com"]),
        ("title ne null", ["bjensen@example.com"]),
        ("title co \"GUIDE\"", ["bjensen@example.com"]),
        ("title ew \"guide\"", ["bjensen@example.com"]),
        ("nickName eq \"babs\"", ["bjensen@example.com"]),
        ("name.givenName sw \"bar\"", ["bjensen@example.com"]),
        ("name.familyName eq \"ÑÚÑEZ\"", ["José.Ñúñez@example.com"]),
        ("name[givenName eq \"josé\" and familyName pr]", ["José.Ñúñez@example.com"]),
        ("name pr", ["bjensen@example.com", "José.Ñúñez@example.com"]),
        // emails: indexed value, type, primary; value paths
        ("emails.value eq \"BABS@jensen.org\"", ["bjensen@example.com"]),
        ("emails co \"jensen.org\"", ["bjensen@example.com"]),
        ("emails[type eq \"work\" and value co \"@example.com\"]", ["bjensen@example.com"]),
        ("emails[type eq \"home\"]", ["bjensen@example.com"]),
        ("emails[not (type eq \"work\")]", ["bjensen@example.com"]),
        ("emails.type eq \"work\"", ["bjensen@example.com", "José.Ñúñez@example.com"]),
        ("emails.primary eq true", ["bjensen@example.com", "José.Ñúñez@example.com"]),
        ("emails pr", ["bjensen@example.com", "José.Ñúñez@example.com"]),
        ("not (emails pr)", ["zoe@example.com"]),
        ("emails[display pr]", []),
        // other multi-valued attributes
        ("phoneNumbers.value co \"555\"", ["bjensen@example.com", "zoe@example.com"]),
        ("phoneNumbers[type eq \"mobile\"]", ["zoe@example.com"]),
        ("phoneNumbers[type eq \"work\" and value sw \"+1\"]", ["bjensen@example.com"]),
        // enterprise extension, qualified or not
        ("\(enterprise):department eq \"sales\"", ["José.Ñúñez@example.com"]),
        ("department eq \"tour operations\"", ["bjensen@example.com"]),
        ("\(enterprise):manager.value eq \"boss-id\"", ["bjensen@example.com"]),
        ("\(enterprise):manager.value eq \"BOSS-ID\"", []),
        ("\(enterprise):employeeNumber eq 701984", ["bjensen@example.com"]),
        ("\(enterprise) pr", ["bjensen@example.com", "José.Ñúñez@example.com"]),
        // active (absent counts as true), externalId and id are exact
        ("active eq true", ["bjensen@example.com", "zoe@example.com"]),
        ("active eq false", ["José.Ñúñez@example.com"]),
        ("active eq \"TRUE\"", ["bjensen@example.com", "zoe@example.com"]),
        ("active ne true", ["José.Ñúñez@example.com"]),
        ("active pr", ["bjensen@example.com", "José.Ñúñez@example.com"]),
        ("externalId eq \"00u2\"", ["José.Ñúñez@example.com"]),
        ("externalId eq \"00U2\"", []),
        ("externalId pr", ["bjensen@example.com", "José.Ñúñez@example.com"]),
        ("meta.resourceType eq \"User\"", ["bjensen@example.com", "José.Ñúñez@example.com", "zoe@example.com"]),
        ("meta.version eq \"W/\\\"2\\\"\"", ["bjensen@example.com"]),
        // logic
        ("(userName sw \"b\" or userName sw \"z\") and not (active eq false)", ["bjensen@example.com", "zoe@example.com"]),
        ("userName sw \"b\" or userName sw \"z\" and active eq false", ["bjensen@example.com"]),
        ("not (userName eq \"zoe@example.com\" or emails pr)", []),
        // values that look like SQL are values
        ("userName eq \"x' OR '1'='1\"", []),
        ("displayName eq \"\\\"; DROP TABLE member; --\"", []),
        ("title co \"%\"", []),
        ("title sw \"_\"", []),
    ]

    @Test(arguments: StoreFactory.all)
    func eachOperatorAndShape(_ factory: StoreFactory) async throws {
        let fixture = try await Fixture(factory)
        for (text, expected) in Self.cases {
            #expect(try await fixture.userNames(text) == expected, "\(text)")
        }
    }

    @Test(arguments: StoreFactory.all)
    func datesCompareAsInstants(_ factory: StoreFactory) async throws {
        let fixture = try await Fixture(factory)
        let midpoint = SCIMDateTime.format(fixture.midpoint)
        #expect(try await fixture.userNames("meta.lastModified gt \"\(midpoint)\"") == ["bjensen@example.com"])
        #expect(try await fixture.userNames("meta.lastModified lt \"\(midpoint)\"") == ["José.Ñúñez@example.com", "zoe@example.com"])
        #expect(try await fixture.userNames("meta.created gt \"\(midpoint)\"") == [])
        #expect(try await fixture.userNames("meta.created le \"2999-01-01T00:00:00+02:00\"").count == 3)
        let created = try #require(try await fixture.store.member(organizationID: fixture.org.id, id: fixture.jose.id)).meta.created
        // The same instant written in another zone.
        let shifted = SCIMDateTime.format(created).replacingOccurrences(of: "Z", with: "+00:00")
        #expect(try await fixture.userNames("meta.created eq \"\(shifted)\"").contains("José.Ñúñez@example.com"))
        await expectSCIMError(status: 400, scimType: .invalidFilter) { _ = try await fixture.userNames("meta.lastModified gt \"yesterday\"") }
    }

    @Test(arguments: StoreFactory.all)
    func membersFilterByTheirTeams(_ factory: StoreFactory) async throws {
        let fixture = try await Fixture(factory)
        #expect(try await fixture.userNames("groups.value eq \"\(fixture.team.id)\"") == ["bjensen@example.com", "zoe@example.com"])
        #expect(try await fixture.userNames("groups[display eq \"TOUR GUIDES\"]") == ["bjensen@example.com", "zoe@example.com"])
        #expect(try await fixture.userNames("not (groups pr)") == ["José.Ñúñez@example.com"])
    }

    @Test(arguments: StoreFactory.all)
    func teamFilters(_ factory: StoreFactory) async throws {
        let fixture = try await Fixture(factory)
        let store = fixture.store
        let org = fixture.org
        _ = try await store.createTeam(organizationID: org.id, attributes: teamAttributes("Empty"), members: [], actor: okta)
        func names(_ text: String) async throws -> [String] {
            try await store.teams(organizationID: org.id, query: ListQuery(filter: try filter(text))).resources.compactMap(\.displayName)
        }
        #expect(try await names("displayName eq \"tour GUIDES\"") == ["Tour Guides"])
        #expect(try await names("displayName sw \"e\"") == ["Empty"])
        #expect(try await names("externalId eq \"00g1\"") == ["Tour Guides"])
        #expect(try await names("members.value eq \"\(fixture.babs.id)\"") == ["Tour Guides"])
        #expect(try await names("members.value eq \"\(fixture.jose.id)\"") == [])
        // `display` is what the client sent with the membership, not the member's displayName ("Babs Jensen").
        #expect(try await names("members[display co \"JENSEN@\"]") == ["Tour Guides"])
        #expect(try await names("members[display co \"babs\"]") == [])
        #expect(try await names("members[display eq \"ZOE@example.com\"]") == ["Tour Guides"])
        #expect(try await names("members[type eq \"User\"]") == ["Tour Guides"])
        #expect(try await names("members pr") == ["Tour Guides"])
        #expect(try await names("not (members pr)") == ["Empty"])
        #expect(try await names("meta.resourceType eq \"Group\"") == ["Tour Guides", "Empty"])
        await expectSCIMError(status: 400, scimType: .invalidFilter) { _ = try await names("userName eq \"x\"") }
    }

    @Test(arguments: StoreFactory.all)
    func badFiltersAre400NamingTheProblem(_ factory: StoreFactory) async throws {
        let fixture = try await Fixture(factory)
        let cases: [(String, String)] = [
            ("nickname2 eq \"x\"", "nickname2"),
            ("name.middle eq \"x\"", "middle"),
            ("active gt true", "boolean"),
            ("password eq \"secret\"", "password"),
            ("userName eq true", "userName"),
            ("userName lt null", "null"),
            ("meta eq \"x\"", "meta"),
            ("userName[value eq \"x\"]", "userName"),
            ("urn:example:params:Custom:thing eq \"x\"", "urn:example:params:Custom:thing"),
        ]
        for (text, mentioned) in cases {
            guard let parsed = try? filter(text) else { continue }  // rejected by the parser already
            let error = await expectSCIMError(status: 400, scimType: .invalidFilter) {
                _ = try await fixture.store.members(organizationID: fixture.org.id, query: ListQuery(filter: parsed))
            }
            #expect(error?.detail.contains(mentioned) == true, "\(text): \(error?.detail ?? "")")
        }
    }
}
