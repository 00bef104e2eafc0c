// swift-tools-version: 6.0
import PackageDescription

// Release builds leave out the run-time exclusivity checks (debug builds and the tests keep
// them): they cost lint about 3% of its instructions, in swift_beginAccess on every access to
// a class's stored variables.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "cfntool",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CFNModel", targets: ["CFNModel"]),
        .library(name: "CFNSplit", targets: ["CFNSplit"]),
        .library(name: "CFNSchema", targets: ["CFNSchema"]),
        .library(name: "CFNLint", targets: ["CFNLint"]),
        .library(name: "CFNDiff", targets: ["CFNDiff"]),
        .library(name: "CFNSAM", targets: ["CFNSAM"]),
        .library(name: "CFNLanguageServer", targets: ["CFNLanguageServer"]),
        .executable(name: "cfntool", targets: ["cfntool"]),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "CFNModel", dependencies: ["CYAML"], swiftSettings: fast),
        .target(name: "CFNSplit", dependencies: ["CFNModel", "CFNSchema", "CFNSAM"], swiftSettings: fast),
        // The schema bundle (Data/) is read at run time from beside the binary or the source tree.
        .target(name: "CFNSchema", dependencies: ["CFNModel"], exclude: ["Data"], swiftSettings: fast),
        .target(name: "CFNLint", dependencies: ["CFNModel", "CFNSchema", "CFNSAM"], swiftSettings: fast),
        .target(name: "CFNDiff", dependencies: ["CFNModel", "CFNSchema", "CFNSplit", "CFNSAM"], swiftSettings: fast),
        // The AWS::Serverless-2016-10-31 transform; its data (policy templates, managed policies,
        // connector profiles) is generated from the aws-sam-translator wheel into Data/*.swift.
        .target(name: "CFNSAM", dependencies: ["CFNModel"], swiftSettings: fast),
        .executableTarget(
            name: "cfntool",
            dependencies: [
                "CFNModel",
                "CFNSplit",
                "CFNSchema",
                "CFNLint",
                "CFNDiff",
                "CFNSAM",
                "CFNLanguageServer",
            ],
            swiftSettings: fast,
            // A release binary is linked as a fixed-address executable: a position-independent one
            // has its 44,000 relocations applied at every start, which costs a pre-commit run or
            // an editor's lint about 2.5 ms of its 7 (hyperfine of `cfntool --version`).
            linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]
        ),
        .target(name: "CFNLanguageServer", dependencies: ["CFNModel", "CFNSchema", "CFNLint", "CFNSAM"], swiftSettings: fast),
        .executableTarget(name: "cfnbench", dependencies: ["CFNModel", "CFNSAM", "CFNSplit", "CFNDiff"], path: "Benchmarks/cfnbench"),
        .testTarget(name: "CFNModelTests", dependencies: ["CFNModel"]),
        .testTarget(name: "CFNSchemaTests", dependencies: ["CFNSchema", "CFNModel"]),
        .testTarget(name: "CFNSplitTests", dependencies: ["CFNSplit", "CFNModel", "CFNSchema", "CFNSAM"]),
        .testTarget(name: "CFNLintTests", dependencies: ["CFNLint", "CFNModel", "CFNSchema"]),
        .testTarget(name: "CFNDiffTests", dependencies: ["CFNDiff", "CFNModel", "CFNSchema", "CFNSplit", "CFNSAM"]),
        .testTarget(name: "CFNSAMTests", dependencies: ["CFNSAM", "CFNModel"]),
        .testTarget(name: "CFNLanguageServerTests", dependencies: ["CFNLanguageServer", "CFNLint", "CFNSchema", "CFNModel"]),
        .testTarget(name: "cfntoolTests", dependencies: ["cfntool", "CFNModel"]),
    ],
    swiftLanguageModes: [.v6]
)
