import SCIM

/// 412 when a client's `If-Match` version is not the stored one (RFC 7644 §3.14), for every store.
public enum VersionCheck {
    public static func require(_ expected: Int?, of resource: SCIMResource, noun: String) throws(SCIMError) {
        guard let expected, expected != resource.meta.version else { return }
        throw SCIMError.preconditionFailed(
            "\(noun) \(resource.id) is at version \(resource.meta.version) (ETag \(resource.meta.etag)), but the request's "
                + "If-Match expects version \(expected): read it again and retry")
    }
}
