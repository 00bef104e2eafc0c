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

    static let fixtures = LabelledFixtures("resource-values", ids: ids)

    static func lint(_ text: String, path: String = "t.yaml") -> [Finding] { fixtures.lint(text, path: path) }

    @Test("each rule is found at cfn-lint's lines, as often", arguments: fixtures.names)
    func fixture(_ name: String) throws { try Self.fixtures.expectLabels(name) }

    @Test("none of them on the corpus templates with the resource types they read, as in cfn-lint")
    func corpus() throws {
        let words = [
            "SnapStart", "AWS::ECS::Service", "AWS::SSM::Document", "AWS::ECS::TaskDefinition", "AWS::EC2::Subnet",
            "AWS::EC2::VPCEndpoint",
            "AWS::AutoScaling::AutoScalingGroup",
            "AWS::GuardDuty::Detector", "IntelligentTieringConfigurations",
            "AWS::CertificateManager::Certificate",
        ]
        #expect(try LabelledFixtures.expectCorpusAgrees(on: Self.ids, templatesWith: words) > 10)
    }

    @Test("SnapStart in a region without it is named for each function that turns it on, as cfn-lint does with --regions")
    func snapStartRegions() throws {
        let text = try String(contentsOfFile: Self.fixtures.folder + "snapstart.yaml", encoding: .utf8)
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
