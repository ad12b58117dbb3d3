// libFuzzer target: the filter parser (and the evaluator on what it accepts) must never crash or hang, whatever the
// text. Built by scripts/fuzz.sh together with Sources/SCIM, so it sees the module's internals.
private let member = try! JSONParser.parse(#"""
    {"userName": "bjensen@example.com", "active": true, "name": {"givenName": "Barbara"},
     "emails": [{"value": "bjensen@example.com", "type": "work"}]}
    """#).objectValue!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilterParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let filter = try? FilterParser.parse(text) {
        _ = FilterEvaluator.matches(filter, member, kind: .user)
        _ = FilterEvaluator.matches(filter, member, kind: .group)
    }
    _ = try? FilterParser.parsePath(text)
    return 0
}
