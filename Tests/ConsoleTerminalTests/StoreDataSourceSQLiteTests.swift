import ConsoleCore
import Foundation
import RosterSQLite
import RosterStore
import SCIM
import Testing

/// The console's writes against the real embedded store (a temporary SQLite file): the same rules as SCIM, the
/// results visible to SCIM reads, and an audit entry for each.
struct StoreDataSourceSQLiteTests {
    let store: SQLiteStore
    let strict: Organization
    let flagging: Organization
    let source: StoreDataSource
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    init() async throws {
        store = try SQLiteStore.temporary()
        strict = try await store.createOrganization(name: "Acme", plan: .enterprise, seatLimit: 2, phonePolicy: .strict, actor: .cli(user: "test"))
        flagging = try await store.createOrganization(name: "Globex", plan: .enterprise, seatLimit: 10, phonePolicy: .flag, actor: .cli(user: "test"))
        source = StoreDataSource(store: store, operatorName: "alice")
    }

    func attributes(_ userName: String, name: (String, String)? = nil, phone: String? = nil) -> JSONObject {
        var attributes = JSONObject()
        attributes["userName"] = .string(userName)
        if let name { attributes["name"] = ["givenName": .string(name.0), "familyName": .string(name.1)] }
        if let phone { attributes["phoneNumbers"] = [["value": .string(phone), "type": "work"]] }
        attributes["active"] = true
        return attributes
    }

    func member(_ outcome: WriteOutcome) throws -> SCIMResource {
        guard case .member(let member) = outcome else { throw SCIMError(status: 500, detail: "not a member: \(outcome)") }
        return member
    }

    /// What a SCIM client sees: `GET /Users?filter=userName eq "…"`.
    func scimLookup(_ userName: String, in org: Organization) async throws -> SCIMResource? {
        let query = ListQuery(filter: .compare(AttributePath(attribute: "userName"), .eq, .string(userName)), count: 1)
        return try await store.members(organizationID: org.id, query: query).resources.first
    }

    func refusal(_ write: ConsoleWrite, in org: Organization) async throws -> SCIMError {
        do {
            let outcome = try await source.perform(write, organizationID: org.id, at: now)
            throw SCIMError(status: 500, detail: "accepted: \(outcome)")
        } catch let error as SCIMError where error.status != 500 {
            return error
        }
    }

    @Test func membersAreCreatedEditedDeactivatedAndDeletedAsSCIMSeesThem() async throws {
        let created = try member(try await source.perform(
            .createMember(attributes: attributes("josé.núñez@example.com", name: ("José", "Núñez"))),
            organizationID: strict.id, at: now))
        #expect(try await scimLookup("JOSÉ.NÚÑEZ@example.com", in: strict)?.id == created.id,
                "SCIM finds it, case-insensitively")

        var edited = attributes("josé.núñez@example.com", name: ("José", "Núñez-Pérez"))
        edited["displayName"] = "José Núñez-Pérez"
        let saved = try member(try await source.perform(
            .replaceMember(id: created.id, attributes: edited, expectedVersion: created.meta.version),
            organizationID: strict.id, at: now))
        #expect(saved.meta.version == created.meta.version + 1)
        let stale = try await refusal(
            .replaceMember(id: created.id, attributes: edited, expectedVersion: created.meta.version), in: strict)
        #expect(stale.status == 412, "an edit based on an old version does not overwrite a newer one")

        let deactivated = try member(try await source.perform(
            .setMemberActive(id: created.id, userName: "josé.núñez@example.com", active: false),
            organizationID: strict.id, at: now))
        #expect(!deactivated.active)
        #expect(try await scimLookup("josé.núñez@example.com", in: strict)?.active == false)
        #expect(try await store.organization(id: strict.id)?.activeMembers == 0, "a deactivated member uses no seat")

        #expect(try await source.perform(
            .deleteMember(id: created.id, userName: "josé.núñez@example.com"), organizationID: strict.id, at: now)
            == .deleted)
        #expect(try await scimLookup("josé.núñez@example.com", in: strict) == nil)

        let audit = try await store.auditLog(organizationID: strict.id, limit: 10).filter { $0.action != "organization.created" }
        #expect(audit.map(\.action) == ["member.deleted", "member.deactivated", "member.updated", "member.created"])
        #expect(audit.allSatisfy { $0.actor == "console:alice" && $0.target == "josé.núñez@example.com" })
    }

    @Test func theSeatLimitUniquenessAndPhonePolicyApply() async throws {
        _ = try await source.perform(.createMember(attributes: attributes("a@example.com")), organizationID: strict.id, at: now)
        let duplicate = try await refusal(.createMember(attributes: attributes("A@EXAMPLE.COM")), in: strict)
        #expect(duplicate.status == 409 && duplicate.scimType == .uniqueness)
        _ = try await source.perform(.createMember(attributes: attributes("b@example.com")), organizationID: strict.id, at: now)
        let full = try await refusal(.createMember(attributes: attributes("c@example.com")), in: strict)
        #expect(full.status == 403 && full.detail.contains("2"), "the seat limit of 2: \(full.detail)")

        let phone = try await refusal(
            .createMember(attributes: attributes("d@example.com", phone: "415.123.4567")), in: strict)
        #expect(phone.status == 400 && phone.scimType == .invalidValue && phone.detail.contains("415.123.4567"))
        let flagged = try member(try await source.perform(
            .createMember(attributes: attributes("d@example.com", phone: "415.123.4567")),
            organizationID: flagging.id, at: now))
        #expect(MemberStatus.of(flagged) == .phoneFlagged, "Globex flags the same value instead of refusing it")

        let audit = try await store.auditLog(organizationID: strict.id, limit: 10).filter { $0.action != "organization.created" }
        #expect(audit.count == 2, "refused writes leave no audit entry")
    }

    @Test func teamMembersWithoutAStoredDisplayAreNamedByTheirUserName() async throws {
        let entra = ChangeActor.scim(client: "Entra ID", keyLabel: "test key")
        let ana = try await store.createMember(
            organizationID: flagging.id, attributes: attributes("ana@example.com"), actor: entra)
        let bo = try await store.createMember(
            organizationID: flagging.id, attributes: attributes("bo@example.com"), actor: entra)
        let team = try await store.createTeam(
            organizationID: flagging.id, attributes: JSONObject([("displayName", "Ops")]),
            members: [MemberRef(value: ana.id), MemberRef(value: bo.id, display: "Bo (as pushed)")], actor: entra)
        let page = try await source.teamMembers(organizationID: flagging.id, teamID: team.team.id, offset: 0, limit: 10)
        #expect(page == [MemberRef(value: ana.id, display: "ana@example.com"),
                         MemberRef(value: bo.id, display: "Bo (as pushed)")])
        // SCIM still reads back exactly what was pushed: no display for Ana.
        #expect(try await store.teamMembers(organizationID: flagging.id, teamID: team.team.id, offset: 0, limit: 10)
            .first?.display == nil)
    }

    @Test func whatSCIMCreatedIsBadgedAndWhatTheConsoleCreatedIsNot() async throws {
        let pushed = try await store.createMember(
            organizationID: flagging.id, attributes: attributes("pushed@example.com"), actor: .scim(client: "curl", keyLabel: "test key"))
        let typed = try member(try await source.perform(
            .createMember(attributes: attributes("typed@example.com")), organizationID: flagging.id, at: now))
        let page = try await source.members(organizationID: flagging.id, query: ListQuery())
        #expect(page.resources.map(\.provisioning) == [.scimClient, nil])
        #expect(try await source.member(organizationID: flagging.id, id: pushed.id)?.provisioning == .scimClient)
        #expect(try await source.member(organizationID: flagging.id, id: typed.id)?.provisioning == nil)
    }

    @Test func teamMembershipChangesAreStoredAndAudited() async throws {
        let ana = try member(try await source.perform(
            .createMember(attributes: attributes("ana@example.com")), organizationID: flagging.id, at: now))
        guard case .team(let team, _) = try await source.perform(
            .createTeam(name: "Platform 平台"), organizationID: flagging.id, at: now)
        else { throw SCIMError(status: 500, detail: "no team") }

        _ = try await source.perform(.addTeamMember(teamID: team.id, member: "ANA@example.com"), organizationID: flagging.id, at: now)
        #expect(try await store.teamMembers(organizationID: flagging.id, teamID: team.id, offset: 0, limit: 10).map(\.value)
                == [ana.id])
        #expect(try await store.member(organizationID: flagging.id, id: ana.id)?.groups?.map(\.value) == [team.id])

        _ = try await source.perform(
            .removeTeamMember(teamID: team.id, memberID: ana.id, display: "ana@example.com"),
            organizationID: flagging.id, at: now)
        #expect(try await store.teamMembers(organizationID: flagging.id, teamID: team.id, offset: 0, limit: 10).isEmpty)

        _ = try await source.perform(.deleteTeam(id: team.id, name: "Platform 平台"), organizationID: flagging.id, at: now)
        #expect(try await store.team(organizationID: flagging.id, id: team.id, includeMembers: false) == nil)
        #expect(try await store.member(organizationID: flagging.id, id: ana.id) != nil, "members stay")

        let actions = try await store.auditLog(organizationID: flagging.id, limit: 10).map(\.action)
        #expect(Set(actions) == [
            "organization.created", "member.created", "team.created", "team.member_added", "team.member_removed", "team.deleted",
        ])
    }

    @Test func rotatedKeysKeepTheirGraceAndRevokedKeysStopAtOnce() async throws {
        guard case .key(let first, nil) = try await source.perform(
            .createKey(label: "okta-prod", expiresAt: nil), organizationID: strict.id, at: now)
        else { throw SCIMError(status: 500, detail: "no key") }
        guard case .key(let second, let replaced?) = try await source.perform(
            .rotateKey(id: first.key.id, grace: 60), organizationID: strict.id, at: now)
        else { throw SCIMError(status: 500, detail: "not rotated") }
        #expect(replaced == APIKeyReplacement(prefix: first.key.prefix, grace: 60))

        #expect(try await store.authenticate(secret: first.secret, at: now.addingTimeInterval(30)) != nil, "in its grace")
        #expect(try await store.authenticate(secret: first.secret, at: now.addingTimeInterval(61)) == nil, "after it")
        #expect(try await store.authenticate(secret: second.secret, at: now.addingTimeInterval(61))?.key.id == second.key.id)

        #expect(try await source.perform(.revokeKey(id: second.key.id), organizationID: strict.id, at: now) == .keyRevoked)
        #expect(try await store.authenticate(secret: second.secret, at: now.addingTimeInterval(1)) == nil)
        let foreign = try await refusal(.revokeKey(id: first.key.id), in: flagging)
        #expect(foreign.status == 404, "another organization's key is not found")

        let audit = try await store.auditLog(organizationID: strict.id, limit: 10).filter { $0.action != "organization.created" }
        #expect(audit.map(\.action) == ["key.revoked", "key.rotated", "key.created"])
        #expect(audit.contains { $0.action == "key.rotated" && $0.detail == "new key \(second.key.prefix), grace 1m" })
    }
}
