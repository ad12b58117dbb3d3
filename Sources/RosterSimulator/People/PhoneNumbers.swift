/// Phone numbers in the product's form (`+41 791234567`) and in the forms people type into Okta.
public enum PhoneNumbers {
    /// A mobile number: `+<country> <prefix><digits>` for ``PhoneFormat/product``, a typed variant
    /// for ``PhoneFormat/raw``, empty for ``PhoneFormat/none``.
    static func make(
        _ format: PhoneFormat, country: String, prefix: String, digits: Int, random: inout SeededGenerator
    ) -> String {
        let national = prefix + random.digits(digits)
        switch format {
        case .none: return ""
        case .product: return "+\(country) \(national)"
        case .raw: return raw(country: country, national: national, random: &random)
        }
    }

    /// Ways people type numbers into Okta that the product rule refuses: the dotted US form of
    /// Okta's own CRUD test (`415.123.4567`), parentheses, spaces inside the number, a national
    /// trunk zero without the country, dashes.
    static func raw(country: String, national: String, random: inout SeededGenerator) -> String {
        let digits = Array(national)
        func group(_ range: Range<Int>) -> String {
            String(digits[min(range.lowerBound, digits.count)..<min(range.upperBound, digits.count)])
        }
        switch random.below(5) {
        case 0: return "\(group(0..<3)).\(group(3..<6)).\(group(6..<digits.count))"
        case 1: return "(\(group(0..<3))) \(group(3..<6))-\(group(6..<digits.count))"
        case 2: return "+\(country) \(group(0..<2)) \(group(2..<5)) \(group(5..<7)) \(group(7..<digits.count))"
        case 3: return "0\(national)"
        default: return "+\(country)-\(group(0..<3))-\(group(3..<digits.count))"
        }
    }

    /// What an admin types when fixing `phone`: `+<country> <national digits>`, without a typed
    /// country prefix or trunk zero, 4 to 14 digits.
    public static func productForm(of phone: String, country: String) -> String {
        var digits = String(phone.filter { $0.isASCII && $0.isNumber })
        if phone.hasPrefix("+"), digits.hasPrefix(country) { digits.removeFirst(country.count) }
        while digits.hasPrefix("0") { digits.removeFirst() }
        while digits.count < 4 { digits += "0" }
        return "+\(country) \(digits.prefix(14))"
    }
}
