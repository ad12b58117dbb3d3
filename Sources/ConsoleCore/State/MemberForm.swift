import Foundation
import SCIM

/// Creating or editing a member as a sequence of one-line prompts (one per field), turned into canonical SCIM
/// attributes at the end. Editing starts from the member's attributes and changes only these fields, so
/// everything else Okta pushed (enterprise attributes, addresses, other emails) is kept.
public struct MemberForm: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case create
        case edit(SCIMResource)
    }

    public enum Field: String, CaseIterable, Hashable, Sendable {
        case userName, givenName, familyName, displayName, email, phone, title

        /// The prompt's label.
        public var label: String {
            switch self {
            case .userName: return "userName (login)"
            case .givenName: return "Given name"
            case .familyName: return "Family name"
            case .displayName: return "Display name"
            case .email: return "Email"
            case .phone: return "Phone (\(PhoneNumberFormat.example))"
            case .title: return "Title"
            }
        }
    }

    public let mode: Mode
    public let fields: [Field]
    public internal(set) var values: [Field: String]
    /// Index into `fields` of the field being asked.
    public internal(set) var step: Int

    /// A new member: login, names, one email, one phone.
    public static func create() -> MemberForm {
        MemberForm(mode: .create, fields: [.userName, .givenName, .familyName, .email, .phone], values: [:], step: 0)
    }

    /// An edit of `member`, every field prefilled with its current value.
    public static func edit(_ member: SCIMResource) -> MemberForm {
        let attributes = member.attributes
        let name = attributes["name"]?.objectValue
        let values: [Field: String] = [
            .userName: member.userName ?? "",
            .givenName: name?["givenName"]?.stringValue ?? "",
            .familyName: name?["familyName"]?.stringValue ?? "",
            .displayName: member.displayName ?? "",
            .email: primaryValue(attributes["emails"]) ?? "",
            .phone: primaryValue(attributes["phoneNumbers"]) ?? "",
            .title: attributes["title"]?.stringValue ?? "",
        ]
        return MemberForm(mode: .edit(member), fields: Field.allCases, values: values, step: 0)
    }

    public var field: Field { fields[step] }
    public var isLastStep: Bool { step == fields.count - 1 }

    /// `New member (2/5)` or `Edit jane@example.com (2/7)`.
    public var title: String {
        switch mode {
        case .create: return "New member (\(step + 1)/\(fields.count))"
        case .edit(let member): return "Edit \(member.userName ?? member.id) (\(step + 1)/\(fields.count))"
        }
    }

    /// The canonical attributes the form describes.
    public func attributes() -> JSONObject {
        var attributes: JSONObject
        switch mode {
        case .create:
            attributes = JSONObject()
        case .edit(let member):
            attributes = member.attributes
        }
        func value(_ field: Field) -> String? {
            guard fields.contains(field) else { return nil }
            return (values[field] ?? "").trimmingCharacters(in: .whitespaces)
        }
        if let userName = value(.userName) { attributes["userName"] = .string(userName) }
        var name = attributes["name"]?.objectValue ?? JSONObject()
        for field in [Field.givenName, .familyName] {
            guard let text = value(field) else { continue }
            name[field.rawValue] = text.isEmpty ? nil : .string(text)
        }
        let formatted = [name["givenName"]?.stringValue, name["familyName"]?.stringValue].compactMap { $0 }
            .joined(separator: " ")
        name["formatted"] = formatted.isEmpty ? nil : .string(formatted)
        attributes["name"] = name.isEmpty ? nil : .object(name)
        if let displayName = value(.displayName) {
            attributes["displayName"] = displayName.isEmpty ? nil : .string(displayName)
        } else if case .create = mode, !formatted.isEmpty {
            attributes["displayName"] = .string(formatted)
        }
        if let email = value(.email) {
            attributes["emails"] = Self.settingPrimary(email, in: attributes["emails"], type: "work")
        }
        if let phone = value(.phone) {
            attributes["phoneNumbers"] = Self.settingPrimary(phone, in: attributes["phoneNumbers"], type: "work")
        }
        if let title = value(.title) { attributes["title"] = title.isEmpty ? nil : .string(title) }
        if case .create = mode { attributes["active"] = true }
        return attributes
    }

    /// The `value` of the primary (else the first) entry of a multi-valued attribute.
    static func primaryValue(_ values: JSONValue?) -> String? {
        guard let entries = values?.arrayValue?.compactMap(\.objectValue), !entries.isEmpty else { return nil }
        let primary = entries.first { $0["primary"]?.boolValue == true } ?? entries[0]
        return primary["value"]?.stringValue
    }

    /// `values` with the primary (else first) entry's value replaced by `text`, removed when `text` is empty, or a
    /// new primary entry of `type` when there was none; nil when nothing is left.
    static func settingPrimary(_ text: String, in values: JSONValue?, type: String) -> JSONValue? {
        var entries = values?.arrayValue ?? []
        let index = entries.firstIndex { $0.objectValue?["primary"]?.boolValue == true }
            ?? (entries.isEmpty ? nil : 0)
        if let index, var entry = entries[index].objectValue {
            if text.isEmpty {
                entries.remove(at: index)
            } else {
                entry["value"] = .string(text)
                entries[index] = .object(entry)
            }
        } else if !text.isEmpty {
            entries.append(["value": .string(text), "type": .string(type), "primary": true])
        }
        return entries.isEmpty ? nil : .array(entries)
    }
}
