import Foundation
import SCIM
import Testing

/// Request bodies recorded from Okta's and Entra's documentation and test suites, under
/// `Fixtures/okta` and `Fixtures/entra` (see /work/shared/okta-requests.md).
enum FixtureBody {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "fixture Fixtures/\(name).json is not in the test bundle" }
    }

    /// Loads `Fixtures/<name>.json`, e.g. `load("okta/create-user")`.
    static func load(_ name: String) throws -> JSONValue {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2,
            let url = Bundle.module.url(
                forResource: parts[1],
                withExtension: "json",
                subdirectory: "Fixtures/\(parts[0])"
            )
        else { throw Missing(name: name) }
        return try JSONParser.parse(Array(try Data(contentsOf: url)))
    }
}

/// A stored resource with the given canonical attributes, as the store would hand it to PATCH.
func storedResource(
    _ kind: ResourceKind,
    id: String = "23a35c27-23d3-4c03-b4c5-6443c09e7173",
    _ attributes: JSONValue
) -> SCIMResource {
    let epoch = Date(timeIntervalSince1970: 1_780_000_000)
    return SCIMResource(
        kind: kind,
        id: id,
        attributes: attributes.objectValue ?? JSONObject(),
        meta: ResourceMeta(created: epoch, lastModified: epoch, version: 1)
    )
}

/// Expects `body` to throw a SCIMError with this status and scimType whose detail contains every
/// fragment; returns the error for further checks.
@discardableResult
func expectSCIMError(
    status: Int = 400,
    _ scimType: SCIMError.ErrorType?,
    detailContains fragments: String...,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) -> SCIMError? {
    let error = #expect(throws: SCIMError.self, sourceLocation: sourceLocation) { try body() }
    guard let error else { return nil }
    #expect(error.status == status, "\(error)", sourceLocation: sourceLocation)
    #expect(error.scimType == scimType, "\(error)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(
            error.detail.contains(fragment),
            "detail \(error.detail.debugDescription) lacks \(fragment.debugDescription)",
            sourceLocation: sourceLocation
        )
    }
    return error
}
