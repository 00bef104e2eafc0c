import CFNModel
import CFNSchema
import Foundation
import Testing

@testable import CFNLint

/// The rules that reason about conditions (W8003, W1028, W1001) and W1011, on the corpus
/// templates cfn-lint 1.51.0 reports them on, and the condition reading they share.
@Suite("Condition rules")
struct ConditionRuleTests {
    static let ids: Set<String> = ["W8003", "W1028", "W1001", "W1011"]

    /// Every corpus template cfn-lint reports one of `ids` on, with its kind.
    static func reported() throws -> [String] {
        let manifest = try String(contentsOfFile: SAMLintTests.corpus + "/manifest.tsv", encoding: .utf8)
        var out: [String] = []
        for line in manifest.split(separator: "\n").dropFirst() {
            let path = String(line.split(separator: "\t")[0])
            if try SAMLintTests.expected(path).contains(where: { ids.contains($0.0) }) { out.append(path) }
        }
        return out
    }

    static func lines(_ findings: [(String, Int)]) -> [String] {
        findings.filter { ids.contains($0.0) }.map { "\($0.0):\($0.1)" }.sorted()
    }

    @Test("on every corpus template cfn-lint reports them on, the same findings at the same lines, as many")
    func corpus() throws {
        let paths = try Self.reported()
        #expect(paths.count >= 40)
        for path in paths {
            let found = try SAMLintTests.lintCorpus(path).map { ($0.ruleId, $0.range.start.line) }
            #expect(Self.lines(found) == Self.lines(try SAMLintTests.expected(path)), "\(path)")
        }
    }

    @Test(
        "templates where the conditions look exclusive but cfn-lint does not take them so give no W1028",
        arguments: [
            // AllowedValues lists a value twice: the tests do not cover it.
            "cfn-lint/test/fixtures/templates/good/properties_rt_association.yaml",
            "cfn-lint/test/fixtures/templates/bad/properties_rt_association.yaml",
            // Two tests of a parameter without AllowedValues are not exclusive.
            "serverless-application-model/tests/translator/input/function_with_custom_conditional_codedeploy_deployment_preference.yaml",
        ]
    )
    func notExclusive(_ path: String) throws {
        #expect(try SAMLintTests.expected(path).allSatisfy { $0.0 != "W1028" })
        #expect(try SAMLintTests.lintCorpus(path).filter { $0.ruleId == "W1028" }.isEmpty)
    }

    @Test("W8003 is placed at the condition's name, or at the Fn::Equals itself inside Fn::Not, as cfn-lint places it")
    func equalsPlaces() throws {
        let path = "cfn-lint/test/fixtures/templates/quickstart/config-rules.json"
        let found = try SAMLintTests.lintCorpus(path).filter { $0.ruleId == "W8003" }
        #expect(found.map { "\($0.range.start.line):\($0.range.start.column)" } == ["39:16"])
    }

    @Test(
        "W1001 reads literal tests as their answers and a value outside AllowedValues as never given, as cfn-lint's relationship check does"
    )
    func relationships() {
        let text = """
            Parameters:
              Env: {Type: String, AllowedValues: [prod]}
            Conditions:
              Never: !And [!Equals [a, b], !Equals [!Ref Env, prod]]
              NotStaging: !Not [!Equals [!Ref Env, staging]]
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsProd
              Dead:
                Type: AWS::SQS::Queue
                Condition: Never
                Properties:
                  QueueName: !GetAtt Topic.TopicName
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !If [NotStaging, !GetAtt Topic.TopicName, none]
                  Tags:
                    - Key: topic
                      Value: !GetAtt Topic.TopicName
            """
        let found = SAMLintTests.lint(text).filter { $0.ruleId == "W1001" }
        #expect(found.map(\.range.start.line) == [22])
    }

    @Test("W8003 leaves an Fn::Equals that cannot compare what it is given to E8003 and E1020, as cfn-lint does")
    func equalsMalformed() {
        let text = """
            Parameters:
              Subnets: {Type: CommaDelimitedList}
              Size: {Type: Number}
            Conditions:
              Lists: !Equals [!Ref Subnets, !Ref Subnets]
              Missing: !Equals [!Ref Nowhere, !Ref Nowhere]
              Nested: !Equals [[a], [a]]
              Sizes: !Equals [!Ref Size, !Ref Size]
            Resources:
              Topic: {Type: AWS::SNS::Topic}
            """
        let found = SAMLintTests.lint(text).filter { $0.ruleId == "W8003" }
        #expect(found.map(\.range.start.line) == [8])
    }

    static func template(_ text: String) throws -> Template { try Template(templateBytes: Array(text.utf8), path: "t.yaml") }

    @Test("a test of two literals is no known answer, and a condition and its negation cannot both hold")
    func literals() throws {
        let s = ConditionScenarios(
            template: try Self.template(
                """
                Conditions:
                  Never: !Equals [true, false]
                  Other: !Equals [a, a]
                  NotNever: !Not [!Condition Never]
                Resources: {}
                """
            )
        )
        #expect(s.canHold(["Never": true]))
        #expect(s.canHold(["Other": false]))
        #expect(!s.canHold(["Never": true, "NotNever": true]))
        #expect(s.canHold(["Never": false, "NotNever": true]))
        // A name the template does not define is left out.
        #expect(s.canHold(["Missing": false]))
        #expect(!s.isDefined("Missing") && s.isDefined("Never"))
    }

    @Test("tests of one parameter are exclusive when it has AllowedValues (or when asked for every parameter), and cover it")
    func parameters() throws {
        let s = ConditionScenarios(
            template: try Self.template(
                """
                Parameters:
                  Env: {Type: String, AllowedValues: [prod, dev]}
                  Free: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  IsDev: !Equals [!Ref Env, dev]
                  FreeA: !Equals [!Ref Free, a]
                  FreeB: !Equals [!Ref Free, b]
                Resources: {}
                """
            )
        )
        #expect(!s.canHold(["IsProd": true, "IsDev": true]))
        #expect(!s.canHold(["IsProd": false, "IsDev": false]))
        #expect(s.canHold(["IsProd": false, "IsDev": true]))
        #expect(s.canHold(["FreeA": true, "FreeB": true]))
        #expect(!s.canHold(["FreeA": true, "FreeB": true], everyParameter: true))
        #expect(s.canHold(["FreeA": false, "FreeB": false], everyParameter: true))
    }
}
