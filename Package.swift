// swift-tools-version: 6.0
import PackageDescription

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
        .executable(name: "cfntool", targets: ["cfntool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "CFNModel", dependencies: ["CYAML"]),
        .target(name: "CFNSplit", dependencies: ["CFNModel", "CFNSchema", "CFNSAM"]),
        // The schema bundle (Data/) is read at run time from beside the binary or the source tree.
        .target(name: "CFNSchema", dependencies: ["CFNModel"], exclude: ["Data"]),
        .target(name: "CFNLint", dependencies: ["CFNModel", "CFNSchema", "CFNSAM"]),
        .target(name: "CFNDiff", dependencies: ["CFNModel", "CFNSchema", "CFNSplit", "CFNSAM"]),
        // The AWS::Serverless-2016-10-31 transform; its data (policy templates, managed policies,
        // connector profiles) is generated from the aws-sam-translator wheel into Data/*.swift.
        .target(name: "CFNSAM", dependencies: ["CFNModel"]),
        .executableTarget(
            name: "cfntool",
            dependencies: [
                "CFNModel",
                "CFNSplit",
                "CFNSchema",
                "CFNLint",
                "CFNDiff",
                "CFNSAM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "cfnbench", dependencies: ["CFNModel", "CFNSAM", "CFNSplit", "CFNDiff"], path: "Benchmarks/cfnbench"),
        .testTarget(name: "CFNModelTests", dependencies: ["CFNModel"]),
        .testTarget(name: "CFNSplitTests", dependencies: ["CFNSplit", "CFNModel", "CFNSchema", "CFNSAM"]),
        .testTarget(name: "CFNLintTests", dependencies: ["CFNLint", "CFNModel", "CFNSchema"]),
        .testTarget(name: "CFNDiffTests", dependencies: ["CFNDiff", "CFNModel", "CFNSchema", "CFNSplit", "CFNSAM"]),
        .testTarget(name: "CFNSAMTests", dependencies: ["CFNSAM", "CFNModel"]),
        .testTarget(name: "cfntoolTests", dependencies: ["cfntool", "CFNModel"]),
    ],
    swiftLanguageModes: [.v6]
)
