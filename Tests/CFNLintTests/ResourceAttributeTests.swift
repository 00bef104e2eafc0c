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

    static let fixtures = LabelledFixtures("resource-attributes", ids: ids)

    static func lint(_ text: String, path: String = "t.yaml") -> [Finding] { fixtures.lint(text, path: path) }

    @Test("each rule is found at cfn-lint's lines, as often", arguments: fixtures.names)
    func fixture(_ name: String) throws { try Self.fixtures.expectLabels(name) }

    @Test("none of them on the corpus templates with resource attributes, as in cfn-lint")
    func corpus() throws {
        let words = ["UpdatePolicy", "CreationPolicy", "Metadata"]
        #expect(try LabelledFixtures.expectCorpusAgrees(on: Self.ids, templatesWith: words) > 100)
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
