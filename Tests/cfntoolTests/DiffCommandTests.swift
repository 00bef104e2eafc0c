import Foundation
import Testing

private let before = """
    Resources:
      Table:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: orders
          BillingMode: PAY_PER_REQUEST
          AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
          KeySchema: [{AttributeName: id, KeyType: HASH}]
      Queue:
        Type: AWS::SQS::Queue
        Properties: {VisibilityTimeout: 30}
      Logs:
        Type: AWS::S3::Bucket
        DeletionPolicy: Retain
      Role:
        Type: AWS::IAM::Role
        Properties:
          AssumeRolePolicyDocument:
            Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
          Policies:
            - PolicyName: read
              PolicyDocument:
                Statement:
                  - {Effect: Allow, Action: dynamodb:GetItem, Resource: !GetAtt Table.Arn}

    """

/// The same template, written differently: JSON, long forms, "30" for 30, keys reordered.
private let sameAsJSON = """
    {"Resources": {
      "Queue": {"Properties": {"VisibilityTimeout": "30"}, "Type": "AWS::SQS::Queue"},
      "Logs": {"DeletionPolicy": "Retain", "Type": "AWS::S3::Bucket"},
      "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": [{"KeyType": "HASH", "AttributeName": "id"}],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST", "TableName": "orders"}},
      "Role": {"Type": "AWS::IAM::Role", "Properties": {
        "Policies": [{"PolicyName": "read", "PolicyDocument": {"Statement": [
          {"Resource": {"Fn::GetAtt": ["Table", "Arn"]}, "Action": "dynamodb:GetItem", "Effect": "Allow"}]}}],
        "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}}
    }}
    """

private func changed(_ text: String, _ edits: [(String, String)]) -> String {
    var t = text
    for (a, b) in edits { t = t.replacingOccurrences(of: a, with: b) }
    return t
}

@Suite("cfntool diff")
struct DiffCommandTests {
    func files(_ old: String, _ new: String) throws -> (String, String) {
        let dir = try CLI.scratch()
        try CLI.write(old, to: dir + "/old.yaml")
        try CLI.write(new, to: dir + "/new.yaml")
        return (dir + "/old.yaml", dir + "/new.yaml")
    }

    @Test("no differences: exit 0, also with --fail, whatever the form")
    func noDifferences() throws {
        let dir = try CLI.scratch()
        try CLI.write(before, to: dir + "/a.yaml")
        try CLI.write(sameAsJSON, to: dir + "/b.json")
        let r = try CLI.run(["diff", "--fail", dir + "/a.yaml", dir + "/b.json"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("no differences"))
    }

    @Test("a renamed table: replace; exit 0 without --fail, 1 with --fail or --fail-on replace")
    func replacementExitCodes() throws {
        let (a, b) = try files(before, changed(before, [("TableName: orders", "TableName: orders-v2")]))
        let plain = try CLI.run(["diff", a, b])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("! Table  AWS::DynamoDB::Table  REPLACE"))
        #expect(plain.stdout.contains("Properties.TableName: \"orders\" -> \"orders-v2\"  (create-only: replaces)"))
        // The role's policy takes Table.Arn, which changes when the table is replaced.
        #expect(plain.stdout.contains("~ Role  AWS::IAM::Role  update"))
        #expect(try CLI.run(["diff", "--fail", a, b]).status == 1)
        #expect(try CLI.run(["diff", "--fail-on", "replace", a, b]).status == 1)
        #expect(try CLI.run(["diff", "--fail-on", "delete", a, b]).status == 0)
        let only = try CLI.run(["diff", "--only", "replacements", a, b])
        #expect(only.stdout.contains("Table") && !only.stdout.contains("Role"))
    }

    @Test("an update only: --fail-on replace and delete exit 0, --fail exits 1")
    func updateOnly() throws {
        let (a, b) = try files(before, changed(before, [("VisibilityTimeout: 30", "VisibilityTimeout: 60")]))
        let r = try CLI.run(["diff", "--fail-on", "replace", "--fail-on", "delete", a, b])
        #expect(r.status == 0)
        #expect(r.stdout.contains("~ Queue  AWS::SQS::Queue  update"))
        #expect(r.stdout.contains("Properties.VisibilityTimeout: 30 -> 60"))
        #expect(try CLI.run(["diff", "--fail", a, b]).status == 1)
    }

    @Test("deletion and orphaning; --fail-on delete")
    func deletion() throws {
        var new = changed(before, [("  Logs:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n", "")])
        new = changed(new, [("  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {VisibilityTimeout: 30}\n", "")])
        let (a, b) = try files(before, new)
        let r = try CLI.run(["diff", "--fail-on", "delete", a, b])
        #expect(r.status == 1)
        #expect(r.stdout.contains("- Queue  AWS::SQS::Queue  delete"))
        #expect(r.stdout.contains("- Logs  AWS::S3::Bucket  orphan"))
    }

    @Test("--format json parses and carries the impacts; markdown has the table")
    func formats() throws {
        let new = changed(before, [("TableName: orders", "TableName: orders-v2"), ("Action: dynamodb:GetItem", "Action: 'dynamodb:*'")])
        let (a, b) = try files(before, new)
        let r = try CLI.run(["diff", "--format", "json", a, b])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let resources = try #require(json["resources"] as? [[String: Any]])
        #expect(resources.first { $0["logicalId"] as? String == "Table" }?["impact"] as? String == "replaced")
        let role = try #require(resources.first { $0["logicalId"] as? String == "Role" })
        #expect((role["security"] as? [[String: Any]])?.count == 2)
        #expect((json["summary"] as? [String: Any])?["replaced"] as? Int == 1)
        let md = try CLI.run(["diff", "--format", "markdown", a, b])
        #expect(md.stdout.contains("| ! | `Table` | AWS::DynamoDB::Table | **replace** |"))
        #expect(md.stdout.contains("IAM policy statements"))
        let sec = try CLI.run(["diff", "--only", "security", a, b])
        #expect(sec.stdout.contains("IAM policy statements:") && !sec.stdout.contains("Table  AWS::DynamoDB::Table"))
    }

    @Test("- reads standard input; both - is a usage error")
    func stdin() throws {
        let (a, b) = try files(before, changed(before, [("VisibilityTimeout: 30", "VisibilityTimeout: 45")]))
        let r = try CLI.run(["diff", "--fail", a, "-"], stdin: try CLI.read(b))
        #expect(r.status == 1)
        #expect(r.stdout.contains("Queue"))
        #expect(try CLI.run(["diff", "-", "-"], stdin: before).status == 64)
    }

    @Test("a parse error exits 2 with file:line:col; a missing file exits 2")
    func badInput() throws {
        let (a, b) = try files(before, "Resources:\n  A: {Type: X}\n  A: {Type: Y}\n")
        let r = try CLI.run(["diff", a, b])
        #expect(r.status == 2)
        #expect(r.stderr.contains(b + ":3:3:"))
        #expect(try CLI.run(["diff", a, a + ".nope"]).status == 2)
    }

    @Test("git:REV:PATH reads a file as a revision has it")
    func gitRevision() throws {
        let dir = try CLI.scratch()
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + args
            p.currentDirectoryURL = URL(fileURLWithPath: dir)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        try git("init", "-q")
        try CLI.write(before, to: dir + "/app.yaml")
        try git("add", "app.yaml")
        try git("commit", "-qm", "one")
        try CLI.write(changed(before, [("TableName: orders", "TableName: orders-v2")]), to: dir + "/app.yaml")
        let r = try CLI.run(["diff", "--fail-on", "replace", "git:HEAD:app.yaml", "app.yaml"], cwd: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("git:HEAD:app.yaml -> app.yaml"))
        #expect(r.stdout.contains("REPLACE"))
        let missing = try CLI.run(["diff", "git:HEAD:nope.yaml", "app.yaml"], cwd: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("git:HEAD:nope.yaml"))
    }
}
