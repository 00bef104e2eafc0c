import Foundation
import Testing

/// A SAM app: a function behind an SQS queue would need events; this one needs only the core.
private let app = """
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Stage: {Type: String, Default: dev}
    Globals:
      Function:
        Runtime: python3.12
        Timeout: 10
    Resources:
      Table:
        Type: AWS::Serverless::SimpleTable
      GetUserFn:
        Type: AWS::Serverless::Function
        Properties:
          CodeUri: src/users/
          Handler: app.get_user
          AutoPublishAlias: !Ref Stage
          Policies:
            - DynamoDBReadPolicy: {TableName: !Ref Table}
      Queue:
        Type: AWS::SQS::Queue
    Outputs:
      Alias:
        Value: !Ref GetUserFn.Alias

    """

@Suite("cfntool transform", .serialized)
struct TransformCommandTests {
    @Test("a SAM app becomes plain CloudFormation, in the input's format, with local code paths kept for packaging")
    func transform() throws {
        let dir = try CLI.scratch()
        try CLI.write(app, to: dir + "/app.yaml")
        let r = try CLI.run(["transform", dir + "/app.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("AWS::Serverless") && !r.stdout.contains("Transform:"))
        #expect(r.stdout.contains("Type: AWS::Lambda::Function") && r.stdout.contains("Type: AWS::DynamoDB::Table"))
        #expect(r.stdout.contains("Code: src/users/"), "a local CodeUri stays a path for aws cloudformation package")
        #expect(r.stdout.contains("Name: dev"), "the alias name comes from the parameter's default")
        #expect(r.stdout.contains("Value: !Ref GetUserFnAliasdev"), "!Ref GetUserFn.Alias names the generated alias")

        let json = try CLI.run(["transform", "--format", "json", "--parameter", "Stage=prod", dir + "/app.yaml"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let resources = try #require(object?["Resources"] as? [String: Any])
        #expect(resources["GetUserFnAliasprod"] != nil && resources["GetUserFnRole"] != nil)
        #expect(resources.keys.contains { $0.hasPrefix("GetUserFnVersion") })

        let out = dir + "/out.json"
        let written = try CLI.run(["transform", "--format", "json", "-o", out, dir + "/app.yaml"])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try CLI.read(out).hasPrefix("{"))
    }

    @Test("invalid SAM: exit 2 and every error on stderr as file:line:col: [LogicalId] message")
    func invalid() throws {
        let dir = try CLI.scratch()
        try CLI.write(
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              A:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: s3://b/k.zip, Handler: a.b, Runtime: python3.12, Colour: blue}
              B:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: s3://b/k.zip, Handler: a.b}

            """,
            to: dir + "/bad.yaml"
        )
        let r = try CLI.run(["transform", dir + "/bad.yaml"])
        #expect(r.status == 2 && r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(dir + "/bad.yaml:5:") == true && lines.first?.contains("[A] property Colour not defined") == true)
        #expect(lines.last?.hasPrefix(dir + "/bad.yaml:6:3: [B]") == true)
    }

    @Test("a template without the SAM transform comes out as the same template; bad input exits 2")
    func passthrough() throws {
        let r = try CLI.run(["transform", "--format", "json", "templates/vpc.yaml"])
        #expect(r.status == 0)
        let same = try CLI.run(["convert", "--to", "json", "templates/vpc.yaml"])
        #expect(r.stdout == same.stdout)
        let missing = try CLI.run(["transform", "nope.yaml"])
        #expect(missing.status == 2 && missing.stderr.contains("nope.yaml"))
        let usage = try CLI.run(["transform", "--parameter", "novalue", "templates/vpc.yaml"])
        #expect(usage.status == 64)
    }

    @Test("a serverless-repository application needs its template URL: a clear error, then --sar-template-url")
    func serverlessRepository() throws {
        let dir = try CLI.scratch()
        try CLI.write(
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              App:
                Type: AWS::Serverless::Application
                Properties:
                  Location: {ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/hello, SemanticVersion: 1.0.0}

            """,
            to: dir + "/app.yaml"
        )
        let r = try CLI.run(["transform", dir + "/app.yaml"])
        #expect(r.status == 2 && r.stderr.contains("--sar-template-url"))
        let ok = try CLI.run(["transform", "--sar-template-url", "*=https://example.com/t.yaml", dir + "/app.yaml"])
        #expect(ok.status == 0 && ok.stdout.contains("TemplateURL: https://example.com/t.yaml"))
    }
}
