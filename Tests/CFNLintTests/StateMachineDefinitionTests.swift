import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// E3601 against cfn-lint 1.51.0: on templates written to break state machine definitions in
/// the ways its reading is easy to get wrong (`Tests/Fixtures/state-machines`, labelled by
/// cfn-lint: see its README), and on every corpus template with a state machine (where cfn-lint
/// finds no E3601).
@Suite("Step Functions definitions (E3601)")
struct StateMachineDefinitionTests {
    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.path + "/Fixtures/state-machines/"
    }()

    /// Each labelled template and the lines cfn-lint reports E3601 at (one per finding).
    static let labels: [(String, [Int])] = {
        let text = (try? String(contentsOfFile: fixtures + "labels.tsv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? parts[1].split(separator: " ").compactMap { Int($0) } : [])
        }
    }()

    static func lint(_ text: String, path: String = "t.yaml") -> [Finding] {
        Linter(options: LintOptions(asOf: LintDate("2026-11-25")!)).lint(bytes: Array(text.utf8), path: path).findings
            .filter { $0.ruleId == "E3601" }
    }

    static func lines(_ findings: [Finding]) -> [Int] { findings.map { ($0.sourceRange ?? $0.range).start.line }.sorted() }

    @Test("the fixtures are labelled")
    func labelled() {
        #expect(Self.labels.count >= 10)
        #expect(Self.labels.allSatisfy { !$0.1.isEmpty })
    }

    @Test("E3601 is found at cfn-lint's lines, as often", arguments: labels.map(\.0))
    func fixture(_ name: String) throws {
        let text = try String(contentsOfFile: Self.fixtures + name, encoding: .utf8)
        let want = Self.labels.first { $0.0 == name }?.1 ?? []
        #expect(Self.lines(Self.lint(text, path: name)) == want, "\(name)")
    }

    @Test("no E3601 on the corpus templates with a state machine, as in cfn-lint")
    func corpus() throws {
        let read = try LabelledFixtures.expectCorpusAgrees(
            on: ["E3601"],
            templatesWith: ["StepFunctions::StateMachine", "Serverless::StateMachine"]
        )
        #expect(read > 40)
    }

    @Test("a value that is a placeholder of DefinitionSubstitutions is not judged; the same value without one is")
    func substitutions() {
        func template(_ substitutions: String) -> String {
            """
            Resources:
              Machine:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/machine
                  DefinitionSubstitutions: {\(substitutions)}
                  Definition:
                    StartAt: Work
                    States:
                      Work:
                        Type: Task
                        Resource: ${ Worker }
                        End: true
                  DefinitionString: '{"StartAt": "Go", "States": {"Go": {"Type": "Task", "Resource": "${Worker}", "End": true}}}'
            """
        }
        #expect(Self.lint(template("Worker: arn:aws:lambda:us-east-1:123456789012:function:w")).isEmpty)
        #expect(Self.lines(Self.lint(template("Other: x"))) == [12, 14])
    }

    @Test("each problem in JSON text is one finding at the property, saying where in the text it is")
    func text() {
        let found = Self.lint(
            """
            Resources:
              Machine:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/machine
                  DefinitionString: >-
                    {"StartAt": "Go", "States": {"Go": {"Type": "Pass", "End": true, "Extra": 1},
                     "Again": {"Type": "Pass", "End": true, "Extra": 2}}}
            """
        )
        #expect(found.map(\.range.start.line) == [6, 6])
        #expect(found.contains { $0.message.contains("States/Go/Extra") })
        #expect(found.contains { $0.message.contains("States/Again/Extra") })
    }

    @Test("a SAM state machine's Definition is not read (SAM writes its DefinitionString), nor a DefinitionString there")
    func sam() {
        let found = Self.lint(
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Machine:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Definition:
                    StartAt: Missing
                    States: {Work: {Type: Task, Resource: worker, Bogus: 1}}
              Plain:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/machine
                  DefinitionString: '{"StartAt": "Missing", "States": {}}'
            """
        )
        #expect(found.isEmpty)
    }
}
