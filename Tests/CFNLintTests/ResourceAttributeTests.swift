import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// E3009, E3016, E3028 and E3055 against cfn-lint 1.51.0: on templates written to break a
/// resource's UpdatePolicy, CreationPolicy, Metadata and AWS::CloudFormation::Init
/// (`Tests/Fixtures/resource-attributes`, labelled by cfn-lint: see its README), and on the
/// corpus (where cfn-lint finds none of them).
@Suite("Resource attributes (E3009, E3016, E3028, E3055)")
struct ResourceAttributeTests {
    static let ids: Set<String> = ["E3009", "E3016", "E3028", "E3055"]

    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.path + "/Fixtures/resource-attributes/"
    }()

    /// (template, rule id, lines cfn-lint reports the rule at, one per finding).
    static let labels: [(String, String, [Int])] = {
        let text = (try? String(contentsOfFile: fixtures + "labels.tsv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (parts[0], parts[1], parts.count > 2 ? parts[2].split(separator: " ").compactMap { Int($0) } : [])
        }
    }()

    static func lint(_ text: String, path: String = "t.yaml") -> [Finding] {
        Linter(options: LintOptions(asOf: LintDate("2026-11-25")!)).lint(bytes: Array(text.utf8), path: path).findings
            .filter { ids.contains($0.ruleId) }
    }

    @Test("each rule is found at cfn-lint's lines, as often", arguments: Set(labels.map(\.0)).sorted())
    func fixture(_ name: String) throws {
        let text = try String(contentsOfFile: Self.fixtures + name, encoding: .utf8)
        let found = Self.lint(text, path: name)
        var labelled = 0
        for (file, id, want) in Self.labels where file == name {
            labelled += want.count
            #expect(found.filter { $0.ruleId == id }.map(\.range.start.line).sorted() == want, "\(name) \(id)")
        }
        #expect(labelled == found.count, "\(name)")
        #expect(labelled > 0)
    }

    @Test("none of them on the corpus templates with resource attributes, as in cfn-lint")
    func corpus() throws {
        let manifest = try String(contentsOfFile: SAMLintTests.corpus + "/manifest.tsv", encoding: .utf8)
        var read = 0
        for row in manifest.split(separator: "\n").dropFirst() {
            let file = String(row.split(separator: "\t")[0])
            let text = try String(contentsOfFile: SAMLintTests.corpus + "/templates/" + file, encoding: .utf8)
            guard ["UpdatePolicy", "CreationPolicy", "Metadata"].contains(where: { text.contains($0) }) else { continue }
            read += 1
            let want = try SAMLintTests.expected(file).filter { Self.ids.contains($0.0) }.map { "\($0.0):\($0.1)" }.sorted()
            let found = try SAMLintTests.lintCorpus(file).filter { Self.ids.contains($0.ruleId) }
            #expect(found.map { "\($0.ruleId):\(($0.sourceRange ?? $0.range).start.line)" }.sorted() == want, "\(file)")
        }
        #expect(read > 100)
    }

    @Test("a policy holding an intrinsic function is not judged, one without is")
    func functions() {
        func template(_ size: String) -> String {
            """
            Parameters:
              Size: {Type: Number}
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                UpdatePolicy:
                  AutoScalingRollingUpdate:
                    MaxBatchSize: \(size)
                    Bogus: 1
                Properties:
                  MinSize: "1"
                  MaxSize: "3"
                  LaunchConfigurationName: web
                  VPCZoneIdentifier: [subnet-0123456789abcdef0]
            """
        }
        #expect(Self.lint(template("!Ref Size")).isEmpty)
        #expect(Self.lint(template("2")).map(\.range.start.line) == [9])
    }

    @Test("a resource Metadata that is not a mapping is E3028's")
    func metadataShape() {
        let found = Self.lint("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata: 5\n")
        #expect(found.map { "\($0.ruleId):\($0.range.start.line)" } == ["E3028:4"])
    }
}
