import GRDB
import GRDBSQLite

/// Executes one prepared `INSERT` per row with its values bound straight through SQLite's C API:
/// text as UTF-8 bytes, integers, NULL.
///
/// Why not `Statement.execute(arguments:)`: GRDB boxes every value into a `DatabaseValue`, builds
/// and validates an arguments array, then binds — for the request log's sixteen columns that was
/// more than half of each entry's insert (profiled at 1M members: 2.8% of a logged `GET`'s CPU
/// against 1.2% for SQLite's own work). Only for hot, fixed-shape inserts; everything else keeps
/// GRDB's checked arguments.
///
/// Text is bound without a copy (`SQLITE_STATIC`: with Debian's SQLite, built without lookaside,
/// each copy was an allocation per column and row), so it must stay valid until the rows are
/// inserted: ``withRows(of:in:_:)`` takes the rows inside a scope and clears the statement's
/// bindings when it ends, so that the cached statement never keeps a pointer past it.
struct RowInserter {
    private let statement: SQLiteStatement
    private let connection: SQLiteConnection
    private var column: Int32 = 0

    private init(_ statement: Statement, in db: Database) {
        self.statement = statement.sqliteStatement
        self.connection = db.sqliteConnection!
    }

    /// Calls `body` to bind and insert rows through `statement`; text bound in it must stay
    /// valid until `body` returns.
    static func withRows(of statement: Statement, in db: Database, _ body: (inout RowInserter) throws -> Void) rethrows {
        var row = RowInserter(statement, in: db)
        defer { sqlite3_clear_bindings(row.statement) }
        try body(&row)
    }

    /// Binds UTF-8 text without copying it, or NULL for nil.
    mutating func bind(_ text: UnsafeBufferPointer<UInt8>?) {
        column += 1
        guard let text else {
            sqlite3_bind_null(statement, column)
            return
        }
        bindText(text, to: statement, at: column, copying: false)
    }

    mutating func bind(_ value: Int) {
        column += 1
        sqlite3_bind_int64(statement, column, Int64(value))
    }

    /// Runs the insert with the values bound since the last row, then readies the statement for
    /// the next one.
    mutating func insertRow() throws {
        defer {
            sqlite3_reset(statement)
            column = 0
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                sql: String(cString: sqlite3_sql(statement)))
        }
    }
}
