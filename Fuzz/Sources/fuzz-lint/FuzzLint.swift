// libFuzzer target: the whole `lint` pipeline (decode, every rule, the schema checks, reporters).
import CFNLint
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

enum Shared { static let linter = Linter(options: LintOptions(includeChecks: ["I"])) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (findings, _) = Shared.linter.lint(bytes: bytes, path: "fuzz.yaml")
    // The machine formats escape whatever the messages hold.
    _ = Reporter.render(findings, format: .sarif, files: ["fuzz.yaml"])
    _ = Reporter.render(findings, format: .text, files: ["fuzz.yaml"])
    return 0
}
