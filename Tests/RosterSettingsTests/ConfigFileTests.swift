import RosterSettings
import Testing

@Suite struct ConfigFileTests {
    @Test func readsQuotedStringsNumbersBooleansAndComments() throws {
        let settings = try ConfigFile.parse(
            """
            # roster.toml
            host = "0.0.0.0"
            port = 8443   # HTTPS
            tls-cert = "/etc/letsencrypt/live/roster.example.com/fullchain.pem"
            request-log = false
            rate-limit = "50/s"
            public-url = "https://roster.example.com/scim/v2#not-a-comment"

            """)
        #expect(settings == [
            "host": "0.0.0.0", "port": "8443",
            "tls-cert": "/etc/letsencrypt/live/roster.example.com/fullchain.pem", "request-log": "false",
            "rate-limit": "50/s", "public-url": "https://roster.example.com/scim/v2#not-a-comment",
        ])
    }

    @Test(arguments: [
        ("port 8080", 1, "expected key = value"),
        ("prot = 8080", 1, "unknown setting 'prot'"),
        ("port = 1\nport = 2", 2, "'port' is set twice"),
        ("host = \"open", 1, "no closing quote"),
        ("host = 127.0.0.1 extra", 1, "a value is"),
        ("host = \"a\" b", 1, "unexpected text"),
    ])
    func refusesWhatIsNotAFlatKeyValueLine(text: String, line: Int, reason: String) {
        #expect {
            try ConfigFile.parse(text)
        } throws: { error in
            guard let error = error as? ConfigFile.SyntaxError else { return false }
            return error.line == line && error.reason.contains(reason)
        }
    }

    @Test func quotedValuesReadBackAsWritten() throws {
        let value = #"C:\certs\"odd".pem"#
        let parsed = try ConfigFile.parse("tls-cert = \(ConfigFile.quoted(value))")
        #expect(parsed["tls-cert"] == value)
        #expect(ConfigFile.quoted("8080") == "8080")
    }
}
