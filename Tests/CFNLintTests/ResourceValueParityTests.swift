import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// E2530, E3049, E3051, E3053, E3056, E3059, E3061, E3063, E3064 and E3503 against cfn-lint 1.51.0: on templates written to break a
/// resource's SnapStart runtime, ECS dynamic ports, SSM document, awsvpc host ports, subnet blocks, endpoints, health check types, GuardDuty protection plans, Intelligent-Tiering days and certificate validation domains
/// (`Tests/Fixtures/resource-values`, labelled by cfn-lint: see its README), and on the
/// corpus (where cfn-lint finds none of them).
@Suite("Resource values (E2530, E3049, E3051, E3053, E3056, E3059, E3061, E3063, E3064, E3503)")
struct ResourceValueParityTests {
    static let ids: Set<String> = ["E2530", "E3049", "E3051", "E3053", "E3056", "E3059", "E3061", "E3063", "E3064", "E3503"]

    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.path + "/Fixtures/resource-values/"
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

    @Test("none of them on the corpus templates with the resource types they read, as in cfn-lint")
    func corpus() throws {
        let manifest = try String(contentsOfFile: SAMLintTests.corpus + "/manifest.tsv", encoding: .utf8)
        var read = 0
        for row in manifest.split(separator: "\n").dropFirst() {
            let file = String(row.split(separator: "\t")[0])
            let text = try String(contentsOfFile: SAMLintTests.corpus + "/templates/" + file, encoding: .utf8)
            guard
                [
                    "SnapStart", "AWS::ECS::Service", "AWS::SSM::Document", "AWS::ECS::TaskDefinition", "AWS::EC2::Subnet",
                    "AWS::EC2::VPCEndpoint",
                    "AWS::AutoScaling::AutoScalingGroup",
                    "AWS::GuardDuty::Detector", "IntelligentTieringConfigurations",
                    "AWS::CertificateManager::Certificate",
                ].contains(where: { text.contains($0) })
            else { continue }
            read += 1
            let want = try SAMLintTests.expected(file).filter { Self.ids.contains($0.0) }.map { "\($0.0):\($0.1)" }.sorted()
            let found = try SAMLintTests.lintCorpus(file).filter { Self.ids.contains($0.ruleId) }
            #expect(found.map { "\($0.ruleId):\(($0.sourceRange ?? $0.range).start.line)" }.sorted() == want, "\(file)")
        }
        #expect(read > 10)
    }

    @Test("SnapStart in a region without it is named for each function that turns it on, as cfn-lint does with --regions")
    func snapStartRegions() throws {
        let text = try String(contentsOfFile: Self.fixtures + "snapstart.yaml", encoding: .utf8)
        let linter = Linter(options: LintOptions(asOf: LintDate("2026-11-25")!, regions: ["us-east-1", "ca-west-1"]))
        let found = linter.lint(bytes: Array(text.utf8), path: "snapstart.yaml").findings.filter { $0.ruleId == "E2530" }
        // cfn-lint 1.51.0, `--regions us-east-1 ca-west-1`: the region at 14, 22, 33 and 41, the runtime at 14, 22 and 33.
        #expect(found.map(\.range.start.line).sorted() == [14, 14, 22, 22, 33, 33, 41])
        #expect(found.filter { $0.message.contains("ca-west-1") }.count == 4)
    }

    @Test("an SSM document written as text is read: a good one passes, a broken one is reported at Content")
    func documentText() {
        func template(_ content: String) -> String {
            "Resources:\n  Doc:\n    Type: AWS::SSM::Document\n    Properties:\n      DocumentType: Command\n      Content: '\(content)'\n"
        }
        #expect(Self.lint(template(#"{"schemaVersion": "2.2", "mainSteps": []}"#)).isEmpty)
        #expect(Self.lint(template(#"{"schemaVersion": 2.2}"#)).map(\.range.start.line) == [6])
        #expect(Self.lint(template(#"{"mainSteps": ["#)).map(\.range.start.line) == [6])
    }
}
