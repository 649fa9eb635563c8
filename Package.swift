// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "hookscope",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hookscope", targets: ["hookscope"]),
        // Libraries for the fuzz targets in Fuzz/ (a package of its own).
        .library(name: "HookscopeCore", targets: ["HookscopeCore"]),
        .library(name: "HookscopeTUI", targets: ["HookscopeTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // The config file (user-defined providers, secrets, routes) is YAML.
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        // The outgoing side: forwarding to the user's app, replay and `hookscope send`.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // The shared store (`listen --store`, `attach`): only HookscopeStore depends on it.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Already in the build through async-http-client; the store names them itself.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // HTTPS on the listening side (`--tls-cert`); already built for async-http-client.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // The system ncursesw library; only HookscopeCurses imports it.
        .systemLibrary(
            name: "CNCursesW",
            path: "Modules/CNCursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The escaper's test for plain text, in C so that it can be compiled for AVX2 and
        // chosen at run time (Swift has no per-function target attributes). No I/O.
        .target(name: "CPlainSpans"),
        // Values and pure logic: no sockets, no terminal.
        .target(
            name: "HookscopeCore",
            dependencies: [
                "CPlainSpans",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The SwiftNIO capture server and everything else that does network I/O.
        .target(
            name: "HookscopeServer",
            dependencies: [
                "HookscopeCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Writing whole files (exports, `w`, the editor's files): atomic replace for
        // regular files, in place for FIFOs, devices and standard output.
        .target(name: "HookscopeFiles"),
        // The shared PostgreSQL store: the writer behind `listen --store`, the reader behind
        // `attach`, migrations. The only target that imports PostgresNIO.
        .target(
            name: "HookscopeStore",
            dependencies: [
                "HookscopeCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Terminal UI state, update and rendering into a cell grid: pure, no curses.
        .target(
            name: "HookscopeTUI",
            dependencies: ["HookscopeCore", "HookscopeFiles"]
        ),
        // The one target that talks to curses.
        .target(
            name: "HookscopeCurses",
            dependencies: ["CNCursesW", "HookscopeTUI"]
        ),
        .executableTarget(
            name: "hookscope",
            dependencies: [
                "HookscopeCore",
                "HookscopeServer",
                "HookscopeTUI",
                "HookscopeCurses",
                "HookscopeFiles",
                "HookscopeStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "HookscopeCoreTests",
            // Crypto: HMACSHA256 is checked against swift-crypto's own HMAC.
            dependencies: ["HookscopeCore", "CPlainSpans", .product(name: "Crypto", package: "swift-crypto")],
            // Provider vectors, read from the source tree by CatalogueVectorTests.
            exclude: ["Vectors"]
        ),
        .testTarget(
            name: "HookscopeServerTests",
            dependencies: [
                "HookscopeServer",
                "HookscopeCore",
                "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // EmbeddedChannel: the connection pipeline on a virtual clock.
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "HookscopeTUITests",
            dependencies: ["HookscopeTUI", "HookscopeCore"]
        ),
        .testTarget(
            name: "HookscopeFilesTests",
            dependencies: ["HookscopeFiles"]
        ),
        // A throwaway PostgreSQL server for the store's tests (initdb into a temporary
        // directory, a Unix socket inside it).
        .target(name: "PostgresTestServer", path: "Tests/PostgresTestServer"),
        // Threads of their own for the tests that block (`.offThePool`), so they do not
        // hold the cooperative pool the other tests' tasks need.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The store against a real PostgreSQL server the tests start themselves.
        .testTarget(
            name: "HookscopeStoreTests",
            dependencies: ["HookscopeStore", "HookscopeCore", "PostgresTestServer"]
        ),
        // Drives the built `hookscope` binary as a user would: real process, real sockets.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["HookscopeCore", "PostgresTestServer", "TestSupport"]
        ),
    ]
)
