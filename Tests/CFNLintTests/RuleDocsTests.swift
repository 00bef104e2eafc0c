import Foundation
import Testing

@testable import CFNLint

@Suite("Rule documentation")
struct RuleDocsTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    @Test("docs/rules.md is what `cfntool rules --format markdown` writes (regenerate it if this fails)")
    func current() throws {
        let onDisk = try String(contentsOfFile: Self.root + "/docs/rules.md", encoding: .utf8)
        #expect(onDisk == RuleDocs.markdown(), "run: .build/debug/cfntool rules --format markdown > docs/rules.md")
    }

    @Test("every rule id is unique")
    func unique() {
        let ids = Linter.rules.map { $0.info.id }
        #expect(Set(ids).count == ids.count)
    }
}
