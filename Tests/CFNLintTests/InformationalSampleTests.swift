import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// The informational rules against cfn-lint 1.51.0 on a sample of the shared corpus: the corpus
/// was labelled with cfn-lint's defaults (no I findings), so `Tests/Fixtures/informational`
/// holds the sample's labels from `cfn-lint --include-checks I` (see its README).
@Suite("Informational rules on a labelled sample")
struct InformationalSampleTests {
    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.path + "/Fixtures/informational/"
    }()

    /// cfntool's own informational ids, which cfn-lint has not.
    static let ownIds: Set<String> = ["I2016"]

    @Test("cfn-lint's I findings are found at their lines (recall at least 90%), and few others")
    func sample() throws {
        let files = try String(contentsOfFile: Self.fixtures + "files.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        var expected: Set<String> = []
        for line in try String(contentsOfFile: Self.fixtures + "labels.tsv", encoding: .utf8).split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            expected.insert("\(f[0])|\(f[1])|\(f[2])")
        }
        #expect(files.count > 100 && expected.count > 100)
        let known = Set(RuleRegistry.all.map { $0.info.id })
        let linter = Linter(options: LintOptions(includeChecks: ["I"], asOf: LintDate("2026-11-25")!, regions: ["us-east-1"]))
        var found: Set<String> = []
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: SAMLintTests.corpus + "/templates/" + file)))
            for f in linter.lint(bytes: bytes, path: file).findings where f.severity == .informational {
                guard !Self.ownIds.contains(f.ruleId) else { continue }
                found.insert("\(file)|\(f.ruleId)|\(f.range.start.line)")
            }
        }
        // cfn-lint's findings of the rules cfntool has.
        let asked = expected.filter { known.contains(String($0.split(separator: "|")[1])) }
        let matched = asked.intersection(found)
        #expect(Double(matched.count) >= 0.9 * Double(asked.count), "missed: \(asked.subtracting(found).sorted())")
        #expect(Double(matched.count) >= 0.9 * Double(found.count), "extra: \(found.subtracting(expected).sorted())")
    }
}
