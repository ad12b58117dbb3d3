/// Generates a realistic, deterministic directory of people from a seed.
///
/// Names come from many cultures (accents, CJK, Greek, apostrophes, very long names); departments
/// and titles from ``Workplace``; phone numbers mostly in the product's `+CC NNNNNNN` form, a few as
/// Okta users really type them (`415.123.4567`) so that the phone rule is exercised, and a few
/// empty. Logins are `given.family@acme.example`, unique, some with capitals.
public struct PeopleGenerator: Sendable {
    public var seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// How many of `count` people get a phone that breaks the product rule: about one in twelve,
    /// at least one from four people up, so every demo shows the phone refusal.
    public static func rawPhoneCount(of count: Int) -> Int {
        count < 4 ? 0 : max(1, count / 12)
    }

    /// `count` people; the same seed and count always give the same people.
    public func people(_ count: Int) -> [Person] {
        var random = SeededGenerator(seed: seed ^ 0x5EED_0F_9E09_1E00)
        var formats = random.split()
        let rawPhones = Set(formats.sample(Self.rawPhoneCount(of: count), of: max(count - 1, 0)).map { $0 + 1 })
        var usedLocals: Set<String> = []
        var people: [Person] = []
        people.reserveCapacity(count)
        for index in 0..<count {
            var draw = random.split()
            let format: PhoneFormat =
                rawPhones.contains(index) ? .raw : (index > 0 && draw.chance(5) ? PhoneFormat.none : .product)
            people.append(person(index, format: format, random: &draw, usedLocals: &usedLocals))
        }
        return people
    }

    private func person(
        _ index: Int, format: PhoneFormat, random: inout SeededGenerator, usedLocals: inout Set<String>
    ) -> Person {
        let culture = random.pick(NameCulture.all)
        let given = random.pick(culture.given)
        let family = random.pick(culture.family)
        let middle = !culture.familyFirst && random.chance(12) ? random.pick(Workplace.middleNames) : nil
        let displayName =
            culture.familyFirst
            ? family.text + culture.separator + given.text
            : [given.text, middle, family.text].compactMap { $0 }.joined(separator: " ")
        let department = Self.department(&random)
        let line = random.pick(culture.phones)
        let phone = PhoneNumbers.make(
            format, country: line.country, prefix: line.prefix, digits: line.digits, random: &random)
        return Person(
            index: index,
            externalId: "00u" + random.string(17, from: Self.base62),
            givenName: given.text, familyName: family.text, middleName: middle, displayName: displayName,
            userName: Self.login(given: given, family: family, random: &random, used: &usedLocals),
            title: random.pick(Workplace.titles(of: department)), department: department,
            employeeNumber: "E\(10_001 + index)", locale: culture.locale, phone: phone, phoneFormat: format,
            phoneCountry: line.country)
    }

    static let base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

    static func department(_ random: inout SeededGenerator) -> String {
        var roll = random.below(Workplace.weights.reduce(0, +))
        for (department, weight) in zip(Workplace.departments, Workplace.weights) {
            if roll < weight { return department.name }
            roll -= weight
        }
        return Workplace.departments[0].name
    }

    /// `given.family@acme.example`, numbered when taken; about one login in ten keeps capitals
    /// (`Sean.Obrien@…`), which a correct server stores as sent and matches without regard to case.
    static func login(
        given: NamePart, family: NamePart, random: inout SeededGenerator, used: inout Set<String>
    ) -> String {
        let base = "\(given.ascii).\(family.ascii)"
        var local = base
        var number = 2
        while used.contains(local) {
            local = "\(base)\(number)"
            number += 1
        }
        used.insert(local)
        if random.chance(10) {
            local = local.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(
                separator: ".")
        }
        return "\(local)@\(Workplace.emailDomain)"
    }
}
