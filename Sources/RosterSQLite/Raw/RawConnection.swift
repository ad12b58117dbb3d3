import GRDB
import GRDBSQLite

/// A read-only SQLite connection driven through the C API, with its statements prepared once:
/// for the few lookups hot enough that GRDB's per-statement work costs more than SQLite's (see
/// ``MemberLookups``).
///
/// Not thread-safe: one thread uses it at a time, which ``MemberLookups`` guarantees by lending
/// each connection to one caller. Errors are GRDB's `DatabaseError`, so they reach clients the
/// way every other store error does.
final class RawConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private var statements: [OpaquePointer] = []

    /// Opens `path` read-only, waiting up to `busyMilliseconds` for a lock as the other
    /// connections do, with a page cache of `cacheKibibytes`.
    init(path: String, busyMilliseconds: Int32, cacheKibibytes: Int) throws {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyMilliseconds)
        try prepare("PRAGMA cache_size = -\(cacheKibibytes)").step()
    }

    deinit {
        for statement in statements { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// A statement kept for the connection's life (SQLite re-prepares it itself after a schema
    /// change).
    func prepare(_ sql: String) throws -> RawStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, sql: sql) }
        statements.append(statement)
        return RawStatement(pointer: statement, connection: self)
    }

    func error(_ code: Int32, sql: String?) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// One prepared statement of a ``RawConnection``: bind, step through rows, read columns.
struct RawStatement {
    let pointer: OpaquePointer
    unowned let connection: RawConnection

    /// Binds UTF-8 text to parameter `index` (from 1); SQLite copies it.
    func bind(_ text: String, at index: Int32) {
        var text = text
        text.withUTF8 { bindText($0, to: pointer, at: index) }
    }

    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(pointer, index, value)
    }

    /// Steps once: true with a row to read, false when done.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(pointer) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw connection.error(code, sql: String(cString: sqlite3_sql(pointer)))
        }
    }

    /// Steps a statement that returns no rows (`BEGIN`, `COMMIT`) and readies it for its next use.
    func run() throws {
        defer { reset() }
        try step()
    }

    /// Readies the statement for its next use; bindings are replaced by the next `bind`s.
    func reset() {
        sqlite3_reset(pointer)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(pointer, column) }

    /// The column as text; empty for NULL.
    func text(_ column: Int32) -> String {
        guard let start = sqlite3_column_text(pointer, column) else { return "" }
        let count = Int(sqlite3_column_bytes(pointer, column))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(pointer, column) == SQLITE_NULL }
}

/// Binds UTF-8 bytes as text to parameter `index` (from 1) of `statement`. Copying, SQLite copies
/// them before it returns (`SQLITE_TRANSIENT`); not copying (`SQLITE_STATIC`), it reads them
/// until the parameter is bound again or cleared, and the caller keeps them valid until then.
/// Empty bytes bind '' (a NULL pointer would bind NULL).
func bindText(_ bytes: UnsafeBufferPointer<UInt8>, to statement: OpaquePointer, at index: Int32, copying: Bool = true) {
    let start = bytes.baseAddress.map(UnsafeRawPointer.init) ?? UnsafeRawPointer(emptyText.utf8Start)
    sqlite3_bind_text(
        statement, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
        copying ? transientText : staticText)
}

private let emptyText: StaticString = ""

/// `SQLITE_TRANSIENT` and `SQLITE_STATIC`, macros Swift cannot import.
private let transientText = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
private let staticText: sqlite3_destructor_type? = nil
