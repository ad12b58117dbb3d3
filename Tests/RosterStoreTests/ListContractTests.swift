import Foundation
import RosterStore
import SCIM
import Testing

/// Sorting and paging (RFC 7644 §3.4.2.3–4): stable creation order by default, the same rows
/// whichever way a page is reached.
@Suite struct ListContractTests {
    /// 25 members `u00`…`u24`; every third inactive; display names in reverse order, some missing.
    private func seeded(_ factory: StoreFactory) async throws -> (any Store, Organization, [SCIMResource]) {
        let store = try factory.make()
        let org = try await makeOrganization(store)
        var members: [SCIMResource] = []
        for n in 0..<25 {
            let name = String(format: "u%02d", n)
            members.append(
                try await store.createMember(
                    organizationID: org.id,
                    attributes: userAttributes(
                        n % 2 == 0 ? name.uppercased() : name, displayName: n % 5 == 4 ? nil : "Display \(String(format: "%02d", 24 - n))",
                        active: n % 3 != 0, emails: [("\(name)@b.com", "home"), ("\(name)@a.com", "work")],
                        extra: [("name", ["familyName": .string("F\(n % 4)")])]),
                    actor: okta))
        }
        return (store, org, members)
    }

    @Test(arguments: StoreFactory.all)
    func totalsAreExactWhetherOrNotTheFirstPageHoldsEveryMatch(_ factory: StoreFactory) async throws {
        let (store, org, members) = try await seeded(factory)
        let inactive = try filter("active eq false")  // u00, u03, … u24: 9 members
        for (startIndex, count, rows) in [(1, 100, 9), (1, 9, 9), (1, 4, 4), (5, 100, 5), (1, 0, 0), (10, 5, 0)] {
            let page = try await store.members(
                organizationID: org.id, query: ListQuery(filter: inactive, startIndex: startIndex, count: count))
            #expect(page.totalResults == 9, "startIndex \(startIndex), count \(count)")
            #expect(page.resources.count == rows, "startIndex \(startIndex), count \(count)")
        }
        let one = try await store.members(organizationID: org.id, query: ListQuery(filter: try filter("userName eq \"u07\"")))
        #expect(one.totalResults == 1 && one.resources.map(\.id) == [members[7].id])
        let none = try await store.members(organizationID: org.id, query: ListQuery(filter: try filter("userName eq \"nobody\"")))
        #expect(none.totalResults == 0 && none.resources.isEmpty)
    }

    private func walk(_ store: any Store, _ org: Organization, _ query: ListQuery, pageSize: Int) async throws -> [String] {
        var ids: [String] = []
        var query = query
        query.count = pageSize
        query.startIndex = 1
        while true {
            let page = try await store.members(organizationID: org.id, query: query)
            ids += page.resources.map(\.id)
            query.startIndex += pageSize
            if query.startIndex > page.totalResults { break }
        }
        return ids
    }

    @Test(arguments: StoreFactory.all)
    func defaultOrderIsCreationOrderAndPagesTileIt(_ factory: StoreFactory) async throws {
        let (store, org, members) = try await seeded(factory)
        let all = try await store.members(organizationID: org.id, query: ListQuery(count: 100))
        #expect(all.totalResults == 25)
        #expect(all.resources.map(\.id) == members.map(\.id))

        for pageSize in [1, 7, 10, 25] {
            #expect(try await walk(store, org, ListQuery(), pageSize: pageSize) == members.map(\.id), "page size \(pageSize)")
        }
        // A page reached directly (OFFSET) equals the same page reached by walking (seek).
        for startIndex in [2, 5, 8, 15, 22] {
            let direct = try await store.members(organizationID: org.id, query: ListQuery(startIndex: startIndex, count: 7))
            #expect(direct.resources.map(\.id) == Array(members.map(\.id)[(startIndex - 1)..<min(startIndex + 6, 25)]))
        }
    }

    @Test(arguments: StoreFactory.all)
    func pageBoundaries(_ factory: StoreFactory) async throws {
        let (store, org, members) = try await seeded(factory)
        let countOnly = try await store.members(organizationID: org.id, query: ListQuery(count: 0))
        #expect(countOnly.totalResults == 25 && countOnly.resources.isEmpty)
        let beyond = try await store.members(organizationID: org.id, query: ListQuery(startIndex: 26, count: 10))
        #expect(beyond.totalResults == 25 && beyond.resources.isEmpty)
        let zero = try await store.members(organizationID: org.id, query: ListQuery(startIndex: 0, count: 2))
        #expect(zero.resources.map(\.id) == members.prefix(2).map(\.id))
        let negative = try await store.members(organizationID: org.id, query: ListQuery(count: -5))
        #expect(negative.totalResults == 25 && negative.resources.isEmpty)
        let last = try await store.members(organizationID: org.id, query: ListQuery(startIndex: 24, count: 10))
        #expect(last.resources.map(\.id) == members.suffix(2).map(\.id))
        let unknown = try await store.members(organizationID: "no-such-org", query: ListQuery())
        #expect(unknown.totalResults == 0 && unknown.resources.isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func filteredPagesCountOnlyMatches(_ factory: StoreFactory) async throws {
        let (store, org, members) = try await seeded(factory)
        let active = members.filter(\.active).map(\.id)
        let query = ListQuery(filter: try filter("active eq true"))
        #expect(try await walk(store, org, query, pageSize: 4) == active)
        let page = try await store.members(organizationID: org.id, query: ListQuery(filter: query.filter, startIndex: 5, count: 4))
        #expect(page.totalResults == active.count)
        #expect(page.resources.map(\.id) == Array(active[4..<8]))
    }

    @Test(arguments: StoreFactory.all)
    func sortsByUserNameWithoutRegardToCase(_ factory: StoreFactory) async throws {
        let (store, org, members) = try await seeded(factory)
        let userName = AttributePath(attribute: "userName")
        let ascending = try await walk(store, org, ListQuery(sortBy: userName), pageSize: 6)
        #expect(ascending == members.map(\.id))  // u00…u24 whatever the case
        let descending = try await walk(store, org, ListQuery(sortBy: userName, descending: true), pageSize: 6)
        #expect(descending == members.reversed().map(\.id))
        let direct = try await store.members(organizationID: org.id, query: ListQuery(sortBy: userName, descending: true, startIndex: 4, count: 3))
        #expect(direct.resources.map(\.id) == Array(members.reversed().map(\.id)[3..<6]))
    }

    @Test(arguments: StoreFactory.all)
    func sortsByOtherAttributesWithMissingValuesLast(_ factory: StoreFactory) async throws {
        let (store, org, members) = try await seeded(factory)
        let byDisplay = try await walk(store, org, ListQuery(sortBy: AttributePath(attribute: "displayName")), pageSize: 4)
        let withDisplay = members.filter { $0.displayName != nil }
        let withoutDisplay = members.filter { $0.displayName == nil }
        #expect(byDisplay == withDisplay.reversed().map(\.id) + withoutDisplay.map(\.id))
        let byDisplayDescending = try await store.members(
            organizationID: org.id, query: ListQuery(sortBy: AttributePath(attribute: "displayName"), descending: true))
        #expect(byDisplayDescending.resources.map(\.id) == withDisplay.map(\.id) + withoutDisplay.reversed().map(\.id))

        // A sub-attribute, ties in creation order.
        let byFamily = try await store.members(
            organizationID: org.id, query: ListQuery(sortBy: AttributePath(attribute: "name", subAttribute: "familyName")))
        let expected = members.enumerated().sorted { ($0.offset % 4, $0.offset) < ($1.offset % 4, $1.offset) }.map(\.element.id)
        #expect(byFamily.resources.map(\.id) == expected)

        // A multi-valued attribute sorts by its primary value (the first email here, `@b.com`).
        let byEmail = try await store.members(organizationID: org.id, query: ListQuery(sortBy: AttributePath(attribute: "emails")))
        #expect(byEmail.resources.map(\.id) == members.map(\.id))

        let byCreated = try await walk(
            store, org, ListQuery(sortBy: AttributePath(attribute: "meta", subAttribute: "created"), descending: true), pageSize: 10)
        #expect(byCreated.count == 25 && Set(byCreated) == Set(members.map(\.id)))

        await expectSCIMError(status: 400) {
            _ = try await store.members(organizationID: org.id, query: ListQuery(sortBy: AttributePath(attribute: "nope")))
        }
    }

    @Test(arguments: StoreFactory.all)
    func pagesSeeWrites(_ factory: StoreFactory) async throws {
        let (store, org, members) = try await seeded(factory)
        // Page 1, then a delete before page 2: page 2 is what OFFSET gives on the new data.
        _ = try await store.members(organizationID: org.id, query: ListQuery(startIndex: 1, count: 5))
        try await store.deleteMember(organizationID: org.id, id: members[2].id, expectedVersion: nil, actor: okta)
        let page2 = try await store.members(organizationID: org.id, query: ListQuery(startIndex: 6, count: 5))
        #expect(page2.totalResults == 24)
        #expect(page2.resources.map(\.id) == Array(members.map(\.id)[6..<11]))
    }

    @Test(arguments: StoreFactory.all)
    func filteredPagesSeeMembershipChanges(_ factory: StoreFactory) async throws {
        let (store, org, members) = try await seeded(factory)
        let ids = members.map(\.id)
        let team = try await store.createTeam(
            organizationID: org.id, attributes: teamAttributes("T"), members: memberRefs([ids[3], ids[5], ids[7], ids[9]]), actor: okta)
        let query = ListQuery(filter: try filter("groups.value eq \"\(team.team.id)\""), startIndex: 1, count: 2)
        #expect(try await store.members(organizationID: org.id, query: query).resources.map(\.id) == [ids[3], ids[5]])

        // A member created earlier than the page boundary joins the team between two pages.
        _ = try await store.modifyTeam(organizationID: org.id, id: team.team.id, expectedVersion: nil, actor: okta) { current in
            PatchResult(attributes: current.attributes, membership: [.add(memberRefs([ids[0]]))])
        }
        var next = query
        next.startIndex = 3
        let page2 = try await store.members(organizationID: org.id, query: next)
        #expect(page2.totalResults == 5)
        #expect(page2.resources.map(\.id) == [ids[5], ids[7]])
    }
}
