// libFuzzer target: `lint --fix --unsafe-fixes` on any text. The fixer must end; a text it
// changes must parse, must show none of the fixed findings and nothing new, and a second pass
// over it must be the identity.
import CFNLint
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

enum Shared {
    static let linter = Linter(options: LintOptions(asOf: LintDate("2026-11-25")!))
    static let fixer = Fixer(linter: linter, level: .unsafe)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // JSON when it looks like JSON, so both syntaxes' edits are exercised.
    let path = bytes.first == UInt8(ascii: "{") ? "fuzz.json" : "fuzz.yaml"
    let outcome = Shared.fixer.fix(bytes: bytes, path: path)
    guard outcome.changed else { return 0 }
    let (after, parsed) = Shared.linter.lint(bytes: outcome.bytes, path: path)
    if !parsed { fatalError("the fixed text does not parse: \(after.first?.message ?? "")") }
    let again = Shared.fixer.fix(bytes: outcome.bytes, path: path)
    if again.changed { fatalError("a second --fix changed the text again") }
    // Every applied fix's finding is gone, and nothing appeared that the input did not have.
    func key(_ f: Finding) -> String { f.ruleId + "|" + f.path.joined(separator: "/") + "|" + f.message }
    var before: [String: Int] = [:]
    for f in outcome.before { before[key(f), default: 0] += 1 }
    for f in after where !f.message.contains("line ") {
        if (before[key(f)] ?? 0) == 0 { fatalError("the fixed text gains \(f.ruleId): \(f.message)") }
        before[key(f)]! -= 1
    }
    return 0
}
