import Testing

/// What `extract` finds in `value` (the payload of an enum case), or a failed test: `#require` for
/// pattern matches, so a test whose setup went wrong fails instead of returning early and passing.
func requireCase<Value, Payload>(
    _ value: Value?, sourceLocation: SourceLocation = #_sourceLocation, _ extract: (Value) -> Payload?
) throws -> Payload {
    let payload = value.flatMap(extract)
    return try #require(payload, "not the expected case: \(String(describing: value))", sourceLocation: sourceLocation)
}
