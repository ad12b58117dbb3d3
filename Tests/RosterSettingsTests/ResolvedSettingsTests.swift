import RosterSettings
import Testing

@Suite struct ResolvedSettingsTests {
    @Test func aFlagWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() {
        let settings = ResolvedSettings(
            flags: [.port: "9000"],
            environment: ["ROSTER_PORT": "9001", "ROSTER_HOST": "0.0.0.0", "HOME": "/root"],
            file: ["port": "9002", "host": "10.0.0.1", "tls-cert": "/etc/roster/cert.pem"])
        #expect(settings[.port] == "9000")
        #expect(settings.source(of: .port) == .flag)
        #expect(settings[.host] == "0.0.0.0")
        #expect(settings.source(of: .host) == .environment)
        #expect(settings[.tlsCert] == "/etc/roster/cert.pem")
        #expect(settings.source(of: .tlsCert) == .file)
        #expect(settings[.rateLimit] == "100/s")
        #expect(settings.source(of: .rateLimit) == .defaultValue)
        #expect(settings[.metricsPort] == nil)
    }

    @Test func anEmptyEnvironmentVariableDoesNotOverrideTheFile() {
        let settings = ResolvedSettings(flags: [:], environment: ["ROSTER_PORT": ""], file: ["port": "9002"])
        #expect(settings[.port] == "9002")
    }

    @Test(arguments: [
        (ServeSetting.tlsCert, "ROSTER_TLS_CERT"), (.port, "ROSTER_PORT"), (.requestLogMaxAge, "ROSTER_REQUEST_LOG_MAX_AGE"),
    ])
    func environmentVariablesAreTheKeyInCapitals(setting: ServeSetting, variable: String) {
        #expect(setting.environmentVariable == variable)
    }

    @Test func printedConfigNamesEachSourceAndMasksPasswords() {
        let settings = ResolvedSettings(
            flags: [.database: "postgres://roster:s3cret@db.internal/roster"], environment: ["ROSTER_PORT": "8443"],
            file: [:])
        let lines = settings.printed.split(separator: "\n").map(String.init)
        #expect(lines.contains("database = \"postgres://roster:***@db.internal/roster\"  # flag"))
        #expect(lines.contains("port = 8443  # environment"))
        #expect(lines.contains("host = \"127.0.0.1\"  # default"))
        #expect(lines.contains("# tls-cert is not set"))
        #expect(!settings.printed.contains("s3cret"))
    }

    @Test(arguments: [
        ("./roster.sqlite", "./roster.sqlite"),
        ("postgres://u:p@h/db", "postgres://u:***@h/db"),
        ("postgres://u@h/db", "postgres://u@h/db"),
    ])
    func masking(value: String, shown: String) {
        #expect(ResolvedSettings.masked(value) == shown)
    }
}
