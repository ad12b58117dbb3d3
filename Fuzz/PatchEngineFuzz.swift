// libFuzzer target: a PATCH body is parsed, applied to a member and to a team, and the result validated; none of it
// may crash or hang, whatever the body.
import Foundation

private let meta = ResourceMeta(created: Date(timeIntervalSince1970: 0), lastModified: Date(timeIntervalSince1970: 0), version: 1)
private let member = SCIMResource(
    kind: .user, id: "2819c223",
    attributes: try! JSONParser.parse(#"""
        {"userName": "bjensen@example.com", "active": true, "name": {"givenName": "Barbara", "familyName": "Jensen"},
         "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}],
         "phoneNumbers": [{"value": "+1 5551234567", "type": "work"}]}
        """#).objectValue!,
    meta: meta)
private let team = SCIMResource(
    kind: .group, id: "e9e30dba", attributes: try! JSONParser.parse(#"{"displayName": "Sales"}"#).objectValue!, meta: meta,
    members: [MemberRef(value: "2819c223", display: "Barbara")])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPatchEngine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let body = try? JSONParser.parse(UnsafeBufferPointer(start: data, count: size), maxDepth: 32),
        let request = try? PatchRequest.parse(body)
    else { return 0 }
    for resource in [member, team] {
        if let result = try? PatchEngine.apply(request, to: resource) {
            _ = try? ResourceValidator.validate(result.attributes, kind: resource.kind, rejectNonconformingPhones: true)
        }
    }
    return 0
}
