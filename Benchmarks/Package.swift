// swift-tools-version: 6.1
// Micro-benchmarks (ordo-one/package-benchmark) for hookscope's hot paths. A package of its
// own so the main build and `swift test` stay lean; run them with ../scripts/bench-micro.
import PackageDescription

let package = Package(
    name: "hookscope-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // A link to the repository made by scripts/bench-micro, so the package identity is
        // "hookscope" whatever the clone's folder is called (as in Fuzz/).
        .package(path: "hookscope"),
        // MallocInterposer only: the runtime interposer the default traits add on Linux with
        // Swift 6.3 is a package we do not need (and is not mirrored here).
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "HookscopeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HookscopeCore", package: "hookscope"),
                .product(name: "HookscopeTUI", package: "hookscope"),
            ],
            path: "Benchmarks/HookscopeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
