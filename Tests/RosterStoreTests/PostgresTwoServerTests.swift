import Foundation
import RosterPostgres
import RosterStore
import SCIM
import Testing

/// Two `PostgresStore`s on one database, each with its own pool, as two `roster serve` processes
/// behind a load balancer: the guarantees that must hold across servers, not just in one process.
/// Runs when `ROSTER_TEST_POSTGRES_URL` is set (`scripts/test.sh` sets it).
@Suite(.enabled(if: StoreFactory.postgresURL != nil, "needs ROSTER_TEST_POSTGRES_URL"))
struct PostgresTwoServerTests {
    /// Two stores on one fresh schema.
    func servers() throws -> (PostgresStore, PostgresStore) {
        let url = try #require(StoreFactory.postgresURL)
        let schema = freshSchemaName()
        return (try PostgresStore(url: url, schema: schema), try PostgresStore(url: url, schema: schema))
    }

    @Test func seatLimitIsExactWhenCreatesRaceOnTwoServers() async throws {
        let (a, b) = try servers()
        let org = try await makeOrganization(a, seats: 12)
        for n in 0..<2 {
            _ = try await a.createMember(organizationID: org.id, attributes: userAttributes("seated\(n)@acme.com"), actor: okta)
        }
        // 10 free seats, 50 creates split across the servers.
        let statuses = await withTaskGroup(of: Int.self) { group in
            for n in 0..<50 {
                let store = n % 2 == 0 ? a : b
                group.addTask {
                    do {
                        _ = try await store.createMember(organizationID: org.id, attributes: userAttributes("racer\(n)@acme.com"), actor: okta)
                        return 201
                    } catch let error as SCIMError {
                        return error.status
                    } catch {
                        return 500
                    }
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 201 }.count == 10)
        #expect(statuses.filter { $0 == 403 }.count == 40)
        let after = try #require(try await b.organization(id: org.id))
        #expect(after.activeMembers == 12)
        #expect(try await a.members(organizationID: org.id, query: ListQuery(count: 0)).totalResults == 12)
    }

    @Test func uniquenessRacesAnswer409() async throws {
        let (a, b) = try servers()
        let org = try await makeOrganization(a)
        let statuses = await withTaskGroup(of: Int.self) { group in
            for n in 0..<10 {
                let store = n % 2 == 0 ? a : b
                // The same name in different cases: one key.
                let userName = n % 3 == 0 ? "SAME@acme.com" : "same@acme.com"
                group.addTask {
                    do {
                        _ = try await store.createMember(organizationID: org.id, attributes: userAttributes(userName), actor: okta)
                        return 201
                    } catch let error as SCIMError {
                        return error.scimType == .uniqueness ? 409 : error.status
                    } catch {
                        return 500
                    }
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.sorted() == [201] + Array(repeating: 409, count: 9))
    }

    @Test func eightClientsOnTwoServersLoseNoMembershipChange() async throws {
        let (a, b) = try servers()
        let org = try await makeOrganization(a, seats: 1000)
        var ids: [String] = []
        for n in 0..<80 {
            ids.append(try await a.createMember(organizationID: org.id, attributes: userAttributes("m\(n)@acme.com"), actor: okta).id)
        }
        let team = try await a.createTeam(organizationID: org.id, attributes: teamAttributes("Shared"), members: [], actor: okta).team
        // Client c owns members c*10 ..< c*10+10: it adds all ten one by one, then removes the odd ones.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<8 {
                let store = client % 2 == 0 ? a : b
                let mine = Array(ids[(client * 10)..<(client * 10 + 10)])
                group.addTask {
                    for id in mine {
                        _ = try await store.modifyTeam(organizationID: org.id, id: team.id, expectedVersion: nil, actor: okta) { current in
                            PatchResult(attributes: current.attributes, membership: [.add([MemberRef(value: id)])])
                        }
                    }
                    for (index, id) in mine.enumerated() where index % 2 == 1 {
                        _ = try await store.modifyTeam(organizationID: org.id, id: team.id, expectedVersion: nil, actor: okta) { current in
                            PatchResult(attributes: current.attributes, membership: [.remove([id])])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let expected = Set(ids.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        let stored = try #require(try await b.team(organizationID: org.id, id: team.id, includeMembers: true))
        #expect(Set(stored.members?.map(\.value) ?? []) == expected)
        #expect(stored.memberCount == expected.count)
        // 80 adds and 40 removes, each a new version.
        #expect(stored.meta.version == 1 + 120)
    }

    @Test func theFeedHasEveryAcknowledgedWriteOnceInVersionOrder() async throws {
        let (a, b) = try servers()
        let orgs = [try await makeOrganization(a, name: "One"), try await makeOrganization(b, name: "Two")]
        // 6 writers (3 per server, across both organizations), each creating a member and updating it 4 times,
        // while a reader on the other server pages through the feed as the events land.
        let writing = WritersDone()
        let reader = Task { () throws -> [ChangeEvent] in
            var seen: [ChangeEvent] = []
            var after: Int64? = nil
            while true {
                let finished = await writing.done
                let page = try await b.events(after: after, organizationID: nil, types: nil, limit: 7)
                seen += page
                after = page.last?.position ?? after
                if page.isEmpty {
                    // `finished` was read before this page: every write was acknowledged before it was read.
                    if finished { return seen }
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
        }
        let written = try await withThrowingTaskGroup(of: [String: Int].self) { group in
            for writer in 0..<6 {
                let store = writer % 2 == 0 ? a : b
                let org = orgs[writer % 3 == 0 ? 0 : 1]
                group.addTask {
                    var versions: [String: Int] = [:]
                    for n in 0..<3 {
                        let member = try await store.createMember(
                            organizationID: org.id, attributes: userAttributes("w\(writer)-\(n)@acme.com"), actor: okta)
                        var version = member.meta.version
                        for step in 0..<4 {
                            version = try await store.replaceMember(
                                organizationID: org.id, id: member.id,
                                attributes: userAttributes("w\(writer)-\(n)@acme.com", displayName: "Step \(step)"),
                                expectedVersion: nil, actor: okta
                            ).meta.version
                        }
                        versions[member.id] = version
                    }
                    return versions
                }
            }
            return try await group.reduce(into: [String: Int]()) { $0.merge($1) { x, _ in x } }
        }
        await writing.finish()
        let events = try await reader.value
        #expect(events.count == written.count * 5)
        #expect(Set(events.map(\.id)).count == events.count)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.position < $1.position })
        for (id, lastVersion) in written {
            let versions = events.filter { $0.resourceID == id }.compactMap {
                $0.data["object"]?.objectValue?["meta"]?.objectValue?["version"]?.stringValue
            }
            #expect(versions == (1...lastVersion).map { #"W/"\#($0)""# }, "\(id)")
        }
        // One organization's feed is the same events, filtered.
        var one: [ChangeEvent] = []
        var after: Int64? = nil
        while true {
            let page = try await a.events(after: after, organizationID: orgs[0].id, types: nil, limit: 5)
            guard let last = page.last else { break }
            one += page
            after = last.position
        }
        #expect(one.map(\.id) == events.filter { $0.organizationID == orgs[0].id }.map(\.id))
    }
}

/// Tells the feed's reader that every write has been acknowledged.
private actor WritersDone {
    private(set) var done = false

    func finish() { done = true }
}
