import Foundation
import SCIM

/// Request-log entries packed for writing: the text of every entry in one byte buffer, its
/// numbers in another.
///
/// Why: a busy server records every request and writes them every flush interval (250 ms by
/// default). Held as ``RequestLogEntry`` values until then, each entry is a dozen separately
/// allocated strings, released later on the store's writer thread, where freeing memory another
/// thread allocated is slow; with the request log on, allocation and reference counting were the largest part of what
/// logging added to a `GET` (profiled at 1M members). Packed, a batch is a few allocations however
/// many entries it holds, and each entry's strings die on the thread that made them.
public struct RequestLogBatch: Sendable {
    /// The text fields of an entry, in the order a store's columns usually list them.
    public enum Field: Int, CaseIterable, Sendable {
        /// ``SCIMDateTime`` text of ``RequestLogEntry/time``, which sorts in time order.
        case time
        case organizationID, method, path, query, clientAddress, userAgent, keyPrefix
        /// ``RequestLogEntry/requestHeaders`` as a JSON object, names in order.
        case requestHeaders
        case requestBody, responseBody, summary, resourceID, scimType
    }

    private var bytes: [UInt8] = []
    /// Per entry and field: where its text ends in `bytes`, negated minus one for a nil.
    private var ends: [Int] = []
    /// Per entry: status, then latency in microseconds.
    private var numbers: [Int] = []

    public init() {}

    public init(_ entries: some Sequence<RequestLogEntry>) {
        for entry in entries { append(entry) }
    }

    public var count: Int { numbers.count / 2 }
    public var isEmpty: Bool { numbers.isEmpty }

    public mutating func append(_ entry: RequestLogEntry) {
        if bytes.isEmpty { bytes.reserveCapacity(16 << 10) }
        add(SCIMDateTime.format(entry.time))
        add(entry.organizationID)
        add(entry.method)
        add(entry.path)
        add(entry.query)
        add(entry.clientAddress)
        add(entry.userAgent)
        add(entry.keyPrefix)
        Self.writeHeadersJSON(entry.requestHeaders, into: &bytes)
        ends.append(bytes.count)
        add(entry.requestBody)
        add(entry.responseBody)
        add(entry.summary)
        add(entry.resourceID)
        add(entry.scimType)
        numbers.append(entry.status)
        numbers.append(entry.latencyMicros)
    }

    public func status(at index: Int) -> Int { numbers[2 * index] }
    public func latencyMicros(at index: Int) -> Int { numbers[2 * index + 1] }

    /// Calls `body` with the UTF-8 bytes of one field of the entry at `index`, or nil for a nil value.
    public func withText<Result>(
        _ field: Field, at index: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> Result
    ) rethrows -> Result {
        try withTexts { try body($0.text(field, at: index)) }
    }

    /// Calls `body` with every entry's text, whose bytes stay where they are for the whole call:
    /// a store can hand them to its database without copying them first (each copy was an
    /// allocation per field and entry). Nothing of `Texts` may be kept past the call.
    public func withTexts<Result>(_ body: (Texts) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { try body(Texts(bytes: $0, ends: ends)) }
    }

    /// The text of a batch's entries, valid inside ``withTexts(_:)``.
    public struct Texts {
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let ends: [Int]

        /// The UTF-8 bytes of one field of the entry at `index`, or nil for a nil value.
        public func text(_ field: Field, at index: Int) -> UnsafeBufferPointer<UInt8>? {
            let slot = index * Field.allCases.count + field.rawValue
            let end = ends[slot]
            guard end >= 0 else { return nil }
            let start = slot == 0 ? 0 : RequestLogBatch.position(after: ends[slot - 1])
            return UnsafeBufferPointer(rebasing: bytes[start..<end])
        }
    }

    /// The entries again (without store ids), for stores that take them one by one.
    public var entries: [RequestLogEntry] {
        (0..<count).map { index in
            func text(_ field: Field) -> String? {
                withText(field, at: index) { $0.map { String(decoding: $0, as: UTF8.self) } }
            }
            return RequestLogEntry(
                time: SCIMDateTime.parse(text(.time) ?? "") ?? Date(timeIntervalSince1970: 0),
                organizationID: text(.organizationID), method: text(.method) ?? "", path: text(.path) ?? "",
                query: text(.query) ?? "", status: status(at: index), latencyMicros: latencyMicros(at: index),
                clientAddress: text(.clientAddress) ?? "", userAgent: text(.userAgent) ?? "", keyPrefix: text(.keyPrefix),
                requestHeaders: Self.headers(fromJSON: text(.requestHeaders) ?? "{}"), requestBody: text(.requestBody) ?? "",
                responseBody: text(.responseBody) ?? "", summary: text(.summary) ?? "", resourceID: text(.resourceID),
                scimType: text(.scimType))
        }
    }

    private mutating func add(_ text: String?) {
        guard let text else {
            ends.append(-(Self.position(after: ends.last ?? 0)) - 1)
            return
        }
        bytes.append(contentsOf: text.utf8)
        ends.append(bytes.count)
    }

    /// Where the field after one whose stored end is `end` starts.
    fileprivate static func position(after end: Int) -> Int { end >= 0 ? end : -(end + 1) }

    /// Writes `headers` as a JSON object with its names in order (directly: through a
    /// ``JSONObject`` tree it was a sixth of each entry's insert).
    public static func writeHeadersJSON(_ headers: [String: String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (offset, name) in headers.keys.sorted().enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.writeString(headers[name]!, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The headers of ``writeHeadersJSON(_:into:)``'s text; empty for anything else.
    public static func headers(fromJSON json: String) -> [String: String] {
        guard let object = (try? JSONParser.parse(json))?.objectValue else { return [:] }
        var headers: [String: String] = [:]
        for member in object { headers[member.key] = member.value.stringValue ?? "" }
        return headers
    }
}

extension Store {
    /// A store without a packed path writes the entries one by one.
    public func appendRequestLog(_ batch: RequestLogBatch) async throws {
        try await appendRequestLog(batch.entries)
    }
}
