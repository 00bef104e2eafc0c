import Foundation
import Testing

/// Lint on split output and other stack hierarchies: what it knows about a nested template.
@Suite("lint on nested stacks and split output", .serialized)
struct NestedLintTests {
    /// A template over the 51,200 bytes --template-body takes (W1002 when deployed alone).
    static let big: String = {
        var text = "Resources:\n"
        for i in 0..<460 {
            text +=
                "  Topic\(i):\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: topic-\(i)-padding-padding-padding-padding-padding\n"
        }
        return text
    }()

    static func parent(url: String) -> String {
        "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: \(url)\n"
    }

    static func ids(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").map { line in String(line.split(separator: ":")[5]) }
    }

    @Test("W1002 is silent on a nested template: known from the folder's manifest.json or a parent's TemplateURL")
    func inlineSizeOnNested() throws {
        let dir = try CLI.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
        try CLI.write(Self.big, to: dir + "/out/child.yaml")
        #expect(Self.big.utf8.count > 51_200)
        // Alone, nothing says it is nested.
        let alone = try CLI.run(["lint", "--format", "parseable", "out/child.yaml"], cwd: dir)
        #expect(Self.ids(alone.stdout) == ["W1002"], "\(alone.stdout)")
        // A parent linted in the same run names it: relatively, or by a URL ending in its name.
        // (A parent's local TemplateURL is W3002's: it deploys after `package`; not this test's.)
        let quiet = ["--ignore-checks", "W3002"]
        for url in ["child.yaml", "./child.yaml", "https://bucket.s3.amazonaws.com/app/child.yaml"] {
            try CLI.write(Self.parent(url: url), to: dir + "/out/parent.yaml")
            let r = try CLI.run(["lint", "--format", "parseable"] + quiet + ["out/parent.yaml", "out/child.yaml"], cwd: dir)
            #expect(r.status == 0 && r.stdout.isEmpty, "\(url): \(r.stdout)")
            #expect(try CLI.run(["lint"] + quiet + ["out"], cwd: dir).status == 0)
        }
        // A parent elsewhere, naming another file: still W1002.
        try CLI.write(Self.parent(url: "other.yaml"), to: dir + "/out/parent.yaml")
        #expect(Self.ids(try CLI.run(["lint", "--format", "parseable"] + quiet + ["out"], cwd: dir).stdout) == ["W1002"])
        // The split manifest beside it lists it: the folder, or the file named alone.
        try CLI.write(
            #"{"parent": "parent.yaml", "stacks": {"Child": {"file": "child.yaml", "parent": null}}}"#,
            to: dir + "/out/manifest.json"
        )
        let folder = try CLI.run(["lint", "--format", "parseable"] + quiet + ["out"], cwd: dir)
        #expect(folder.status == 0 && folder.stdout.isEmpty, "\(folder.stdout)")
        let named = try CLI.run(["lint", "--format", "parseable", "out/child.yaml"], cwd: dir)
        #expect(named.status == 0 && named.stdout.isEmpty, "\(named.stdout)")
        // The parent itself is no nested template.
        try CLI.write(Self.parent(url: "child.yaml") + Self.big.dropFirst("Resources:\n".count), to: dir + "/out/parent.yaml")
        #expect(Self.ids(try CLI.run(["lint", "--format", "parseable"] + quiet + ["out"], cwd: dir).stdout) == ["W1002"])
    }

    /// A function behind an API method, the two in different nested stacks, the ARN passed as
    /// `cfntool split` passes it: an output of one stack, a parameter of the other.
    static func hierarchy(in dir: String) throws {
        try CLI.write(
            """
            Resources:
              FunctionStack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: functions.yaml
              ApiStack:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: api.yaml
                  Parameters:
                    HandlerArn: !GetAtt FunctionStack.Outputs.HandlerArn

            """,
            to: dir + "/parent.yaml"
        )
        try CLI.write(
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/lambda
                  Code: {ZipFile: "def handler(e, c): return {}"}
                  Timeout: 60
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/lambda
                  Code: {ZipFile: "def handler(e, c): return {}"}
                  Timeout: 300
            Outputs:
              HandlerArn:
                Value: !GetAtt Handler.Arn

            """,
            to: dir + "/functions.yaml"
        )
        try CLI.write(
            """
            Parameters:
              HandlerArn:
                Type: String
            Resources:
              Method:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: abc123
                  ResourceId: def456
                  HttpMethod: GET
                  AuthorizationType: NONE
                  Integration:
                    Type: AWS_PROXY
                    IntegrationHttpMethod: POST
                    Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${HandlerArn}/invocations

            """,
            to: dir + "/api.yaml"
        )
    }

    @Test("W3092 follows a function's ARN from the nested stack of the API to the nested stack of the function")
    func timeoutAcrossStacks() throws {
        let dir = try CLI.scratch()
        try Self.hierarchy(in: dir)
        // The parent's local TemplateURLs are W3002's (they deploy after `package`).
        let r = try CLI.run(["lint", "--format", "parseable", "--ignore-checks", "W3002", "."], cwd: dir)
        #expect(r.status == 1)
        // Handler is behind the API (Worker, as long, is not): its Timeout, in its own file.
        #expect(
            r.stdout.hasPrefix("./functions.yaml:9:7:9:14:W3092:Handler may run 60 s, but API Gateway stops waiting after 29 s"),
            "\(r.stdout)"
        )
        #expect(r.stdout.split(separator: "\n").count == 1)
        // Without the parent there is no path from the method to the function.
        let pair = try CLI.run(["lint", "functions.yaml", "api.yaml"], cwd: dir)
        #expect(pair.status == 0 && pair.stdout.isEmpty)
    }

    @Test("E3043 checks a nested stack's parameters against a template linted with it, also one a URL names")
    func nestedParametersThroughURL() throws {
        let dir = try CLI.scratch()
        try Self.hierarchy(in: dir)
        let parent = try CLI.read(dir + "/parent.yaml")
            .replacingOccurrences(of: "TemplateURL: api.yaml", with: "TemplateURL: https://bucket.s3.amazonaws.com/app/api.yaml")
            .replacingOccurrences(of: "HandlerArn: !GetAtt", with: "HandlerArm: !GetAtt")
        try CLI.write(parent, to: dir + "/parent.yaml")
        let r = try CLI.run(["lint", "--format", "parseable", "--ignore-checks", "W3092,W3002", "."], cwd: dir)
        #expect(r.stdout.contains(":E3043:'HandlerArm' is not a parameter of the nested stack's template"), "\(r.stdout)")
        #expect(r.stdout.contains(":E3043:The nested stack's parameter 'HandlerArn' is not given"))
        // The remote template alone is not fetched.
        #expect(try CLI.run(["lint", "--ignore-checks", "W3002", "parent.yaml"], cwd: dir).stdout.isEmpty)
    }

    @Test("split output of the 40-function template, every strategy: cfntool lint finds nothing the input did not have")
    func splitOutputPassesOwnLint() throws {
        let dir = try CLI.scratch()
        _ = try SplitCommandTests.serverless(in: dir)
        func findings(_ path: String) throws -> [[String: Any]] {
            let r = try CLI.run(["lint", "--format", "json", path], cwd: dir)
            #expect(r.status == 0 || r.status == 1, "\(path): \(r.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        }
        func key(_ f: [String: Any]) -> String { "\((f["Rule"] as? [String: Any])?["Id"] ?? "") \(f["Message"] ?? "")" }
        let input = try findings("serverless.yaml")
        let inputKeys = Set(input.map(key))
        let timeouts = input.filter { key($0).hasPrefix("W3092 ") }.map(key).sorted()
        #expect(timeouts.count == 15, "the input's W3092 findings")
        for strategy in ["routes", "function", "type", "auto"] {
            let split = try CLI.run(["split", "serverless.yaml", "-o", strategy, "--strategy", strategy], cwd: dir)
            #expect(split.status == 0, "\(strategy): \(split.stderr)")
            let output = try findings(strategy)
            let new = output.filter { !inputKeys.contains(key($0)) && key($0).hasPrefix("W3002 ") == false }
            #expect(new.isEmpty, "\(strategy): \(new.map { "\($0["Filename"] ?? ""): \(key($0))" })")
            #expect(!output.contains { ($0["Filename"] as? String)?.hasSuffix("manifest.json") == true })
            #expect(output.filter { key($0).hasPrefix("W3092 ") }.map(key).sorted() == timeouts, "\(strategy): W3092 lost")
        }
    }
}
