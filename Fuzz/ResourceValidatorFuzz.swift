// libFuzzer target: the resource validator, on any JSON object as a member and as a team, with both phone policies.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResourceValidator(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let value = try? JSONParser.parse(UnsafeBufferPointer(start: data, count: size), maxDepth: 32),
        let object = value.objectValue
    else { return 0 }
    for kind in [ResourceKind.user, .group] {
        for strict in [true, false] {
            _ = try? ResourceValidator.validate(object, kind: kind, rejectNonconformingPhones: strict)
        }
    }
    _ = ResourceValidator.nonconformingPhones(object)
    return 0
}
