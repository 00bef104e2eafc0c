import CFNModel
import CFNSchema
import Foundation
import Testing

@testable import CFNLint

/// Every rule's documented examples are tests: passing ones give no finding of the rule, failing
/// ones give a finding of it on each line marked `# <-`, and on no other line.
@Suite("Rule examples")
struct RuleExampleTests {
    static let rules: [String] = Linter.rules.map { $0.info.id }

    /// Examples are read as of 2026-11-25, unless their first line is `# as-of: YYYY-MM-DD`
    /// (for date-driven rules whose window that day misses).
    ///
    /// An example may end with a deployment or parameter file, after a line
    /// `--- # deployment file NAME` or `--- # parameter file NAME`: the template is linted with
    /// its values, and a finding in it is placed on the example's line (the file's line plus the
    /// lines above it).
    static func findings(_ text: String, _ id: String) throws -> [Finding] {
        var asOf = LintDate("2026-11-25")!
        if text.hasPrefix("# as-of: "), let day = LintDate(String(text.dropFirst(9).prefix(10))) { asOf = day }
        let linter = Linter(options: LintOptions(includeChecks: ["I"], asOf: asOf))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let cut = lines.firstIndex(where: { $0.hasPrefix("--- # deployment file ") || $0.hasPrefix("--- # parameter file ") }) {
            let template = lines[..<cut].joined(separator: "\n")
            let file = lines[(cut + 1)...].joined(separator: "\n")
            let isDeployment = lines[cut].hasPrefix("--- # deployment file ")
            let name = String(lines[cut].split(separator: " ").last!)
            var found: [Finding] = []
            var sets: [ParameterSet] = []
            if isDeployment {
                switch DeploymentFile.read(Array(file.utf8), path: name) {
                case .success(let d): sets = [d.parameters]
                case .failure(let e): found.append(e.finding)
                }
            } else {
                switch ParameterSet.read(parameterFile: Array(file.utf8), path: name) {
                case .success(let s): sets = [s]
                case .failure(let e): found.append(e.finding)
                }
            }
            let t = try Template(templateBytes: Array(template.utf8), path: "example.yaml")
            found += linter.lint(t, bytes: Array(template.utf8), parameterSets: sets)
            return found.filter { $0.ruleId == id }.map { f in
                guard f.file == name else { return f }
                var moved = f
                moved.range.start.line += cut + 1
                return moved
            }
        }
        let (findings, _) = linter.lint(bytes: Array(text.utf8), path: "example.yaml")
        // E3000's constraints report under their own ids.
        let ids = id == ResourceConstraints.info.id ? SchemaStore.bundled?.extensionRuleIds ?? [] : [id]
        return findings.filter { ids.contains($0.ruleId) }
    }

    @Test("every rule documents itself", arguments: rules)
    func documented(_ id: String) throws {
        let info = try #require(Linter.rules.first { $0.info.id == id }).info
        #expect(!info.title.isEmpty && info.description.count > 20)
        #expect(id.range(of: "^[EWI][0-9]{4}$", options: .regularExpression) != nil)
        // E0000 and E0003 are about files that are no template or a run's configuration.
        if id != "E0000" && id != "E0003" {
            #expect(!info.passing.isEmpty && !info.failing.isEmpty, "\(id) needs passing and failing examples")
        }
    }

    @Test("passing examples pass and failing ones fail where marked", arguments: rules)
    func examples(_ id: String) throws {
        let info = try #require(Linter.rules.first { $0.info.id == id }).info
        for example in info.passing {
            let found = try Self.findings(example, id)
            #expect(found.isEmpty, "\(id) passing example reported: \(found.map { "\($0.range.start.line): \($0.message)" })")
        }
        for example in info.failing {
            let marked = Set(
                example.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.element.hasSuffix("# <-") }.map { $0.offset + 1 }
            )
            #expect(!marked.isEmpty, "\(id): a failing example must mark its line with # <-")
            // A finding on what the SAM transform generated is marked where its SAM source is.
            let lines = Set(try Self.findings(example, id).map { ($0.sourceRange ?? $0.range).start.line })
            #expect(lines == marked, "\(id): findings on lines \(lines.sorted()), marked \(marked.sorted())\n\(example)")
        }
    }
}
