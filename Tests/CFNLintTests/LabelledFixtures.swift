import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// A folder of templates written to break some rules, with the lines cfn-lint 1.51.0 reports
/// each rule at (`labels.tsv`: template, rule id, lines separated by spaces, one per finding).
struct LabelledFixtures {
    /// The folder, ending in `/`.
    let folder: String
    /// The rules the labels are of.
    let ids: Set<String>

    init(_ name: String, ids: Set<String>) {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        folder = url.path + "/Fixtures/" + name + "/"
        self.ids = ids
    }

    /// (template, rule id, lines).
    var labels: [(String, String, [Int])] {
        let text = (try? String(contentsOfFile: folder + "labels.tsv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (parts[0], parts[1], parts.count > 2 ? parts[2].split(separator: " ").compactMap { Int($0) } : [])
        }
    }

    /// The labelled templates.
    var names: [String] { Set(labels.map(\.0)).sorted() }

    /// The findings of `ids` on `text`, as of 2026-11-25.
    func lint(_ text: String, path: String = "t.yaml") -> [Finding] {
        Linter(options: LintOptions(asOf: LintDate("2026-11-25")!)).lint(bytes: Array(text.utf8), path: path).findings
            .filter { ids.contains($0.ruleId) }
    }

    /// Each rule on `name` at cfn-lint's lines, as often, and nothing else of `ids`.
    func expectLabels(_ name: String) throws {
        let text = try String(contentsOfFile: folder + name, encoding: .utf8)
        let found = lint(text, path: name)
        var labelled = 0
        for (file, id, want) in labels where file == name {
            labelled += want.count
            #expect(found.filter { $0.ruleId == id }.map(\.range.start.line).sorted() == want, "\(name) \(id)")
        }
        #expect(labelled == found.count, "\(name)")
        #expect(labelled > 0)
    }

    /// `ids` on every corpus template that holds one of `words`, at cfn-lint's lines (the SAM
    /// source's for what the transform made); how many templates were read.
    static func expectCorpusAgrees(on ids: Set<String>, templatesWith words: [String]) throws -> Int {
        let manifest = try String(contentsOfFile: SAMLintTests.corpus + "/manifest.tsv", encoding: .utf8)
        var read = 0
        for row in manifest.split(separator: "\n").dropFirst() {
            let file = String(row.split(separator: "\t")[0])
            let text = try String(contentsOfFile: SAMLintTests.corpus + "/templates/" + file, encoding: .utf8)
            guard words.contains(where: { text.contains($0) }) else { continue }
            read += 1
            let want = try SAMLintTests.expected(file).filter { ids.contains($0.0) }.map { "\($0.0):\($0.1)" }.sorted()
            let found = try SAMLintTests.lintCorpus(file).filter { ids.contains($0.ruleId) }
            #expect(found.map { "\($0.ruleId):\(($0.sourceRange ?? $0.range).start.line)" }.sorted() == want, "\(file)")
        }
        return read
    }
}
