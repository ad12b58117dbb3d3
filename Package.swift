// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every target of ours, as Hummingbird does.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "roster",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "roster", targets: ["roster"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.3.1"),
    ],
    targets: [
        // Pure SCIM 2.0 (RFC 7643/7644): JSON, schemas, filters, PATCH, validation. Foundation only.
        .target(name: "SCIM", swiftSettings: swiftSettings),
        // The store contract and the domain around SCIM resources: organizations, keys, logs.
        .target(
            name: "RosterStore",
            dependencies: ["SCIM", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The embedded default store: SQLite through GRDB, one file, WAL.
        .target(
            name: "RosterSQLite",
            dependencies: [
                "SCIM", "RosterStore", "CSQLiteSettings", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The shared store for several servers: PostgreSQL through PostgresNIO's client pool.
        .target(
            name: "RosterPostgres",
            dependencies: [
                "SCIM", "RosterStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What Roster does to SQLite in C: a setting made through the variadic `sqlite3_config`, and
        // the WAL hook that counts commits (see CommitCounter).
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The SCIM HTTP server: routes under /scim/v2, auth, limits, request log.
        .target(
            name: "RosterServer",
            dependencies: [
                "SCIM", "RosterStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCertificateReloading", package: "swift-nio-extras"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: swiftSettings
        ),
        // What `roster serve` can be told and where each value comes from (flags, ROSTER_* variables, a config file,
        // defaults): pure, Foundation only.
        .target(name: "RosterSettings", swiftSettings: swiftSettings),
        // The Okta simulator: seeded people, scenarios as Okta's exact requests with the outcome a correct Roster
        // gives, and an AsyncHTTPClient executor; a client of the public SCIM API only (`roster demo`, `simulate`).
        .target(
            name: "RosterSimulator",
            dependencies: [
                "SCIM",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // ncursesw for the console terminal layer. No pkgConfig: SwiftPM drops its cflags (see shim.h).
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        // The console's pure core: display width, sanitiser, in-memory screen, keys, layout; state, reducer, effects,
        // views, and the data source over the Store (writes through Directory).
        .target(name: "ConsoleCore", dependencies: ["SCIM", "RosterStore"], swiftSettings: swiftSettings),
        // The console in a real terminal: curses screen, key decoding, the poll loop on the main thread, signals, the
        // live request-log tail (PRAGMA data_version). The only target that imports CNCurses.
        // Restores the terminal when the console crashes (a signal handler, so C).
        .target(name: "CTerminalGuard"),
        .target(
            name: "ConsoleTerminal",
            dependencies: [
                "CNCurses", "CTerminalGuard", "ConsoleCore", "RosterStore", "SCIM",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "roster",
            dependencies: [
                "SCIM", "RosterStore", "RosterSQLite", "RosterPostgres", "RosterServer", "ConsoleCore",
                "ConsoleTerminal", "RosterSimulator", "RosterSettings",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SCIMTests", dependencies: ["SCIM"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(
            name: "RosterStoreTests",
            dependencies: [
                "SCIM", "RosterStore", "RosterSQLite", "RosterPostgres", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RosterServerTests",
            dependencies: [
                "SCIM", "RosterStore", "RosterSQLite", "RosterPostgres", "RosterServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RosterSimulatorTests",
            dependencies: [
                "RosterSimulator", "SCIM", "RosterStore", "RosterSQLite", "RosterServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RosterSettingsTests", dependencies: ["RosterSettings"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ConsoleCoreTests",
            dependencies: ["ConsoleCore", "SCIM", "RosterStore", "RosterSQLite"],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConsoleTerminalTests",
            dependencies: [
                "ConsoleTerminal", "ConsoleCore", "RosterStore", "RosterSQLite", "SCIM",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
