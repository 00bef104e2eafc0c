import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// A template that declares the SAM transform is linted on what the transform makes of it, as
/// cfn-lint 1.51.0 does; the corpus holds cfn-lint's saved findings for its SAM templates.
@Suite("Lint of SAM templates")
struct SAMLintTests {
    static let corpus: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/../shared/corpus"
    }()
    static let inputs = "serverless-application-model/tests/translator/input/"

    static func lint(_ text: String, path: String = "app.yaml") -> [Finding] {
        Linter(options: LintOptions(asOf: LintDate("2026-11-25")!)).lint(bytes: Array(text.utf8), path: path).findings
    }

    static func lintCorpus(_ relative: String) throws -> [Finding] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: corpus + "/templates/" + relative)))
        return Linter(options: LintOptions(asOf: LintDate("2026-11-25")!)).lint(bytes: bytes, path: relative).findings
    }

    /// cfn-lint's saved findings for a corpus template: (rule id, line) of each.
    static func expected(_ relative: String) throws -> [(String, Int)] {
        let data = try Data(contentsOf: URL(fileURLWithPath: corpus + "/expected/" + relative + ".json"))
        let list = (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
        return list.map { m in
            let rule = (m["Rule"] as? [String: Any])?["Id"] as? String ?? ""
            let line = ((m["Location"] as? [String: Any])?["Start"] as? [String: Any])?["LineNumber"] as? Int ?? 0
            return (rule, line)
        }
    }

    static let app = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Table:
            Type: AWS::Serverless::SimpleTable
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: ./src
              Handler: app.handler
              Runtime: python3.13
              Environment:
                Variables:
                  TABLE: !Ref Table
        Outputs:
          Arn:
            Value: !GetAtt Fn.Arn
        """

    @Test("names the transform defines are checked: a Ref, a GetAtt and a property misspelt are each found")
    func names() {
        #expect(Self.lint(Self.app).isEmpty, "\(Self.lint(Self.app).map(\.message))")
        let ref = Self.lint(Self.app.replacingOccurrences(of: "!Ref Table", with: "!Ref Tabel"))
        #expect(ref.map(\.ruleId) == ["E1020"] && ref[0].range.start.line == 13)
        let getAtt = Self.lint(Self.app.replacingOccurrences(of: "Fn.Arn", with: "Fn.Arnn"))
        #expect(getAtt.map(\.ruleId) == ["E6101"] && getAtt[0].range.start.line == 16)
        let typo = Self.lint(Self.app.replacingOccurrences(of: "Runtime:", with: "Runtme:"))
        #expect(typo.map(\.ruleId) == ["E0001"])
        #expect(typo.first?.message.contains("property Runtme not defined") == true)
        // A function's generated role is known by name, so a Ref to it is no finding.
        #expect(Self.lint(Self.app.replacingOccurrences(of: "!Ref Table", with: "!Ref FnRole")).isEmpty)
    }

    @Test("a transform error is one E0001 finding per error at 1:1, naming the SAM node and its line; nothing else is reported")
    func transformError() throws {
        let file = Self.inputs + "error_function_with_invalid_event_destination_config.yaml"
        let found = try Self.lintCorpus(file)
        let reference = try Self.expected(file)
        #expect(found.count == reference.count && found.count == 2)
        for f in found {
            #expect(f.ruleId == "E0001" && f.range.start.line == 1 && f.range.start.column == 1)
            #expect(f.message.hasPrefix("Error transforming template: Resource with id [MyFunctionWith"))
            let line = try #require(f.sourceRange?.start.line)
            #expect(f.message.hasSuffix(", line \(line))"), "\(f.message)")
        }
    }

    @Test("findings on generated resources are where cfn-lint reports them, with the SAM source and the generated resource")
    func generatedPlaces() throws {
        // Each function's Runtime: cfn-lint reports the Lambda function's generated property at
        // the SAM resource's logical id (lines 3 and 13); the SAM source has it on lines 7 and 17.
        let file = Self.inputs + "function_with_dlq.yaml"
        let runtimes = try Self.lintCorpus(file).filter { $0.ruleId == "E2533" }
        #expect(runtimes.map(\.range.start.line) == [3, 13])
        #expect(runtimes.map { $0.sourceRange?.start.line } == [7, 17])
        #expect(runtimes.map(\.origin) == ["generated from MySnsDlqLambdaFunction", "generated from MySqsDlqLambdaFunction"])
        let reference = try Self.expected(file).filter { $0.0 == "E2533" }.map(\.1)
        #expect(reference == [3, 13])
    }

    @Test("every corpus template that declares the transform: the same E0001 findings as cfn-lint")
    func corpusTransformErrors() throws {
        let manifest = try String(contentsOfFile: Self.corpus + "/manifest.tsv", encoding: .utf8)
        var checked = 0
        for line in manifest.split(separator: "\n").dropFirst() {
            let cols = line.split(separator: "\t").map(String.init)
            guard cols.count > 1, cols[1] == "sam", cols[0].contains("/error_") else { continue }
            let text = try String(contentsOfFile: Self.corpus + "/templates/" + cols[0], encoding: .utf8)
            guard text.contains("Transform: AWS::Serverless-2016-10-31") else { continue }
            let found = try Self.lintCorpus(cols[0]).filter { $0.ruleId == "E0001" }.count
            let reference = try Self.expected(cols[0]).filter { $0.0 == "E0001" }.count
            #expect(found == reference, "\(cols[0])")
            checked += 1
        }
        #expect(checked >= 15)
    }

    @Test("a SAM translator input without the Transform line is linted as written: E3006 and E3038 on its SAM types")
    func withoutTransform() {
        let text = Self.app.replacingOccurrences(of: "Transform: AWS::Serverless-2016-10-31\n", with: "")
        let ids = Set(Self.lint(text).map(\.ruleId))
        #expect(ids.contains("E3006") && ids.contains("E3038"))
    }

    @Test("local CodeUri, ContentUri and DefinitionUri paths are fine")
    func localPaths() {
        let text = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Layer:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: ./layer
              Machine:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: ./machine.asl.json
                  Policies: []
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ../src/fn
                  Handler: app.handler
                  Runtime: python3.13
                  Layers: [!Ref Layer]
            """
        #expect(Self.lint(text).isEmpty, "\(Self.lint(text).map { "\($0.ruleId) \($0.message)" })")
    }

    @Test(
        "an API that takes its Cors from Globals is no transform error (SAM accepts it; cfn-lint's placeholder DefinitionUri made it one)"
    )
    func globalsCors() {
        let text = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Api:
                Cors:
                  AllowOrigin: "'*'"
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./src
                  Handler: app.handler
                  Runtime: python3.13
                  Events:
                    Get:
                      Type: Api
                      Properties:
                        RestApiId: !Ref Api
                        Path: /items
                        Method: get
            """
        #expect(Self.lint(text).isEmpty, "\(Self.lint(text).map(\.message))")
        let local = text.replacingOccurrences(of: "StageName: prod", with: "StageName: prod\n      DefinitionUri: ./api.yaml")
        #expect(Self.lint(local).map(\.ruleId) == ["E0001"], "a local definition and Cors: SAM's own refusal")
    }

    @Test("a cfn-lint ignore_checks in a SAM resource's Metadata silences findings on what it generated")
    func silenced() {
        let text = Self.app.replacingOccurrences(of: "Runtime: python3.13", with: "Runtime: python2.7")
        #expect(Self.lint(text).map(\.ruleId) == ["E2533"])
        let quiet = text.replacingOccurrences(
            of: "    Type: AWS::Serverless::Function\n",
            with: "    Type: AWS::Serverless::Function\n    Metadata:\n      cfn-lint:\n        config:\n          ignore_checks: [E2533]\n"
        )
        #expect(Self.lint(quiet).isEmpty, "\(Self.lint(quiet).map(\.message))")
    }
}
