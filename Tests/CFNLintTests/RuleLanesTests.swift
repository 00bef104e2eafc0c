import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// One template's rules on several threads (`LintOptions.ruleJobs`): the same findings, in the
/// same order, as on one.
@Suite("Rules on several lanes")
struct RuleLanesTests {
    /// The corpus templates, those with the most resources first.
    static func byResources() throws -> [String] {
        let manifest = try String(contentsOfFile: SAMLintTests.corpus + "/manifest.tsv", encoding: .utf8)
        let rows = manifest.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        return rows.sorted { (Int($0[4]) ?? 0, $1[0]) > (Int($1[4]) ?? 0, $0[0]) }.map { $0[0] }
    }

    /// Every `step`-th corpus template (CloudFormation and SAM, with and without the transform),
    /// and the three with the most resources, whose schema checks are split into the most slices.
    static func sample(step: Int) throws -> [String] {
        let all = try byResources()
        return Array(Set(all.sorted().enumerated().filter { $0.offset % step == 0 }.map(\.element) + all.prefix(3))).sorted()
    }

    static func bytes(_ file: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: SAMLintTests.corpus + "/templates/" + file)))
    }

    @Test("two and three lanes find exactly what one finds, in the same order, fixes included")
    func sameFindings() throws {
        var options = LintOptions(asOf: LintDate("2026-11-25")!)
        let one = Linter(options: options)
        options.ruleJobs = 2
        let two = Linter(options: options)
        options.ruleJobs = 3
        let three = Linter(options: options)
        var compared = 0
        var withSchemaFindings = 0
        for file in try Self.sample(step: 25) {
            let bytes = try Self.bytes(file)
            let want = one.lint(bytes: bytes, path: file).findings
            #expect(two.lint(bytes: bytes, path: file).findings == want, "\(file)")
            #expect(three.lint(bytes: bytes, path: file).findings == want, "\(file)")
            compared += 1
            if want.contains(where: { $0.ruleId.hasPrefix("E30") }) { withSchemaFindings += 1 }
        }
        #expect(compared >= 30)
        #expect(withSchemaFindings >= 3)
    }

    @Test("the schema check in slices merges to the check of all resources at once")
    func slices() throws {
        let file = try Self.byResources()[0]
        let template = try Template(templateBytes: Self.bytes(file), path: file)
        let context = LintContext(
            template: template,
            graph: DependencyGraph(template),
            bodyBytes: 0,
            asOf: LintDate("2026-11-25")!,
            regions: ["us-east-1"]
        )
        let plan = try #require(SchemaCheck.Plan(context))
        let parts = SchemaCheck.InParts(plan, lanes: 2)
        #expect(parts.slices.count > 2)
        #expect(parts.slices.map(\.count).reduce(0, +) == plan.resources.count)
        for i in parts.slices.indices.reversed() { parts.check(slice: i, context) }
        let whole = SchemaCheck.run(context)
        let merged = parts.merged()
        #expect(merged.keys.sorted() == whole.keys.sorted())
        for (id, findings) in whole { #expect(merged[id] == findings, "\(id)") }
    }

    /// A rule that reads the schema check without saying so gets it all the same, but on one
    /// lane while the other waits: each rule that does not declare it must not read it.
    @Test("a rule that reads the schema check declares usesSchemaCheck")
    func declared() throws {
        let undeclared = Linter.rules.filter { !$0.usesSchemaCheck }
        #expect(undeclared.count > 100)
        var offenders: Set<String> = []
        for file in try Self.sample(step: 40) {
            let template = try Template(templateBytes: Self.bytes(file), path: file)
            let graph = DependencyGraph(template)
            for rule in undeclared where !offenders.contains(rule.info.id) {
                let context = LintContext(
                    template: template,
                    graph: graph,
                    bodyBytes: 0,
                    asOf: LintDate("2026-11-25")!,
                    regions: ["us-east-1"]
                )
                var findings: [Finding] = []
                rule.init().check(context, into: &findings)
                if context.shared.checkedSchema { offenders.insert(rule.info.id) }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.sorted())")
    }
}
