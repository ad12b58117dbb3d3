import RosterPostgres
import Testing

/// `--database` URLs the PostgreSQL store refuses, each with a message that says what to write
/// (no database needed: the URL is checked before anything connects).
@Suite struct PostgresURLTests {
    @Test(arguments: [
        ("postgres://localhost/roster", "postgres://user:password@host:port/database"),
        ("postgres:///roster", "postgres://user:password@host:port/database"),
        ("mysql://u@h/db", "is not a PostgreSQL URL"),
        ("postgres://u@h/db?sslmode=verify-full", "sslmode=verify-full is not supported"),
        ("postgres://u@h/db?pool=0", "pool=0 must be a positive number"),
        ("postgres://u@h/db?pool=many", "pool=many must be a positive number"),
    ])
    func badURLsSayWhatIsWrong(_ url: String, _ mentioned: String) throws {
        let error = try #require(throws: PostgresURLError.self) { _ = try PostgresStore(url: url) }
        #expect(error.description.contains(mentioned), "\(url): \(error)")
    }

    @Test func aSchemaNameIsLettersDigitsAndUnderscores() throws {
        let error = try #require(throws: PostgresURLError.self) { _ = try PostgresStore(url: "postgres://u@h/db", schema: "x; DROP") }
        #expect(error.description.contains("letters, digits and _"))
    }

    @Test func bothSchemesAreURLsAndAPathIsNot() {
        #expect(PostgresStore.isURL("postgres://u@h/db"))
        #expect(PostgresStore.isURL("postgresql://u@h/db"))
        #expect(!PostgresStore.isURL("./roster.sqlite"))
    }
}
