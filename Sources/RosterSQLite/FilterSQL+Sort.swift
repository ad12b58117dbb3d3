import GRDB
import SCIM

/// `sortBy` (RFC 7644 §3.4.2.3) as an `ORDER BY` key.
extension FilterSQL {
    struct SortKey {
        /// The value rows are ordered by (ties broken by creation order, `rowid`).
        var expression: SQLFragment
        var nullable: Bool
        /// A plain non-null column: the next page can seek with `(key, rowid) > (?, ?)` instead of OFFSET.
        var seekable: Bool

        /// Creation order: the default, stable across pages whatever `count` is (Okta requires it).
        static func creation(_ table: String) -> SortKey {
            SortKey(expression: SQLFragment("\(table).rowid"), nullable: false, seekable: true)
        }
    }

    /// The key for `sortBy=path`. Text sorts without regard to case unless the attribute is
    /// `caseExact`; a multi-valued attribute sorts by its primary (else first) value.
    /// - Throws: 400 `invalidValue` naming a path that is unknown or cannot be sorted by.
    func sortKey(_ path: AttributePath) throws(SCIMError) -> SortKey {
        do throws(SCIMError) {
            switch try target(path, in: .resource) {
            case .value(let operand):
                let folds = operand.definition.isText && !operand.definition.caseExact && !operand.folded
                let expression = folds ? SQLFragment.format("scim_fold(%@)", operand.expression) : operand.expression
                return SortKey(
                    expression: expression, nullable: operand.nullable, seekable: !operand.nullable && expression.arguments.isEmpty)
            case .element(.json(let jsonPath), let operand):
                return firstElement(jsonPath, operand, ofObjects: true)
            case .multiValued(.json(let jsonPath), let definition):
                let value = try valueDefinition(of: definition, path: path)
                return firstElement(
                    jsonPath, try elementOperand(.json(jsonPath), value, parent: definition), ofObjects: definition.type == .complex)
            case .element(.emails, let operand):
                let emails = CoreSchemas.user.attribute(named: "emails")!
                let jsonPath = Self.jsonKeyPath([emails.name])
                return firstElement(jsonPath, try elementOperand(.json(jsonPath), operand.definition, parent: emails), ofObjects: true)
            case .multiValued(.emails, let definition):
                let jsonPath = Self.jsonKeyPath([definition.name])
                let value = try valueDefinition(of: definition, path: path)
                return firstElement(jsonPath, try elementOperand(.json(jsonPath), value, parent: definition), ofObjects: true)
            case .element, .multiValued, .object:
                throw SCIMError.invalidValue("Results cannot be sorted by \(path): sort by a single-valued attribute such as userName or meta.lastModified")
            }
        } catch {
            throw error.scimType == .invalidFilter ? SCIMError.invalidValue("sortBy: \(error.detail)") : error
        }
    }

    /// The primary (else first) element's value of a JSON array; only objects can be primary.
    private func firstElement(_ jsonPath: String, _ operand: Operand, ofObjects: Bool) -> SortKey {
        let folds = operand.definition.isText && !operand.definition.caseExact
        let value = folds ? SQLFragment.format("scim_fold(%@)", operand.expression) : operand.expression
        let primaryFirst = !ofObjects
            ? "je.key" : "coalesce(json_extract(CASE je.type WHEN 'object' THEN je.value END, '$.\"primary\"'), 0) DESC, je.key"
        return SortKey(
            expression: .format(
                "(SELECT %@ FROM json_each(\(table).attributes, %@) AS je ORDER BY \(primaryFirst) LIMIT 1)", value, .value(jsonPath)),
            nullable: true, seekable: false)
    }
}

extension AttributeDefinition {
    /// Compared as text (with or without regard to case).
    var isText: Bool { type == .string || type == .reference || type == .binary }
}
