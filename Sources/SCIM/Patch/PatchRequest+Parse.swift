extension PatchRequest {
    /// Reads a PATCH body (RFC 7644 §3.5.2) as Okta and Entra send it.
    ///
    /// Lenient where real clients differ from the RFC: `schemas` may be missing (Okta's rename sends
    /// none, jelhub/scimgateway#112), `Operations` and `op` are read without regard to case (Entra
    /// sends `Replace`), and `remove` may carry a `value` (Entra's "remove these members").
    /// - Parameter maxOperations: the most operations accepted in one request.
    /// - Throws: 400 `invalidSyntax` for a malformed body or operation, 400 `invalidPath` for an
    ///   unreadable `path`, 400 `noTarget` for a `remove` without `path`, 400 `tooMany` above
    ///   `maxOperations`. Every `detail` names the operation by its index.
    public static func parse(_ body: JSONValue, maxOperations: Int = 1000) throws(SCIMError) -> PatchRequest {
        guard case .object(let object) = body else {
            throw .invalidSyntax(
                "A PATCH body must be a JSON object with an \"Operations\" array; got \(AttributeValue.preview(body))"
            )
        }
        if let schemas = object["schemas"] {
            let urns = schemas.arrayValue ?? [schemas]
            guard urns.contains(where: { $0.stringValue?.caseInsensitiveEquals(SCIMURN.patchOp) == true }) else {
                throw .invalidSyntax(
                    "A PATCH body's \"schemas\" must contain \"\(SCIMURN.patchOp)\"; got \(AttributeValue.preview(schemas))"
                )
            }
        }
        guard let operationsValue = object["Operations"] else {
            throw .invalidSyntax(
                "A PATCH body must have an \"Operations\" array of {\"op\", \"path\", \"value\"} objects"
            )
        }
        guard case .array(let operations) = operationsValue else {
            throw .invalidSyntax(
                "\"Operations\" must be an array of {\"op\", \"path\", \"value\"} objects; got \(AttributeValue.preview(operationsValue))"
            )
        }
        guard !operations.isEmpty else {
            throw .invalidValue("\"Operations\" is empty: a PATCH needs at least one operation")
        }
        guard operations.count <= maxOperations else {
            throw .tooMany(
                "The PATCH has \(operations.count) operations; at most \(maxOperations) are accepted in one request. Split it into several requests."
            )
        }
        var parsed: [PatchOperation] = []
        parsed.reserveCapacity(operations.count)
        for (index, operation) in operations.enumerated() {
            parsed.append(try parseOperation(operation, label: "Operations[\(index)]"))
        }
        return PatchRequest(operations: parsed)
    }

    private static func parseOperation(_ value: JSONValue, label: String) throws(SCIMError) -> PatchOperation {
        guard case .object(let object) = value else {
            throw .invalidSyntax(
                "\(label) must be an object such as {\"op\": \"replace\", \"path\": \"active\", \"value\": false}; got \(AttributeValue.preview(value))"
            )
        }
        guard let opValue = object["op"] else {
            throw .invalidSyntax("\(label) has no \"op\"; expected \"add\", \"remove\" or \"replace\"")
        }
        guard let opName = opValue.stringValue, let op = PatchOperation.Op(rawValue: opName.lowercased()) else {
            throw .invalidSyntax(
                "\(label).op must be \"add\", \"remove\" or \"replace\"; got \(AttributeValue.preview(opValue))"
            )
        }
        var path: PatchPath?
        switch object["path"] {
        case nil, .null?:
            break
        case .string(let text)?:
            if !text.isEmpty {
                do throws(SCIMError) {
                    path = try FilterParser.parsePath(text)
                } catch {
                    throw SCIMError(
                        status: error.status,
                        scimType: error.scimType,
                        detail: "\(label).path \(JSONValue.string(text).jsonString): \(error.detail)"
                    )
                }
            }
        case let other?:
            throw .invalidPath(
                "\(label).path must be a string such as \"name.givenName\"; got \(AttributeValue.preview(other))"
            )
        }
        let operationValue = object["value"]
        switch op {
        case .add, .replace:
            guard operationValue != nil else {
                throw .invalidSyntax(
                    "\(label) (\(op.rawValue)) has no \"value\"; \(op.rawValue) needs the value to write"
                )
            }
        case .remove:
            guard path != nil else {
                throw .noTarget(
                    "\(label) (remove) has no \"path\"; remove needs the attribute to remove, e.g. \"path\": \"title\""
                )
            }
        }
        return PatchOperation(op: op, path: path, value: operationValue)
    }
}
