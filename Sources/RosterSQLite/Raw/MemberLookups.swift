import SCIM
import Synchronization

/// The reads of one member that clients send most — `GET /Users/{id}` and the `userName eq "…"`
/// look-up Okta makes before every create — as the member's stored form and its teams, in one
/// read transaction, on ``RawConnection``s lent one caller at a time and run on the calling
/// thread.
///
/// Why not GRDB here: profiled at 1,000,000 members, GRDB's share of a lookup by id — the
/// cached-statement lookup by SQL text, boxed arguments, a `Row` that lowercases column names,
/// the connection's dispatch queue — was larger than SQLite's own (~4.7 µs against ~4.9 µs); a
/// `userName eq` page through the general list path also built its SQL, a cursor-cache key and
/// a count for what is one probe of a unique index. Every other read keeps GRDB. Blocking the
/// calling thread is bounded the same way as for ``InlineReaders``: in WAL mode a reader never
/// waits for a writer.
final class MemberLookups: Sendable {
    private let path: String
    private let cacheKibibytes: Int
    private let idle = Mutex<[Lookup]>([])

    init(path: String, cacheKibibytes: Int) {
        self.path = path
        self.cacheKibibytes = cacheKibibytes
    }

    /// The organization's member `id` as stored, with its teams; nil when it has no such member.
    func storedMember(organizationID: String, id: String) throws -> StoredMember? {
        try withLookup { try $0.storedMember(.id, organizationID: organizationID, key: id) }
    }

    /// The organization's member whose `userName` folds to `userNameKey` (``CaseFolding/key(_:)``),
    /// as stored, with its teams; nil when it has none. At most one: the key is unique.
    func storedMember(organizationID: String, userNameKey: String) throws -> StoredMember? {
        try withLookup { try $0.storedMember(.userNameKey, organizationID: organizationID, key: userNameKey) }
    }

    private func withLookup<T>(_ body: (Lookup) throws -> T) throws -> T {
        // A new connection when every one is lent: as many exist as lookups ever ran at once,
        // which the cooperative thread pool bounds.
        let lookup = try idle.withLock { $0.popLast() } ?? Lookup(path: path, cacheKibibytes: cacheKibibytes)
        defer { idle.withLock { $0.append(lookup) } }
        return try body(lookup)
    }

    /// The column a lookup matches, each backed by a unique index.
    enum Key: CaseIterable {
        case id, userNameKey

        /// The organization's member whose column equals `?`, the organization by its public id
        /// `?`: rowid, id, stored text, times, version, userName.
        var sql: String {
            let match = self == .id ? "m.id = ?1" : "m.organizationRowid = o.rowid AND m.userNameKey = ?1"
            return """
                SELECT m.rowid, m.id, m.attributes, m.createdAt, m.lastModified, m.version, m.userName
                FROM member AS m JOIN organization AS o ON o.rowid = m.organizationRowid WHERE \(match) AND o.id = ?2
                """
        }
    }
}

/// One connection and the statements of the lookups.
private final class Lookup: @unchecked Sendable {
    private let connection: RawConnection
    private let byID: RawStatement
    private let byUserNameKey: RawStatement
    private let groups: RawStatement

    init(path: String, cacheKibibytes: Int) throws {
        connection = try RawConnection(path: path, busyMilliseconds: 5000, cacheKibibytes: cacheKibibytes)
        byID = try connection.prepare(MemberLookups.Key.id.sql)
        byUserNameKey = try connection.prepare(MemberLookups.Key.userNameKey.sql)
        groups = try connection.prepare(SQLiteStore.groupsOfMemberSQL)
    }

    /// Both statements in one read transaction, so the teams belong to the member version read:
    /// SQLite's implicit transaction lasts while a statement is active, and the member statement
    /// stays active (its row read, not yet reset) until the teams are read. Cheaper than an
    /// explicit `BEGIN`…`COMMIT`, which are two more statements to run per lookup.
    func storedMember(_ key: MemberLookups.Key, organizationID: String, key value: String) throws -> StoredMember? {
        let member = key == .id ? byID : byUserNameKey
        defer {
            groups.reset()
            member.reset()
        }
        member.bind(value, at: 1)
        member.bind(organizationID, at: 2)
        guard try member.step() else { return nil }
        groups.bind(member.int64(0), at: 1)
        var refs: [GroupRef] = []
        while try groups.step() {
            refs.append(GroupRef(value: groups.text(0), display: groups.isNull(1) ? nil : groups.text(1)))
        }
        let attributesJSON = member.text(2)
        return StoredMember(
            id: member.text(1), attributesJSON: attributesJSON,
            hasEnterpriseExtension: StoredMember.topLevelValue(CoreSchemas.enterpriseUser.id, in: attributesJSON) != nil,
            created: member.text(3), lastModified: member.text(4), version: Int(member.int64(5)),
            userName: member.text(6), groups: refs)
    }
}
