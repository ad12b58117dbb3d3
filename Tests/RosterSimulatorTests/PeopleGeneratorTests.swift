import SCIM
import Testing

@testable import RosterSimulator

struct PeopleGeneratorTests {
    @Test func sameSeedSamePeopleOtherSeedOthers() {
        let first = PeopleGenerator(seed: 7).people(60)
        #expect(first == PeopleGenerator(seed: 7).people(60))
        let other = PeopleGenerator(seed: 8).people(60)
        #expect(first.map(\.userName) != other.map(\.userName))
    }

    @Test func phonesFollowTheirFormat() {
        for seed in UInt64(1)...20 {
            let people = PeopleGenerator(seed: seed).people(50)
            for person in people {
                switch person.phoneFormat {
                case .product: #expect(PhoneNumberFormat.isValid(person.phone), "\(person.phone)")
                case .raw: #expect(!person.phone.isEmpty && !PhoneNumberFormat.isValid(person.phone), "\(person.phone)")
                case .none: #expect(person.phone.isEmpty)
                }
            }
            #expect(people.filter { $0.phoneFormat == .raw }.count == PeopleGenerator.rawPhoneCount(of: 50))
            #expect(people[0].phoneFormat == .product, "the first listed member has everything Okta's SPEC test reads")
        }
    }

    @Test func mostPhonesAreInTheProductFormatAndEveryDemoHasARawOne() {
        let people = PeopleGenerator(seed: 3).people(200)
        #expect(people.filter { $0.phoneFormat == .product }.count > 160)
        for count in 4...30 {
            #expect(PeopleGenerator(seed: 1).people(count).contains { $0.phoneFormat == .raw })
        }
    }

    @Test func anAdminFixedPhoneFollowsTheRule() {
        #expect(PhoneNumbers.productForm(of: "415.123.4567", country: "1") == "+1 4151234567")
        #expect(PhoneNumbers.productForm(of: "+41 79 123 45 67", country: "41") == "+41 791234567")
        #expect(PhoneNumbers.productForm(of: "0791234567", country: "41") == "+41 791234567")
        for person in PeopleGenerator(seed: 5).people(300) where person.phoneFormat == .raw {
            #expect(PhoneNumbers.productForm(of: person.phone, country: person.phoneCountry).isValidPhone)
        }
    }

    @Test func loginsAreUniqueASCIIAddressesMadeFromNames() {
        let people = PeopleGenerator(seed: 11).people(500)
        let keys = people.map { $0.userName.lowercased() }
        #expect(Set(keys).count == people.count)
        for person in people {
            let ascii = person.userName.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii, "\(person.userName)")
            #expect(person.userName.hasSuffix("@acme.example"))
            #expect(person.userName.split(separator: "@")[0].contains("."))
            #expect(person.externalId.hasPrefix("00u") && person.externalId.count == 20)
            #expect(!person.givenName.isEmpty && !person.familyName.isEmpty && !person.title.isEmpty)
        }
        #expect(people.contains { $0.userName.first?.isUppercase == true }, "some logins keep capitals")
    }

    @Test func namesAreVaried() {
        let people = PeopleGenerator(seed: 2).people(300)
        let names = people.map(\.displayName)
        #expect(names.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }, "CJK")
        #expect(names.contains { $0.unicodeScalars.contains { (0xAC00...0xD7AF).contains($0.value) } }, "Hangul")
        #expect(names.contains { $0.contains("ü") || $0.contains("é") || $0.contains("ø") }, "accents")
        #expect(names.contains { $0.count >= 35 }, "long names")
        #expect(names.contains { $0.contains("'") || $0.contains("ʻ") }, "apostrophes")
        #expect(Set(people.map(\.department)).count == Workplace.departments.count)
        #expect(people.contains { $0.middleName != nil })
    }
}

extension String {
    fileprivate var isValidPhone: Bool { PhoneNumberFormat.isValid(self) }
}
