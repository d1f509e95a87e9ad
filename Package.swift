// swift-tools-version:6.1
import Foundation
import PackageDescription

/// Release builds on Linux link the C++ runtime in. Only a build with the Swift runtime linked
/// in (`--static-swift-stdlib`, as Scripts/build-release.sh builds) asks for -lstdc++, and
/// Scripts/link/libstdc++.so, found first (the path is the package folder's, where `swift
/// build` links), is a linker script naming the static archive. The loader then has no
/// libstdc++.so to map and ~770 symbols fewer to look up: `attend` 1.0 ms faster, `event
/// list` 0.96 ms (40 alternating pairs).
let staticCxxRuntime: [LinkerSetting] = [
    .unsafeFlags(["-LScripts/link"], .when(platforms: [.linux], configuration: .release))
]

/// The release `convene` is linked at a fixed address (not as a position-independent
/// executable): the loader then has none of its ~89,000 relative relocations to apply and
/// none of the pages they would write to copy, which every command pays at start. `attend`
/// 14.62 -> 13.55 ms, `event list` 9.68 -> 8.48 ms (30 and 40 alternating pairs). Address
/// randomisation of the program's own code is lost; the libraries it loads keep theirs, and
/// the network-facing `convene-serve` stays position-independent.
let positionDependentCLI: [LinkerSetting] = [
    .unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "Convene",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ConveneCore", targets: ["ConveneCore"]),
        .executable(name: "convene", targets: ["ConveneCLI"]),
        // `convene serve` runs it, from the folder convene is in (see ServeRequest).
        .executable(name: "convene-serve", targets: ["ConveneServe"]),
    ],
    dependencies: [
        // Exact pins: the offline mirror holds these versions only, and Package.resolved is not committed.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // `convene serve`. Without the default ConfigurationSupport trait: swift-configuration is not built.
        .package(
            url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: ["FullFoundation"]),
        // Hummingbird's own dependencies, named for the types the server uses directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
    ],
    targets: [
        .target(
            name: "ConveneCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Phone check-in: Hummingbird routes over the core's named reads and writes (no SQL here).
        .target(
            name: "ConveneServer",
            dependencies: [
                "ConveneCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Without ConveneServer: every command would otherwise load the web stack's metadata.
        .executableTarget(
            name: "ConveneCLI",
            dependencies: ["ConveneCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: staticCxxRuntime + positionDependentCLI
        ),
        .executableTarget(
            name: "ConveneServe", dependencies: ["ConveneCore", "ConveneServer"], linkerSettings: staticCxxRuntime),
        // Fixtures shared by both test targets.
        .target(
            name: "ConveneTestSupport",
            dependencies: ["ConveneCore"],
            path: "Tests/ConveneTestSupport"
        ),
        .testTarget(
            name: "ConveneCoreTests",
            dependencies: ["ConveneCore", "ConveneTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ConveneCLITests",
            dependencies: [
                "ConveneCLI", "ConveneCore", "ConveneTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "ConveneServerTests",
            dependencies: [
                "ConveneServer", "ConveneCore", "ConveneTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target (Scripts/fuzz.sh): only when asked for, because it must be built
// with -sanitize=fuzzer, which ordinary builds and tests must not get.
if ProcessInfo.processInfo.environment["CONVENE_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(name: "ConveneFuzz", dependencies: ["ConveneCore"], path: "Fuzz/ConveneFuzz"))
    package.products.append(.executable(name: "convene-fuzz", targets: ["ConveneFuzz"]))
}
