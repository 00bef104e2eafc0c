// swift-tools-version: 5.4
// libFuzzer targets over cfntool's libraries: a package of its own so that the main package's
// `swift build` / `swift test` never see the sanitizer flags. `make fuzz` builds it into
// .build-fuzz with `-sanitize=fuzzer,address`.
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM links every executable with
// `--defsym main=<module>_main` (testable executables), which clashes with libFuzzer's own `main`
// (whole-archived by -sanitize=fuzzer). Each target is one file compiled as a library
// (-parse-as-library), defining only LLVMFuzzerTestOneInput; libFuzzer's main drives it.
import PackageDescription

let asLibrary: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

func fuzzTarget(_ name: String, _ modules: [String]) -> Target {
    .executableTarget(
        name: "fuzz-\(name)",
        dependencies: modules.map { .product(name: $0, package: "cfntool") },
        path: "Sources/fuzz-\(name)",
        swiftSettings: asLibrary
    )
}

let package = Package(
    name: "cfntool-fuzz",
    dependencies: [.package(name: "cfntool", path: "..")],
    targets: [
        fuzzTarget("yaml", ["CFNModel"]),
        fuzzTarget("json", ["CFNModel"]),
        fuzzTarget("lint", ["CFNModel", "CFNLint"]),
        fuzzTarget("fmt", ["CFNModel"]),
        fuzzTarget("split", ["CFNModel", "CFNSplit"]),
        fuzzTarget("diff", ["CFNModel", "CFNDiff"]),
        fuzzTarget("sam", ["CFNModel", "CFNSAM"]),
        fuzzTarget("lsp", ["CFNLanguageServer"]),
        fuzzTarget("fix", ["CFNModel", "CFNLint"]),
    ]
)
