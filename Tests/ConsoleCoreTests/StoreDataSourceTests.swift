import ConsoleCore
import Foundation
import RosterSQLite
import RosterStore
import SCIM
import Testing

/// `StoreDataSource` over the real embedded store (the one the contract suite checks, not a fake): writes go
/// through `Directory`, and the store records each in the audit log in the write's own transaction.
struct StoreDataSourceTests {
    let store: SQLiteStore
    let runner: ConsoleEffectRunner
    /// Acme (strict phones) and Globex (flagged phones).
    let acme: Organization
    let globex: Organization

    init() async throws {
        store = try SQLiteStore.temporary(clock: { Fixture.now })
        let setup = ChangeActor.cli(user: "setup")
        acme = try await store.createOrganization(name: "Acme", plan: .enterprise, seatLimit: 100, phonePolicy: .strict, actor: setup)
        globex = try await store.createOrganization(name: "Globex", plan: .enterprise, seatLimit: 25, phonePolicy: .flag, actor: setup)
        runner = ConsoleEffectRunner(dataSource: StoreDataSource(store: store, operatorName: "alice"))
    }

    func write(_ write: ConsoleWrite, org: String? = nil) async -> ConsoleEvent? {
        await runner.run(.write(write, organizationID: org ?? acme.id), now: Fixture.now)
    }

    /// Acme's audit entries, oldest first, without the organization's creation.
    func audit() async throws -> [AuditEntry] {
        try await store.auditLog(organizationID: acme.id, limit: 100).reversed().filter { $0.action != "organization.created" }
    }

    func memberAttributes(_ userName: String, phone: String? = nil) -> JSONObject {
        var attributes = JSONObject()
        attributes["userName"] = .string(userName)
        if let phone { attributes["phoneNumbers"] = [["value": .string(phone), "type": "work"]] }
        attributes["active"] = true
        return attributes
    }

    @Test func createdMembersAreAuditedAsTheOperator() async throws {
        let event = await write(.createMember(attributes: memberAttributes("ana@example.com")))
        guard case .writeSucceeded(_, .member(let member))? = event else {
            Issue.record("not created: \(String(describing: event))")
            return
        }
        #expect(member.userName == "ana@example.com")
        let audit = try await audit()
        #expect(audit.map(\.action) == ["member.created"])
        #expect(audit.first?.actor == "console:alice" && audit.first?.target == "ana@example.com")
        #expect(audit.first?.organizationID == acme.id)
    }

    @Test func thePhonePolicyAppliesAsOverSCIM() async throws {
        let event = await write(.createMember(attributes: memberAttributes("bo@example.com", phone: "415.123.4567")))
        guard case .writeFailed(_, let error)? = event else {
            Issue.record("accepted: \(String(describing: event))")
            return
        }
        #expect(error.status == 400 && error.scimType == .invalidValue)
        #expect(error.detail.contains("415.123.4567"))
        #expect(try await audit().isEmpty)
        // Globex flags instead of refusing: the same value is stored there.
        let flagged = await write(.createMember(attributes: memberAttributes("bo@example.com", phone: "415.123.4567")),
                                  org: globex.id)
        guard case .writeSucceeded(_, .member(let member))? = flagged else {
            Issue.record("refused under the flag policy: \(String(describing: flagged))")
            return
        }
        #expect(MemberStatus.of(member) == .phoneFlagged)
    }

    @Test func uniquenessAndTheSeatLimitComeBackAsTheirErrors() async throws {
        _ = await write(.createMember(attributes: memberAttributes("ana@example.com")))
        let duplicate = await write(.createMember(attributes: memberAttributes("ANA@example.com")))
        if case .writeFailed(_, let error)? = duplicate { #expect(error.status == 409) } else { Issue.record("no 409") }
        let full = try await store.createOrganization(
            name: "Full", plan: .enterprise, seatLimit: 1, phonePolicy: .strict, actor: .cli(user: "setup"))
        let source = StoreDataSource(store: store, operatorName: "alice")
        _ = try await source.perform(.createMember(attributes: memberAttributes("b@example.com")), organizationID: full.id,
                                     at: Fixture.now)
        do {
            _ = try await source.perform(.createMember(attributes: memberAttributes("c@example.com")), organizationID: full.id,
                                         at: Fixture.now)
            Issue.record("the seat limit did not apply")
        } catch let error as SCIMError {
            #expect(error.status == 403)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func deactivationIsAPatchOfActive() async throws {
        let created = await write(.createMember(attributes: memberAttributes("ana@example.com")))
        guard case .writeSucceeded(_, .member(let ana))? = created else {
            Issue.record("not created: \(String(describing: created))")
            return
        }
        let event = await write(.setMemberActive(id: ana.id, userName: "ana@example.com", active: false))
        guard case .writeSucceeded(_, .member(let after))? = event else {
            Issue.record("not deactivated: \(String(describing: event))")
            return
        }
        #expect(!after.active && after.meta.version == 2)
        #expect(try await audit().map(\.action) == ["member.created", "member.deactivated"])
    }

    @Test func teamsAreCreatedRenamedFilledEmptiedAndDeleted() async throws {
        guard case .writeSucceeded(_, .member(let ana))? = await write(.createMember(attributes: memberAttributes("ana@example.com"))),
            case .writeSucceeded(_, .team(let team, _))? = await write(.createTeam(name: "Platform"))
        else {
            Issue.record("setup failed")
            return
        }
        let renamed = await write(.renameTeam(id: team.id, name: "Platform Eng", expectedVersion: 1))
        if case .writeSucceeded(_, .team(let after, _))? = renamed { #expect(after.displayName == "Platform Eng") }
        let added = await write(.addTeamMember(teamID: team.id, member: "ANA@example.com"))
        guard case .writeSucceeded(_, .teamMemberAdded(let withAna, let ref))? = added else {
            Issue.record("not added: \(String(describing: added))")
            return
        }
        #expect(ref == MemberRef(value: ana.id, display: "ana@example.com"))
        #expect(withAna.memberCount == 1)
        let unknown = await write(.addTeamMember(teamID: team.id, member: "nobody@example.com"))
        if case .writeFailed(_, let error)? = unknown {
            #expect(error.status == 404 && error.detail.contains("nobody@example.com"))
        } else {
            Issue.record("an unknown member was added")
        }
        let removed = await write(.removeTeamMember(teamID: team.id, memberID: ana.id, display: "ana@example.com"))
        if case .writeSucceeded(_, .team(let empty, _))? = removed { #expect(empty.memberCount == 0) }
        #expect(await write(.deleteTeam(id: team.id, name: "Platform Eng")) == .writeSucceeded(
            .deleteTeam(id: team.id, name: "Platform Eng"), .deleted))
        #expect(try await store.member(organizationID: acme.id, id: ana.id) != nil, "members stay")
        #expect(try await audit().map(\.action) == [
            "member.created", "team.created", "team.updated", "team.member_added", "team.member_removed", "team.deleted",
        ])
    }

    @Test func keysAreCreatedRotatedAndRevokedWithAuditEntries() async throws {
        let created = await write(.createKey(label: "okta-prod", expiresAt: nil))
        guard case .writeSucceeded(_, .key(let new, nil))? = created else {
            Issue.record("no key: \(String(describing: created))")
            return
        }
        let rotated = await write(.rotateKey(id: new.key.id, grace: 3600))
        guard case .writeSucceeded(_, .key(let next, let replaced?))? = rotated else {
            Issue.record("not rotated: \(String(describing: rotated))")
            return
        }
        #expect(replaced == APIKeyReplacement(prefix: new.key.prefix, grace: 3600))
        #expect(next.key.label == "okta-prod")
        #expect(await write(.revokeKey(id: next.key.id)) == .writeSucceeded(.revokeKey(id: next.key.id), .keyRevoked))
        // Another organization's key is not found from this one.
        let foreign = await write(.revokeKey(id: new.key.id), org: globex.id)
        if case .writeFailed(_, let error)? = foreign { #expect(error.status == 404) } else { Issue.record("revoked across orgs") }
        let audit = try await audit()
        #expect(audit.map(\.action) == ["key.created", "key.rotated", "key.revoked"])
        #expect(audit[1].detail == "new key \(next.key.prefix), grace 1h")
        #expect(audit.allSatisfy { $0.actor == "console:alice" })
    }

    @Test func teamMembersWithoutADisplayAreNamedInOneReadPerPage() async throws {
        let created = (await write(.createMember(attributes: memberAttributes("ana@example.com"))),
                       await write(.createMember(attributes: memberAttributes("bo@example.com"))))
        guard case .writeSucceeded(_, .member(let ana))? = created.0, case .writeSucceeded(_, .member(let bo))? = created.1
        else {
            Issue.record("setup failed")
            return
        }
        let team = try await store.createTeam(
            organizationID: acme.id, attributes: JSONObject([("displayName", "Ops")]),
            members: [MemberRef(value: ana.id), MemberRef(value: bo.id, display: "Bo as pushed")],
            actor: .scim(client: "Entra ID", keyLabel: "test key"))
        let event = await runner.run(
            .loadTeamMembers(organizationID: acme.id, teamID: team.team.id, offset: 0, limit: 50), now: Fixture.now)
        #expect(event == .teamMembersLoaded(organizationID: acme.id, teamID: team.team.id, offset: 0, members: [
            MemberRef(value: ana.id, display: "ana@example.com"), MemberRef(value: bo.id, display: "Bo as pushed"),
        ]))
    }

    /// The whole loop: keys into the reducer, its effects through the runner, the answers back as events.
    @Test func creatingAMemberByKeysShowsItInTheList() async {
        var state = ConsoleState(
            organization: acme, organizations: nil, options: Fixture.options(), size: TerminalSize(rows: 24, cols: 80),
            now: Fixture.now, firstKey: nil)
        var pending = reduce(state: &state, event: .started, now: Fixture.now)
        func drain() async {
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                if let event = await runner.run(effect, now: Fixture.now) {
                    pending += reduce(state: &state, event: event, now: Fixture.now)
                }
            }
        }
        await drain()
        #expect(state.members.list.count == 0)
        for key in "n" + "ana@example.com" { pending += reduce(state: &state, event: .key(.character(key)), now: Fixture.now) }
        for field in ["", "Ana", "Lima", "ana@example.com", "+351 912345678"] {
            for key in field { pending += reduce(state: &state, event: .key(.character(key)), now: Fixture.now) }
            pending += reduce(state: &state, event: .key(.enter), now: Fixture.now)
        }
        await drain()
        #expect(state.flash?.text == "✓ Created member ana@example.com.")
        #expect(state.members.list.count == 1)
        #expect(state.members.list.selectedItem?.row.displayName == "Ana Lima")
        #expect(state.organization.activeMembers == 1)
    }
}
