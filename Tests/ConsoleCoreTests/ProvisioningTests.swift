import ConsoleCore
import Foundation
import SCIM
import Testing

/// Who the console says manages a member or team, and the words it uses.
struct ProvisioningTests {
    func member(externalId: String?, createdVia: ResourceOrigin?) -> SCIMResource {
        var member = Fixture.member(1, userName: "jane@example.com", externalId: externalId)
        member.createdVia = createdVia
        return member
    }

    @Test func oktasIDFormatNamesOkta() {
        #expect(member(externalId: "00u1a2b3c4d5e6f7g8h9", createdVia: .scim).provisioning == .okta)
        #expect(member(externalId: "00g1ENG", createdVia: nil).provisioning == .okta)
    }

    @Test func aGUIDNamesEntra() {
        // Entra ID's object id, in either case.
        #expect(member(externalId: "8c2d7e4a-31f0-4b5e-9d2c-6a1f0e3b7c55", createdVia: .scim).provisioning == .entra)
        #expect(member(externalId: "8C2D7E4A-31F0-4B5E-9D2C-6A1F0E3B7C55", createdVia: nil).provisioning == .entra)
        let entra = Provisioning.entra
        #expect(entra.badge == "entra" && entra.managedBy == "managed by Entra ID" && entra.whose == "Entra ID's")
    }

    @Test func anyOtherExternalIdOrASCIMCreateNamesASCIMClient() {
        // Entra's default user mapping sends the mail nickname; almost a GUID is no GUID.
        #expect(member(externalId: "jyoung", createdVia: .scim).provisioning == .scimClient)
        #expect(member(externalId: "8c2d7e4a-31f0-4b5e-9d2c-6a1f0e3b7c5g", createdVia: .scim).provisioning == .scimClient)
        // Okta's Push Groups and curl alike: created over SCIM, no externalId.
        #expect(member(externalId: nil, createdVia: .scim).provisioning == .scimClient)
        #expect(member(externalId: "", createdVia: .scim).provisioning == .scimClient)
    }

    @Test func whatAnOperatorCreatedIsNotManaged() {
        #expect(member(externalId: nil, createdVia: .console).provisioning == nil)
        #expect(member(externalId: nil, createdVia: nil).provisioning == nil)
    }

    @Test func theWordsSayOnlyWhatTheDataShows() {
        let okta = member(externalId: "00uABC", createdVia: .scim)
        let scim = member(externalId: nil, createdVia: .scim)
        #expect(okta.provisioning?.badge == "okta" && scim.provisioning?.badge == "scim")
        #expect(Provisioning.evidence(okta) == "externalId 00uABC")
        #expect(Provisioning.evidence(scim) == "created over SCIM")
        #expect(Provisioning.okta.managedBy == "managed by Okta")
        #expect(Provisioning.scimClient.managedBy == "managed by a SCIM client")
    }

    @Test func changingAMemberASCIMClientCreatedAsksFirst() {
        var state = Fixture.state()
        var scimCreated = Fixture.member(9, userName: "curl@example.com")
        scimCreated.createdVia = .scim
        state.answer(state.send(.started), members: [scimCreated])
        let row = state.screen().split(separator: "\n").first { $0.contains("curl@example.com") } ?? ""
        #expect(row.contains(" scim "), "the MANAGED badge: \(row)")
        #expect(state.type("x").isEmpty, "no write before the answer")
        guard case .confirm(let question)? = state.topModal else {
            Issue.record("no warning: \(String(describing: state.topModal))")
            return
        }
        #expect(question.lines.first == "A SCIM client manages curl@example.com (created over SCIM): its next push may "
                + "overwrite this change.")
    }
}
