// swift-tools-version: 6.0
// libFuzzer targets for hookscope's parsers of untrusted input. Kept out of the main
// package so its build stays lean; run them with ../scripts/fuzz.
import PackageDescription

let package = Package(
    name: "hookscope-fuzz",
    dependencies: [
        // A link to the repository made by scripts/fuzz, so the package identity is
        // "hookscope" whatever the clone's folder is called.
        .package(path: "hookscope"),
    ],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzSignatureHeader", dependencies: ["FuzzDriver", .product(name: "HookscopeCore", package: "hookscope")]),
        .executableTarget(name: "FuzzFilterQuery", dependencies: ["FuzzDriver", .product(name: "HookscopeTUI", package: "hookscope"), .product(name: "HookscopeCore", package: "hookscope")]),
        .executableTarget(name: "FuzzSanitizer", dependencies: ["FuzzDriver", .product(name: "HookscopeCore", package: "hookscope")]),
        .executableTarget(name: "FuzzLoad", dependencies: ["FuzzDriver", .product(name: "HookscopeCore", package: "hookscope")]),
        .executableTarget(name: "FuzzAnswerSpec", dependencies: ["FuzzDriver", .product(name: "HookscopeCore", package: "hookscope")]),
        .executableTarget(name: "FuzzHARImport", dependencies: ["FuzzDriver", .product(name: "HookscopeCore", package: "hookscope")]),
    ]
)
