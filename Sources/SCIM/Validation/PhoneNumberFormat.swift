/// The product's phone number rule: `<country_prefix> <telephone_number>`, e.g. `+41 791234567`.
///
/// A country prefix is `+` and one to three digits (ITU E.164 country codes) without a leading
/// zero; the number is 4 to 14 digits; one space between them. Empty values are always allowed
/// (Okta sends `""` to clear a phone), so callers skip empty strings before asking.
public enum PhoneNumberFormat {
    public static let example = "+41 791234567"
    public static let expected = "'<country_prefix> <telephone_number>', for example '+41 791234567'"

    public static func isValid(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")), bytes.first == UInt8(ascii: "+") else { return false }
        let prefix = bytes[1..<space]
        let number = bytes[(space + 1)...]
        func digits(_ s: ArraySlice<UInt8>) -> Bool { s.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return (1...3).contains(prefix.count) && digits(prefix) && prefix.first != UInt8(ascii: "0")
            && (4...14).contains(number.count) && digits(number)
    }
}
