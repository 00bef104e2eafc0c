import CFNModel
import Foundation
import Testing

@testable import CFNLint

@Suite("Linter: silencing, parse errors, conditions")
struct LinterTests {
    static func lint(_ text: String, _ options: LintOptions = LintOptions()) -> [Finding] {
        Linter(options: options).lint(bytes: Array(text.utf8), path: "t.yaml").findings
    }

    static let unused = """
        Parameters:
          Unused: {Type: String}
          AlsoUnused: {Type: String}
        Resources:
          Q:
            Type: AWS::SQS::Queue
            DependsOn: Missing
        """

    @Test("findings, sorted by position")
    func baseline() {
        let f = Self.lint(Self.unused)
        #expect(f.map(\.ruleId) == ["W2001", "W2001", "E3005"])
        #expect(f.map(\.range.start.line) == [2, 3, 7])
    }

    @Test("--ignore-checks by id or prefix")
    func ignoreChecks() {
        #expect(Self.lint(Self.unused, LintOptions(ignoreChecks: ["W2001"])).map(\.ruleId) == ["E3005"])
        #expect(Self.lint(Self.unused, LintOptions(ignoreChecks: ["W", "E30"])).isEmpty)
    }

    @Test("inline comments: at the end of the line, or alone on the line above")
    func inline() {
        let text = """
            Parameters:
              Unused: {Type: String}  # cfntool: ignore W2001
              # cfntool: ignore W2001
              AlsoUnused: {Type: String}
            Resources:
              Q:
                Type: AWS::SQS::Queue
                DependsOn: Missing  # cfntool: ignore W2001
            """
        #expect(Self.lint(text).map(\.ruleId) == ["E3005"], "only the named rule is silenced")
    }

    @Test("Metadata: cfn-lint: config: ignore_checks, in the template and in a resource")
    func metadata() {
        let template = "Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [W2001]\n" + Self.unused
        #expect(Self.lint(template).map(\.ruleId) == ["E3005"])
        let resource = Self.unused + "\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [E3005]\n"
        #expect(Self.lint(resource).map(\.ruleId) == ["W2001", "W2001"])
    }

    @Test("a file that cannot be parsed is one E0000 finding at the error")
    func parseError() {
        let (findings, parsed) = Linter().lint(bytes: Array("Resources:\n  A: [\n".utf8), path: "bad.yaml")
        #expect(!parsed && findings.count == 1 && findings[0].ruleId == "E0000" && findings[0].range.start.line == 3)
    }

    @Test("a catastrophic AllowedPattern against a long Default finishes at once, with the right answer")
    func hostilePattern() {
        let value = String(repeating: "a", count: 20_000)
        let text = { (d: String) in
            "Parameters:\n  P:\n    Type: String\n    AllowedPattern: '^(a+)+$'\n    Default: \(d)\nResources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref P}}\n"
        }
        // A Default this long is also over CloudFormation's 4,096 characters (E2011): not what is tested here.
        let lengthAside = LintOptions(ignoreChecks: ["E2011"])
        #expect(Self.lint(text(value), lengthAside).isEmpty)
        #expect(Self.lint(text(value + "b"), lengthAside).map(\.ruleId) == ["E2015"])
        let skipped =
            "Parameters:\n  P:\n    Type: String\n    AllowedPattern: '(?=a)a'\n    Default: b\nResources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref P}}\n"
        #expect(Self.lint(skipped, LintOptions(includeChecks: ["I2016"])).map(\.ruleId) == ["I2016"])
    }

    @Test("60 conditions in nested Fn::If: linear, no combination is enumerated")
    func manyConditions() {
        var text = "Parameters:\n  Env: {Type: String}\nConditions:\n"
        for i in 0..<60 { text += "  C\(i): !Equals [!Ref Env, v\(i)]\n" }
        var value = "base"
        for i in 0..<60 { value = "!If [C\(i), v\(i), \(value)]" }
        text += "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: \(value)\n"
        text += "  T:\n    Type: AWS::SNS::Topic\n    Condition: C59\n    DependsOn: Q\n"
        let findings = Self.lint(text)
        #expect(findings.isEmpty, "\(findings.map { "\($0.ruleId) \($0.message)" })")
        // A missing condition deep inside is still found.
        let broken = text.replacingOccurrences(of: "!If [C30,", with: "!If [C99,")
        #expect(Self.lint(broken).contains { $0.ruleId == "E1028" })
    }
}
