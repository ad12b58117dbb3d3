// libFuzzer target: the JSON parser must never crash, hang or recurse past its depth limit on any bytes, and what it
// accepts must print and parse back to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let value = try? JSONParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    let again = try? JSONParser.parse(value.jsonString)
    precondition(again == value, "JSON did not survive printing and parsing again")
    return 0
}
