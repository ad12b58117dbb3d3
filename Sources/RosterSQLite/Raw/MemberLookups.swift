import SCIM
import Synchronization

/// `GET /Users/{id}`'s read: one member's stored form and its teams, in one read transaction,
/// on ``RawConnection``s lent one caller at a time and run on the calling thread.
///
/// Why not GRDB here: this is the request clients send most (Okta looks a member up before
/// every write), and profiled at 1,000,000 members GRDB's share of it — the cached-statement
/// lookup by SQL text, boxed arguments, a `Row` that lowercases column names, the connection's
/// dispatch queue — was larger than SQLite's own (~4.7 µs against ~4.9 µs per lookup). Every
/// other read keeps GRDB. Blocking the calling thread is bounded the same way as for
/// ``InlineReaders``: in WAL mode a reader never waits for a writer.
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
        // A new connection when every one is lent: as many exist as lookups ever ran at once,
        // which the cooperative thread pool bounds.
        let lookup = try idle.withLock { $0.popLast() } ?? Lookup(path: path, cacheKibibytes: cacheKibibytes)
        defer { idle.withLock { $0.append(lookup) } }
        return try lookup.storedMember(organizationID: organizationID, id: id)
    }

    /// The member `?` of the organization with public id `?`: rowid, id, stored text, times,
    /// version, userName.
    static let memberSQL = """
        SELECT m.rowid, m.id, m.attributes, m.createdAt, m.lastModified, m.version, m.userName
        FROM member AS m JOIN organization AS o ON o.rowid = m.organizationRowid WHERE m.id = ? AND o.id = ?
        """
}

/// One connection and the statements of the lookup.
private final class Lookup: @unchecked Sendable {
    private let connection: RawConnection
    private let member: RawStatement
    private let groups: RawStatement

    init(path: String, cacheKibibytes: Int) throws {
        connection = try RawConnection(path: path, busyMilliseconds: 5000, cacheKibibytes: cacheKibibytes)
        member = try connection.prepare(MemberLookups.memberSQL)
        groups = try connection.prepare(SQLiteStore.groupsOfMemberSQL)
    }

    /// Both statements in one read transaction, so the teams belong to the member version read:
    /// SQLite's implicit transaction lasts while a statement is active, and the member statement
    /// stays active (its row read, not yet reset) until the teams are read. Cheaper than an
    /// explicit `BEGIN`…`COMMIT`, which are two more statements to run per lookup.
    func storedMember(organizationID: String, id: String) throws -> StoredMember? {
        defer {
            groups.reset()
            member.reset()
        }
        member.bind(id, at: 1)
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
