import SCIM
import Testing

@testable import RosterSimulator

/// The model's expectations: seat limit and phone rule outcomes, computed from what was pushed.
struct ExpectationTests {
    func model(
        seats: Int?, policy: PhonePolicyExpectation = .strict, active: Int = 0, inactive: Int = 0
    ) -> ServerModel {
        var model = ServerModel(rules: ProductRules(seatLimit: seats, phonePolicy: policy))
        model.adoptMembers(
            (0..<active).map { .init(id: "a\($0)", userName: "a\($0)@x", active: true) }
                + (0..<inactive).map { .init(id: "i\($0)", userName: "i\($0)@x", active: false) })
        return model
    }

    @Test func createsSucceedUntilTheSeatLimitThenRefuseWithTheCount() {
        #expect(
            model(seats: 3, active: 2, inactive: 5).expectCreate(phone: "+41 791234567", phoneFormat: .product).statuses
                == [201])
        let full = model(seats: 3, active: 3, inactive: 5).expectCreate(phone: "+41 791234567", phoneFormat: .product)
        #expect(full.statuses == [403])
        #expect(full.outcomes[0].detailPrefix?.hasPrefix("Seat limit reached (3 of 3 active members)") == true)
        #expect(full.outcomes[0].rule == "seat limit")
        #expect(model(seats: nil, active: 1000).expectCreate(phone: "", phoneFormat: .none).statuses == [201])
    }

    @Test func seatsFollowWhatWasPushed() {
        var model = model(seats: 2)
        model.recordMember(id: "u1", userName: "one@x", active: true)
        model.recordMember(id: "u2", userName: "two@x", active: true)
        #expect(model.expectCreate(phone: "", phoneFormat: .none).statuses == [403])
        model.setActive(id: "u1", false)
        #expect(
            model.expectCreate(phone: "", phoneFormat: .none).statuses == [201], "a deactivated member frees its seat")
        #expect(model.expectSetActive(id: "u1", active: true).statuses == [200, 204])
        model.recordMember(id: "u3", userName: "three@x", active: true)
        #expect(model.expectSetActive(id: "u1", active: true).statuses == [403], "reactivation needs a seat")
        #expect(model.expectSetActive(id: "u2", active: true).statuses == [200, 204], "already active: no seat needed")
        #expect(model.expectSetActive(id: "u2", active: false).statuses == [200, 204])
        #expect(model.expectReplace(id: "u1", active: true, phone: "", phoneFormat: .none).statuses == [403])
        #expect(model.expectReplace(id: "u2", active: true, phone: "", phoneFormat: .none).statuses == [200])
    }

    @Test func aRawPhoneIsRefusedUnderStrictAndStoredUnderFlag() {
        let strict = model(seats: nil).expectCreate(phone: "415.123.4567", phoneFormat: .raw)
        #expect(
            strict.outcomes == [
                .init(status: 400, scimType: "invalidValue", detailMentions: "415.123.4567", rule: "phone format")
            ])
        #expect(
            model(seats: nil, policy: .flag).expectCreate(phone: "415.123.4567", phoneFormat: .raw).statuses == [201])
        #expect(
            model(seats: nil).expectReplace(id: "a0", active: true, phone: "415.123.4567", phoneFormat: .raw).statuses
                == [400])
        #expect(
            model(seats: nil).expectCreate(phone: "", phoneFormat: .none).statuses == [201], "empty phones are fine")
    }

    @Test func aRawPhoneAtTheSeatLimitMayBeRefusedForEither() {
        let both = model(seats: 1, active: 1).expectCreate(phone: "415.123.4567", phoneFormat: .raw)
        #expect(Set(both.statuses) == [400, 403])
    }

    @Test func lookupsExpectWhatWasPushedIgnoringCase() {
        var model = model(seats: nil)
        #expect(model.expectLookup(userName: "Ann@x").totalResults == 0)
        model.recordMember(id: "u1", userName: "Ann@x", active: false)
        #expect(model.expectLookup(userName: "ann@X").totalResults == 1, "deactivated members are still found")
        #expect(
            ServerModel(rules: ProductRules()).expectLookup(userName: "a@x").totalResults == nil,
            "unknown before an import")
    }

    @Test func teamWritesExpect404AfterTheDelete() {
        var model = model(seats: nil)
        model.recordTeam(id: "g1", displayName: "Sales", memberIDs: ["u1"])
        #expect(model.expectTeamWrite(id: "g1", success: 200, 204).statuses == [200, 204])
        #expect(model.expectCreateTeam(displayName: "SALES").statuses == [409])
        model.deleteTeam(id: "g1")
        #expect(model.expectTeamWrite(id: "g1", success: 200).statuses == [404])
        #expect(model.expectCreateTeam(displayName: "Sales").statuses == [201])
    }

    @Test func refusalsMustBeSCIMErrorsWithTheRightTypeAndDetail() {
        let expectation = model(seats: nil).expectCreate(phone: "415.123.4567", phoneFormat: .raw)
        let good = error(400, scimType: "invalidValue", detail: "phoneNumbers.value \"415.123.4567\" is not valid")
        #expect(expectation.problems(with: good).isEmpty)
        #expect(expectation.problems(with: error(400, scimType: "invalidSyntax", detail: "415.123.4567")).count == 1)
        #expect(expectation.problems(with: error(400, scimType: "invalidValue", detail: "bad phone")).count == 1)
        #expect(expectation.problems(with: SimulatedResponse(status: 400, text: "Bad Request")).count >= 3)
        #expect(
            expectation.problems(with: SimulatedResponse(status: 201, json: ["id": "u1"]))
                == ["expected 400 (phone \"415.123.4567\" breaks the strict phone rule), got 201"])
    }

    private func error(_ status: Int, scimType: String, detail: String) -> SimulatedResponse {
        SimulatedResponse(
            status: status,
            json: [
                "schemas": [.string(SCIMURN.error)], "scimType": .string(scimType), "detail": .string(detail),
                "status": .string(String(status)),
            ])
    }
}
